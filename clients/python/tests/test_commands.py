"""Every command method of the synchronous client against the sandbox."""

import flowsocket

S1, S3 = "of:0000000000000001", "of:0000000000000003"


def test_greeting_and_hello(client):
    assert client.greeting["kind"] == "hello"
    assert client.greeting["user"] == "onos"
    hello = client.hello()
    assert hello["protocol"] == "flowsocket.v1"
    assert hello["role"] == "admin"
    assert "InstallFlow" in hello["commands"]
    assert hello["trafficClasses"]["voice"]["dscp"] == 46


def test_nodes_and_links(client):
    nodes = client.list_nodes()
    assert len(nodes["devices"]) == 3 and len(nodes["hosts"]) == 3
    assert [h["ipAddresses"] for h in client.list_nodes("host", device_id=S1)["hosts"]] \
        == [["10.0.0.1"]]
    assert "hosts" not in client.list_nodes("device")
    assert client.get_node(ip="10.0.0.3")["locations"][0]["elementId"] == S3
    assert client.get_node(device_id=S1)["state"] == "online"
    links = client.list_links()
    assert len(links["links"]) == 4 and links["truncated"] is False
    assert len(client.list_links(device_id=S3, state="active")["links"]) == 2


def test_add_get_remove_host(client):
    host = client.add_host("00:00:00:00:00:0a", S1 + "/1", ips=["10.0.0.10"], name="printer",
                           annotations={"rack": "r1"})
    try:
        assert host["id"] == "00:00:00:00:00:0A/None"
        assert host["annotations"] == {"name": "printer", "rack": "r1"}
        assert client.get_node(host_id=host["id"])["ipAddresses"] == ["10.0.0.10"]
        moved = client.add_host("00:00:00:00:00:0a", {"deviceId": S3, "port": 1},
                                ips=["10.0.0.10"], replace=True)
        assert moved["locations"][0]["elementId"] == S3
    finally:
        removed = client.remove_node(host_id="00:00:00:00:00:0A/None")
    assert removed["state"] == "removed"


def test_add_and_remove_device(client):
    device = client.add_device(protocol="netconf", ip="10.0.0.5", username="admin",
                               password="admin", name="edge-router-1", device_type="router")
    assert device["id"] == "netconf:10.0.0.5:830"
    assert device["state"] == "provisioned"
    assert device["config"]["name"] == "edge-router-1"
    assert client.get_node(device_id="netconf:10.0.0.5:830")["state"] == "provisioned"
    assert client.remove_node(device_id="netconf:10.0.0.5:830")["state"] == "removed"


def test_network_flow_install_get_list_remove(client):
    flow = client.install_flow("10.0.0.1", "10.0.0.3", "voice", protocol="udp", dst_port=5060,
                               dscp=40, queue=2, bidirectional=True)
    assert flow["state"] == "INSTALLED"
    assert len(flow["rules"]) == 6
    assert flow["spec"]["class"] == "voice"
    assert flow["spec"]["qos"] == {"dscp": 40, "queue": 2}
    got = client.get_flow(flow["flowId"])
    assert got["flowId"] == flow["flowId"] and all("state" in r for r in got["rules"])
    listed = client.list_flows(owner="onos", state="INSTALLED", device_id=S3)["flows"]
    assert [f["flowId"] for f in listed] == [flow["flowId"]]
    assert client.remove_flow(flow["flowId"])["state"] == "REMOVED"
    assert client.list_flows()["flows"] == []


def test_flow_without_confirmation(client):
    flow = client.install_flow("10.0.0.1", "10.0.0.2", confirm=False, timeout_ms=5000)
    assert flow["state"] == "PENDING"
    removed = client.remove_flow(flow["flowId"], force=True)
    assert removed["state"] == "REMOVED"


ONOS_FLOWS = {"flows": [{
    "priority": 40000, "isPermanent": True, "deviceId": S1,
    "treatment": {"instructions": [{"type": "OUTPUT", "port": "2"}]},
    "selector": {"criteria": [{"type": "ETH_TYPE", "ethType": "0x800"},
                              {"type": "IPV4_DST", "ip": "10.0.0.2/32"}]}}]}


def test_onos_flow_json(client):
    flow = client.install_flows(ONOS_FLOWS)
    assert flow["state"] == "INSTALLED" and len(flow["rules"]) == 1
    client.remove_flow(flow["flowId"])
    single = dict(ONOS_FLOWS["flows"][0])
    del single["deviceId"]
    flow = client.install_flows(single, device_id=S1, timeout_ms=5000)
    assert flow["rules"][0]["deviceId"] == S1
    client.remove_flow(flow["flowId"])
    flow = client.install_flows(ONOS_FLOWS["flows"])  # the list alone
    assert flow["state"] == "INSTALLED"


def test_batch(client):
    result = client.batch([
        {"type": "Hello", "id": "a"},
        {"type": "GetFlow", "flowId": "fs-none"},
        {"type": "InstallFlow", "network": {"src": "10.0.0.2", "dst": "10.0.0.3",
                                            "class": "video"}}])
    assert result["count"] == 3 and result["failed"] == 1
    assert [r["status"] for r in result["results"]] == ["ok", "error", "ok"]
    assert result["results"][0]["id"] == "a"
    assert result["results"][1]["error"]["code"] == "UNKNOWN_FLOW"
    assert result["results"][2]["result"]["state"] == "INSTALLED"


def test_raw_request(client):
    assert client.request("ListNodes", {"kind": "device", "limit": 1})["truncated"] is True
    reply = client.request_reply("GetFlow", {"flowId": "fs-none"})
    assert reply["status"] == "error" and reply["id"].startswith("py-")


def test_subscribe_yields_events_in_order(client):
    with client.subscribe(["flows", "hosts"]) as events:
        assert events.topics == ("flows", "hosts")
        flow = client.install_flow("10.0.0.1", "10.0.0.2")
        seen = []
        while not seen or seen[-1].event != "FLOW_INSTALLED":
            seen.append(events.get(timeout=10))
        assert all(isinstance(e, flowsocket.Event) for e in seen)
        assert [e.seq for e in seen] == list(range(1, len(seen) + 1))
        assert [e.event for e in seen if e.event.startswith("FLOW_")][0] == "FLOW_PENDING" \
            and seen[-1].data["flowId"] == flow["flowId"]
        client.add_host("00:00:00:00:00:0b", S1 + "/1", ips=["10.0.0.11"])
        client.remove_node(host_id="00:00:00:00:00:0B/None")
        host_events = [e.event for e in _drain(events) if e.topic == "hosts"]
        assert host_events == ["HOST_ADDED", "HOST_REMOVED"]


def _drain(events, quiet=1.0):
    items = []
    while True:
        try:
            items.append(events.get(timeout=quiet))
        except flowsocket.RequestTimeout:
            return items


def test_unsubscribe_keeps_topics_other_subscriptions_want(client):
    flows = client.subscribe(["flows"])
    both = client.subscribe(["flows", "hosts"])
    both.close()
    assert client.request("Subscribe", {"topics": []})["topics"] == ["flows"]
    with __import__("pytest").raises(StopIteration):
        both.get(timeout=1)
    client.install_flow("10.0.0.2", "10.0.0.3")
    assert flows.get(timeout=10).topic == "flows"
    flows.close()
    assert client.request("Subscribe", {"topics": []})["topics"] == []
