"""Keep-alive while the caller does not read, reconnection with resubscription, asyncio."""

import asyncio
import base64
import socket
import time
import urllib.parse

import pytest

import flowsocket
from conftest import ADMIN

IDLE_MS, PING_MS = 1500, 300


@pytest.fixture
def short_idle_timeout(sandbox):
    """Connections opened inside the test are closed after IDLE_MS without a frame
    from the client (limits are fixed per connection when it opens)."""
    sandbox.configure(idleTimeoutMs=IDLE_MS, pingIntervalMs=PING_MS)
    yield
    sandbox.configure(idleTimeoutMs=120000, pingIntervalMs=30000)


def raw_connection_that_never_reads(url):
    parts = urllib.parse.urlsplit(url)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    auth = base64.b64encode(("%s:%s" % ADMIN).encode()).decode()
    sock.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                  "Authorization: Basic %s\r\n\r\n" % (parts.path, parts.netloc, auth)).encode())
    return sock


def read_until_close_frame(sock, reason):
    """What the server sent, up to its close frame (it then waits for the client's answer)."""
    data = b""
    while reason not in data:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            return data
        if not chunk:
            return data
        data += chunk
    return data


def test_a_client_that_does_not_read_is_closed_by_the_idle_timeout(sandbox, short_idle_timeout):
    # The limit the next test relies on is real: a socket nobody reads gets close 1001.
    sock = raw_connection_that_never_reads(sandbox.url)
    time.sleep(IDLE_MS / 1000.0 * 2)
    data = read_until_close_frame(sock, b"idle timeout")
    sock.close()
    assert b"101" in data.split(b"\r\n")[0]
    close = data.rindex(b"\x88")
    assert data[close + 2:close + 4] == (1001).to_bytes(2, "big")
    assert b"idle timeout" in data[close:]


def test_the_client_stays_connected_while_the_caller_sleeps(sandbox, short_idle_timeout):
    with flowsocket.Client(sandbox.url, user=ADMIN[0], password=ADMIN[1]) as client:
        assert client.greeting["limits"]["idleTimeoutMs"] == IDLE_MS
        time.sleep(IDLE_MS / 1000.0 * 3)  # the caller reads nothing meanwhile
        assert client.hello()["user"] == "onos"
        assert client.connections == 1


def drop_client_side(client):
    flowsocket._transport.abort(client._client._ws)


def close_server_side(client):
    # A frame over maxFrameBytes makes the server close the connection with 1009.
    limit = client.greeting["limits"]["maxFrameBytes"]
    asyncio.run_coroutine_threadsafe(client._client._ws.send("x" * (limit + 1)),
                                     client._loop).result(10)


@pytest.mark.parametrize("drop", [drop_client_side, close_server_side])
def test_reconnects_resubscribes_and_signals_the_gap(sandbox, clean_flows, drop):
    with flowsocket.Client(sandbox.url, user=ADMIN[0], password=ADMIN[1],
                           reconnect_delay=0.1) as client:
        events = client.subscribe(["flows"])
        first = client.install_flow("10.0.0.1", "10.0.0.2")
        before = []
        while not before or before[-1].event != "FLOW_INSTALLED":
            before.append(events.get(timeout=10))
        drop(client)
        gap = events.get(timeout=10)
        assert isinstance(gap, flowsocket.Gap) and gap.reconnected and gap.missed is None
        assert client.connections == 2
        # Subscribed again: the new connection's events arrive, seq from 1.
        second = client.install_flow("10.0.0.2", "10.0.0.3")
        after = events.get(timeout=10)
        assert isinstance(after, flowsocket.Event) and after.seq == 1
        # Rule events may come before the handle's (protocol.md, Events).
        while not after.event.startswith("FLOW_"):
            after = events.get(timeout=10)
        assert after.data["flowId"] == second["flowId"] != first["flowId"]


def test_requests_wait_for_the_reconnection(sandbox):
    with flowsocket.Client(sandbox.url, user=ADMIN[0], password=ADMIN[1],
                           reconnect_delay=0.5) as client:
        drop_client_side(client)
        time.sleep(0.1)
        assert client.hello()["user"] == "onos"
        assert client.connections == 2


def test_without_reconnect_the_client_reports_the_loss(sandbox):
    with flowsocket.Client(sandbox.url, user=ADMIN[0], password=ADMIN[1],
                           reconnect=False) as client:
        events = client.subscribe(["hosts"])
        drop_client_side(client)
        with pytest.raises(flowsocket.ConnectionLost) as raised:
            events.get(timeout=10)
        assert raised.value.code == 1006
        with pytest.raises(flowsocket.ConnectionLost):
            client.hello()


def test_asyncio_client(sandbox, clean_flows):
    async def main():
        async with flowsocket.aio.Client(sandbox.url, user=ADMIN[0],
                                         password=ADMIN[1]) as client:
            assert client.greeting["role"] == "admin"
            events = await client.subscribe(["flows"])
            # An InstallFlow waits for the switches; a Hello sent after it is not held up.
            install = asyncio.ensure_future(client.install_flow("10.0.0.1", "10.0.0.3", "bulk"))
            hello, nodes, links = await asyncio.gather(client.hello(), client.list_nodes(),
                                                       client.list_links())
            assert hello["user"] == "onos" and len(nodes["hosts"]) == 3
            assert len(links["links"]) == 4
            flow = await install
            assert flow["state"] == "INSTALLED"
            seen = []
            async for item in events:
                seen.append(item.event)
                if item.event == "FLOW_INSTALLED":
                    break
            # Rule events may come before the handle's (protocol.md, Events).
            assert [e for e in seen if e.startswith("FLOW_")][0] == "FLOW_PENDING"
            assert (await client.get_flow(flow["flowId"]))["flowId"] == flow["flowId"]
            assert [f["flowId"] for f in (await client.list_flows())["flows"]] == [flow["flowId"]]
            with pytest.raises(flowsocket.UnknownHost):
                await client.install_flow("10.0.0.1", "10.0.0.99")
            assert (await client.remove_flow(flow["flowId"]))["state"] == "REMOVED"
            await events.close()
            with pytest.raises(StopAsyncIteration):
                await events.get(1)
        with pytest.raises(flowsocket.ClientClosed):
            await client.hello()

    asyncio.run(asyncio.wait_for(main(), 60))
