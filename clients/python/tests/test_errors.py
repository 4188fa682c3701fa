"""One exception class per error code, carrying code, message, field, details and flowId."""

import os
import re

import pytest

import flowsocket
from conftest import REPO, VIEWER

S1 = "of:0000000000000001"


def documented_codes():
    with open(os.path.join(REPO, "docs", "protocol.md"), encoding="utf-8") as f:
        text = f.read()
    table = text[text.index("## Error codes"):text.index("## Limits")]
    return re.findall(r"^\| `([A-Z_]+)` \|", table, re.M)


def test_every_documented_code_has_its_own_class():
    codes = documented_codes()
    assert len(codes) >= 19
    for code in codes:
        error = flowsocket.error_from_reply({"status": "error", "error": {
            "code": code, "message": "m", "field": "f", "details": {"d": 1}, "flowId": "fs-1"}})
        assert type(error) is not flowsocket.ProtocolError, code
        assert type(error).code == code and error.code == code
        assert (error.message, error.field, error.details, error.flow_id) \
            == ("m", "f", {"d": 1}, "fs-1")
        assert isinstance(error, flowsocket.FlowSocketError)
        assert getattr(flowsocket, type(error).__name__) is type(error)


def test_an_unknown_code_is_a_protocol_error():
    error = flowsocket.error_from_reply({"error": {"code": "SOMETHING_NEW", "message": "x"}})
    assert type(error) is flowsocket.ProtocolError and error.code == "SOMETHING_NEW"


@pytest.mark.parametrize("call, error_class, field", [
    (lambda c: c.request("NoSuchCommand"), flowsocket.UnknownCommand, None),
    (lambda c: c.get_flow(None), flowsocket.MissingField, "flowId"),
    (lambda c: c.install_flow("10.0.0.1", "10.0.0.2", dscp=64), flowsocket.InvalidField,
     "network.qos.dscp"),
    (lambda c: c.request("Hello", {"bogus": 1}), flowsocket.InvalidField, "bogus"),
    (lambda c: c.install_flow("10.0.0.1", "10.0.0.9"), flowsocket.UnknownHost, "network.dst"),
    (lambda c: c.add_host("00:00:00:00:00:0c", "of:00000000000000ff/1"),
     flowsocket.UnknownDevice, "location.deviceId"),
    (lambda c: c.add_host("00:00:00:00:00:0c", S1 + "/77"), flowsocket.UnknownPort,
     "location.port"),
    (lambda c: c.add_host("00:00:00:00:00:0c", S1 + "/1", ips=["10.0.0.1"]),
     flowsocket.DuplicateNode, "ips[0]"),
    (lambda c: c.remove_flow("fs-404"), flowsocket.UnknownFlow, "flowId"),
    (lambda c: c.batch([{"type": "Hello"}] * 257), flowsocket.TooLarge, "requests"),
])
def test_error_replies_raise_their_class(client, call, error_class, field):
    with pytest.raises(error_class) as raised:
        call(client)
    error = raised.value
    assert error.code == error_class.code
    assert error.message
    if field is not None:
        assert error.field == field
    assert error.reply["status"] == "error" and error.reply["id"].startswith("py-")


def test_unknown_flow_names_the_flow(client):
    with pytest.raises(flowsocket.UnknownFlow) as raised:
        client.get_flow("fs-404")
    assert raised.value.flow_id == "fs-404"


def test_duplicate_flow_names_the_owner(client):
    flow = client.install_flow("10.0.0.1", "10.0.0.3", "video")
    with pytest.raises(flowsocket.DuplicateFlow) as raised:
        client.install_flow("10.0.0.1", "10.0.0.3", "video")
    assert raised.value.flow_id == flow["flowId"]


def test_viewer_is_forbidden_to_change(sandbox):
    with flowsocket.Client(sandbox.url, user=VIEWER[0], password=VIEWER[1]) as viewer:
        assert viewer.hello()["role"] == "viewer"
        assert viewer.list_flows()["flows"] == []
        with pytest.raises(flowsocket.Forbidden):
            viewer.install_flow("10.0.0.1", "10.0.0.2")


def test_wrong_password_is_an_authentication_error(sandbox):
    with pytest.raises(flowsocket.AuthenticationError) as raised:
        flowsocket.Client(sandbox.url, user="onos", password="wrong").connect()
    assert raised.value.status == 401


def test_credentials_in_the_url(sandbox):
    url = sandbox.url.replace("ws://", "ws://onos:rocks@")
    with flowsocket.Client(url) as c:
        assert c.hello()["user"] == "onos"


def test_no_server_is_a_connection_error():
    with pytest.raises(ConnectionError):
        flowsocket.Client("ws://127.0.0.1:1/onos/flowsocket/ws", user="onos",
                          password="rocks").connect()


def test_a_bad_url_is_refused_at_once():
    with pytest.raises(ValueError):
        flowsocket.Client("http://localhost:8181/onos/flowsocket/ws")
