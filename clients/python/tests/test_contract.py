"""The hook the suite's frames pass through (conftest.ContractWatch, contract.Contract):
documented messages keep the contract; deliberately wrong ones break it, with the reason
and the schema path."""

import asyncio
import json

import pytest

import conftest
import contract
from contract import Contract, ContractViolation

CONTRACT = Contract()

HANDLE = {"flowId": "fs-7", "kind": "network", "state": "INSTALLED", "owner": "onos",
          "createdAt": 1795640000000,
          "spec": {"src": "10.0.0.1", "dst": "10.0.0.3", "protocol": "udp", "dstPort": 5060, "class": "voice",
                   "priority": 50000, "qos": {"dscp": 46, "queue": 2, "meterKbps": 512},
                   "bidirectional": True, "timeout": 0, "reroute": True},
          "rules": [{"deviceId": "of:0000000000000001", "flowId": "562950960467285"}],
          "path": [{"deviceId": "of:0000000000000001", "inPort": "1", "outPort": "2"}],
          "meters": [{"deviceId": "of:0000000000000001", "meterId": 1, "state": "ADDED"}]}


def test_documented_messages_pass():
    CONTRACT.check_server_message({"kind": "reply", "id": "q1", "type": "InstallFlow", "status": "ok",
                                   "result": HANDLE})
    CONTRACT.check_server_message({"kind": "event", "topic": "flows", "event": "FLOW_INSTALLED", "time": 1,
                                   "data": HANDLE, "seq": 1})
    assert CONTRACT.request_violation({"type": "InstallFlow", "id": 1, "network": {
        "src": "10.0.0.1", "dst": "10.0.0.3", "class": "voice"}}) is None


def test_wrong_messages_fail_with_reason_and_schema_path():
    with pytest.raises(ContractViolation) as caught:
        CONTRACT.check_server_message({"kind": "event", "topic": "flows", "event": "FLOW_REMOVED", "time": 1,
                                       "data": {"flowId": "fs-7"}, "seq": 1, "id": 3})
    assert "'id' was unexpected" in str(caught.value) and "schema path" in str(caught.value)
    with pytest.raises(ContractViolation, match="SORT_OF"):
        CONTRACT.check_server_message({"kind": "reply", "id": 1, "type": "InstallFlow", "status": "ok",
                                       "result": dict(HANDLE, state="SORT_OF")})
    with pytest.raises(ContractViolation, match="NOT_A_CODE"):
        CONTRACT.check_server_message({"kind": "reply", "id": 1, "type": "GetFlow", "status": "error",
                                       "error": {"code": "NOT_A_CODE", "message": "x"}})
    assert "platinum" in CONTRACT.request_violation({"type": "InstallFlow", "id": 1, "network": {
        "src": "10.0.0.1", "dst": "10.0.0.3", "class": "platinum"}})


class _Socket:
    """A connection that replies with what the test scripted."""

    def __init__(self, replies):
        self.replies = list(replies)
        self.sent = []

    async def send(self, text):
        self.sent.append(text)

    async def recv(self):
        return json.dumps(self.replies.pop(0))


def test_the_watch_reports_an_ok_reply_to_a_request_the_contract_refuses():
    del conftest.VIOLATIONS[:]
    ok = {"kind": "reply", "id": "b", "type": "ListFlows", "status": "ok", "result": {"flows": []}}
    refused = {"kind": "reply", "id": "a", "type": "ListFlows", "status": "error",
               "error": {"code": "INVALID_FIELD", "message": "no such state", "field": "state"}}
    watch = contract.ContractWatch(_Socket([refused, ok, {"kind": "nonsense"}]), conftest.CONTRACT,
                                   conftest.VIOLATIONS)

    async def talk():
        await watch.send(json.dumps({"type": "ListFlows", "id": "a", "state": "SOMEHOW"}))
        await watch.recv()
        assert conftest.VIOLATIONS == []
        await watch.send(json.dumps({"type": "ListFlows", "id": "b", "state": "SOMEHOW"}))
        await watch.recv()
        await watch.recv()

    asyncio.run(talk())
    found = list(conftest.VIOLATIONS)
    del conftest.VIOLATIONS[:]
    assert len(found) == 2, found
    assert found[0].startswith("the server accepted a request the contract refuses")
    assert "nonsense" in found[1]


def test_a_batch_item_the_contract_refuses_must_get_an_error():
    batch = {"type": "Batch", "id": "b", "requests": [{"type": "GetFlow", "flowId": "fs-1"},
                                                      {"type": "ListFlows", "state": "SOMEHOW"}]}
    refusal, items = CONTRACT.refusals(batch)
    assert refusal is None and list(items) == [1]
    unknown = {"id": 0, "type": "GetFlow", "status": "error",
               "error": {"code": "UNKNOWN_FLOW", "message": "no flow has id fs-1", "flowId": "fs-1"}}
    refused = {"id": 1, "type": "ListFlows", "status": "error",
               "error": {"code": "INVALID_FIELD", "message": "no such state", "field": "state"}}
    accepted = {"id": 1, "type": "ListFlows", "status": "ok", "result": {"flows": []}}
    reply = {"kind": "reply", "id": "b", "type": "Batch", "status": "ok",
             "result": {"count": 2, "failed": 2, "results": [unknown, refused]}}
    CONTRACT.check_server_message(reply)
    assert CONTRACT.accepted_refusal(reply, refusal, items) is None
    reply["result"] = {"count": 2, "failed": 1, "results": [unknown, accepted]}
    CONTRACT.check_server_message(reply)
    assert CONTRACT.accepted_refusal(reply, refusal, items).startswith("the server accepted Batch item 1")
