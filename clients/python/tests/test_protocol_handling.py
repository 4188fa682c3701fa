"""Reply matching, gap signals and timeouts against a scripted server."""

import asyncio
import json
import time

import pytest

import flowsocket
from fake_server import FakeServer, event, reply


async def answer_subscribe(ws, requests):
    subscribe = await requests.get()
    assert subscribe["type"] == "Subscribe"
    await ws.send(reply(subscribe, {"topics": subscribe["topics"]}))


def test_replies_out_of_order_with_events_between_them():
    async def script(ws, requests):
        await answer_subscribe(ws, requests)
        first, second, third = [await requests.get() for _ in range(3)]
        await ws.send(event(1))
        await ws.send(reply(third, {"n": 3}))
        await ws.send(event(2))
        await ws.send(reply(second, {"n": 2}))
        await ws.send(reply(first, {"n": 1}))
        await ws.send(event(3))

    async def main(url):
        async with flowsocket.aio.Client(url) as client:
            events = await client.subscribe("flows")
            results = await asyncio.gather(client.request("A"), client.request("B"),
                                           client.request("C"))
            assert [r["n"] for r in results] == [1, 2, 3]
            assert [(await events.get(1)).seq for _ in range(3)] == [1, 2, 3]

    with FakeServer(script) as server:
        asyncio.run(main(server.url))


def test_a_seq_jump_yields_a_gap():
    async def script(ws, requests):
        await answer_subscribe(ws, requests)
        for seq in (1, 2, 5, 6):
            await ws.send(event(seq))

    with FakeServer(script) as server, flowsocket.Client(server.url) as client:
        events = client.subscribe(["flows"])
        items = [events.get(timeout=5) for _ in range(5)]
    assert [getattr(i, "seq", None) for i in items] == [1, 2, None, 5, 6]
    gap = items[2]
    assert isinstance(gap, flowsocket.Gap) and not gap.reconnected
    assert (gap.expected, gap.received, gap.missed) == (3, 5, 2)


def test_error_details_reach_the_exception():
    refusal = {"code": "FLOW_REFUSED", "message": "the switches refused 1 rule(s)",
               "details": {"refused": [{"deviceId": "of:0000000000000002", "errType": 2,
                                        "errCode": 4, "switchError": "BAD_ACTION/BAD_OUT_PORT"}]},
               "flowId": "fs-8"}

    async def script(ws, requests):
        await ws.send(reply(await requests.get(), error=refusal))

    with FakeServer(script) as server, flowsocket.Client(server.url) as client:
        with pytest.raises(flowsocket.FlowRefused) as raised:
            client.install_flow("10.0.0.1", "10.0.0.3")
    assert raised.value.flow_id == "fs-8"
    assert raised.value.details["refused"][0]["switchError"] == "BAD_ACTION/BAD_OUT_PORT"


def test_no_reply_is_a_timeout_and_a_late_reply_is_dropped():
    async def script(ws, requests):
        slow = await requests.get()
        fast = await requests.get()
        await ws.send(reply(slow, {"late": True}))  # after the client gave up on it
        await ws.send(reply(fast, {"fast": True}))

    with FakeServer(script) as server, flowsocket.Client(server.url, timeout=0.5) as client:
        with pytest.raises(flowsocket.RequestTimeout) as raised:
            client.request("Slow")
        assert isinstance(raised.value, asyncio.TimeoutError)
        assert client.request("Fast") == {"fast": True}
        with pytest.raises(flowsocket.RequestTimeout):
            client.request("Slow", timeout=0.2)


def test_a_request_cut_off_by_a_lost_connection_raises_connection_lost():
    async def script(ws, requests):
        await requests.get()
        await ws.close(1011, "unexpected failure")

    with FakeServer(script) as server, \
            flowsocket.Client(server.url, reconnect=False) as client:
        with pytest.raises(flowsocket.ConnectionLost) as raised:
            client.hello()
        assert raised.value.code == 1011
        with pytest.raises(flowsocket.ConnectionLost):
            client.hello()


def test_requests_carry_the_protocols_field_names():
    seen = []

    async def script(ws, requests):
        while True:
            request = await requests.get()
            seen.append(request)
            await ws.send(reply(request))

    with FakeServer(script) as server, flowsocket.Client(server.url) as client:
        client.install_flow("10.0.0.1", "10.0.0.3", bandwidth_kbps=500, police=True, confirm=False)
        client.install_flow("10.0.0.1", "10.0.0.3", "voice", protocol="udp", src_port=1,
                            dst_port=5060, priority=7, dscp=46, queue=2, meter_kbps=512,
                            meter_burst_kb=64, bandwidth_kbps=2000, bidirectional=True,
                            reroute=False, timeout=30, confirm=False,
                            timeout_ms=500)
        client.add_device(dpid="00:0a", protocol="openflow", device_type="switch",
                          management_address="10.0.0.7", hw_version="1", sw_version="2",
                          grid_x=1.5, grid_y=2.5)
        client.remove_flow("fs-1", force=True, confirm=False, timeout_ms=200)
    policed, install, device, remove = seen
    assert policed["network"] == {"src": "10.0.0.1", "dst": "10.0.0.3",
                                  "qos": {"bandwidthKbps": 500, "police": True}}
    assert install["type"] == "InstallFlow" and install["id"].startswith("py-")
    assert install["network"] == {
        "src": "10.0.0.1", "dst": "10.0.0.3", "protocol": "udp", "srcPort": 1, "dstPort": 5060,
        "class": "voice", "priority": 7, "bidirectional": True, "timeout": 30, "reroute": False,
        "qos": {"dscp": 46, "queue": 2, "meterKbps": 512, "meterBurstKb": 64,
                "bandwidthKbps": 2000}}
    assert (install["confirm"], install["timeoutMs"]) == (False, 500)
    assert device == dict(device, kind="device", dpid="00:0a", protocol="openflow",
                          deviceType="switch", managementAddress="10.0.0.7", hwVersion="1",
                          swVersion="2", gridX=1.5, gridY=2.5)
    assert "deviceId" not in device
    assert json.loads(json.dumps(remove)) == {"type": "RemoveFlow", "id": remove["id"],
                                              "flowId": "fs-1", "force": True, "confirm": False,
                                              "timeoutMs": 200}


def test_a_server_going_away_is_followed_by_reconnection_and_resubscription():
    subscribes = []

    async def script(ws, requests):
        subscribe = await requests.get()
        subscribes.append(subscribe["topics"])
        await ws.send(reply(subscribe, {"topics": subscribe["topics"]}))
        if len(subscribes) == 1:
            await ws.send(event(1))
            await ws.close(1001, "server shutting down")
        else:
            await ws.send(event(1, name="FLOW_REMOVED"))

    with FakeServer(script) as server, \
            flowsocket.Client(server.url, reconnect_delay=0.05) as client:
        events = client.subscribe(["flows", "hosts"])
        first, gap, second = [events.get(timeout=5) for _ in range(3)]
        assert (first.seq, first.event) == (1, "FLOW_INSTALLED")
        assert isinstance(gap, flowsocket.Gap) and gap.reconnected
        assert (second.seq, second.event) == (1, "FLOW_REMOVED")
        assert subscribes == [["flows", "hosts"], ["flows", "hosts"]]
        assert server.connections == 2 and client.connections == 2


def test_a_normal_close_without_reconnect_ends_subscriptions_with_its_code():
    async def script(ws, requests):
        await answer_subscribe(ws, requests)
        await ws.close(1001, "server shutting down")

    with FakeServer(script) as server, \
            flowsocket.Client(server.url, reconnect=False) as client:
        events = client.subscribe(["flows"])
        with pytest.raises(flowsocket.ConnectionLost) as raised:
            events.get(timeout=5)
    assert (raised.value.code, raised.value.reason) == (1001, "server shutting down")


def test_closing_while_reconnecting_ends_subscriptions_quietly():
    async def script(ws, requests):
        await answer_subscribe(ws, requests)
        await ws.close(1001, "server shutting down")

    with FakeServer(script) as server:
        client = flowsocket.Client(server.url, reconnect_delay=30)
        client.connect()
        events = client.subscribe(["flows"])
        deadline = time.monotonic() + 5
        while client.connected and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not client.connected
        started = time.monotonic()
        client.close()
        assert time.monotonic() - started < 5  # does not sit out the reconnection delay
        with pytest.raises(StopIteration):
            events.get(timeout=1)


def test_a_batch_waits_for_each_of_its_flows_as_the_server_may():
    """The server runs a batch's items one after another, each InstallFlow or
    RemoveFlow as long as its own timeoutMs (and a metered flow's meter wait)."""
    from flowsocket.commands import Commands

    class Recorder(Commands):
        async def request(self, command, fields=None, timeout=None):
            self.waited = timeout
            return {}

    recorder = Recorder()
    asyncio.run(recorder.batch([
        {"type": "Hello"},
        {"type": "InstallFlow", "timeoutMs": 120000,
         "network": {"src": "10.0.0.1", "dst": "10.0.0.2", "qos": {"meterKbps": 512}}},
        {"type": "RemoveFlow", "flowId": "fs-1"}]))
    # 30 s for the batch, 120 + 120 + 10 s for the metered install, 30 s for the removal.
    assert recorder.waited == 30.0 + 250.0 + 30.0
    asyncio.run(recorder.batch([{"type": "InstallFlow", "flows": []}], reply_timeout=5))
    assert recorder.waited == 5
