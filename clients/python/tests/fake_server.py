"""A scripted stand-in server for what the sandbox cannot be made to do on purpose:
a gap in ``seq``, replies in reverse order, a reply that never comes. Protocol
messages are shaped as docs/protocol.md gives them."""

import asyncio
import json
import threading

import websockets

HELLO = {"kind": "hello", "server": "FlowSocket", "protocol": "flowsocket.v1", "user": "onos",
         "role": "admin", "limits": {"idleTimeoutMs": 120000, "pingIntervalMs": 30000}}


class FakeServer:
    """Runs ``script(ws, requests)`` for each connection on a thread of its own;
    ``requests`` is an asyncio.Queue of the decoded requests the client sends."""

    def __init__(self, script):
        self.script = script
        self.loop = asyncio.new_event_loop()
        self.url = None
        self.connections = 0
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)

    async def _handle(self, ws, path=None):
        self.connections += 1
        requests = asyncio.Queue()

        async def read():
            async for text in ws:
                await requests.put(json.loads(text))
        await ws.send(json.dumps(HELLO))
        script = asyncio.ensure_future(self.script(ws, requests))
        try:
            await read()  # until the connection closes
        except websockets.exceptions.ConnectionClosed:
            pass
        finally:
            script.cancel()

    def __enter__(self):
        self._thread.start()

        async def start():
            return await websockets.serve(self._handle, "127.0.0.1", 0,
                                          subprotocols=["flowsocket.v1"])
        self._server = asyncio.run_coroutine_threadsafe(start(), self.loop).result()
        port = self._server.sockets[0].getsockname()[1]
        self.url = "ws://127.0.0.1:%d/onos/flowsocket/ws" % port
        return self

    def __exit__(self, *exc_info):
        async def stop():
            self._server.close()
            await self._server.wait_closed()
        asyncio.run_coroutine_threadsafe(stop(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)


def reply(request, result=None, error=None):
    message = {"kind": "reply", "id": request["id"], "type": request["type"]}
    if error is None:
        message.update(status="ok", result=result if result is not None else {})
    else:
        message.update(status="error", error=error)
    return json.dumps(message)


def event(seq, topic="flows", name="FLOW_INSTALLED", data=None):
    return json.dumps({"kind": "event", "topic": topic, "event": name, "seq": seq,
                       "time": 1795640000000 + seq, "data": data or {"flowId": "fs-%d" % seq}})
