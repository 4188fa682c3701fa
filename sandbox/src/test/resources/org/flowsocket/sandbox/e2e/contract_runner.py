"""Runs one of the documents' Python examples (the script named first) with every
text frame it receives checked against docs/schema/, the protocol's normative
contract, by the Python client suite's validator (clients/python/tests/contract.py).
Frames come through websocket-client (import websocket) or websockets (import
websockets; the flowsocket package too), whichever the example uses. The
violations go, one a line, to the file FLOWSOCKET_CONTRACT_VIOLATIONS names."""

import json
import os
import runpy
import sys

sys.path.insert(0, os.environ["FLOWSOCKET_CONTRACT_DIR"])
from contract import Contract  # noqa: E402

CONTRACT = Contract()
VIOLATIONS = []


def check(frame):
    if not isinstance(frame, str):
        return
    try:
        CONTRACT.check_server_message(json.loads(frame))
    except (ValueError, AssertionError) as e:
        VIOLATIONS.append(str(e).replace("\n", " "))


def watch_websocket_client():
    import websocket
    receive = websocket.WebSocket.recv

    def recv(self):
        frame = receive(self)
        check(frame)
        return frame
    websocket.WebSocket.recv = recv


def watch_websockets():
    # websockets 10 (Debian 12): iteration over a connection calls recv too.
    from websockets.legacy.protocol import WebSocketCommonProtocol
    receive = WebSocketCommonProtocol.recv

    async def recv(self):
        frame = await receive(self)
        check(frame)
        return frame
    WebSocketCommonProtocol.recv = recv


def main():
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    watch_websocket_client()
    watch_websockets()
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        with open(os.environ["FLOWSOCKET_CONTRACT_VIOLATIONS"], "a", encoding="utf-8") as out:
            out.writelines(v + "\n" for v in VIOLATIONS)


if __name__ == "__main__":
    main()
