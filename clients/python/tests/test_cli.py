"""The flowsocket command, run as a separate process as shells and Ansible run it."""

import json
import os
import subprocess
import sys
import tempfile

import flowsocket
from conftest import CLIENT_DIR, HERE, VIOLATIONS


def environment(sandbox, password="rocks"):
    return dict(os.environ, FLOWSOCKET_URL=sandbox.url, FLOWSOCKET_USER="onos",
                FLOWSOCKET_PASSWORD=password,
                PYTHONPATH=os.pathsep.join(filter(None, [CLIENT_DIR,
                                                         os.environ.get("PYTHONPATH")])))


def run(sandbox, *args, stdin=None, password="rocks"):
    """Runs the command in a process of its own; its frames are checked against the
    contract as the suite's clients' are (cli_under_contract.py)."""
    with tempfile.NamedTemporaryFile("r", encoding="utf-8", suffix=".txt") as violations:
        env = dict(environment(sandbox, password), FLOWSOCKET_CONTRACT_VIOLATIONS=violations.name)
        done = subprocess.run([sys.executable, os.path.join(HERE, "cli_under_contract.py")]
                              + list(args), input=stdin, env=env, capture_output=True,
                              text=True, timeout=60)
        VIOLATIONS.extend(line.rstrip("\n") for line in violations)
    return done


def test_install_list_get_remove(sandbox, clean_flows):
    done = run(sandbox, "install", "--src", "10.0.0.1", "--dst", "10.0.0.3", "--class", "voice",
               "--protocol", "udp", "--dst-port", "5060", "--bidirectional",
               "--bandwidth-kbps", "2000", "--no-reroute")
    assert done.returncode == 0, done.stderr
    flow = json.loads(done.stdout)
    assert flow["state"] == "INSTALLED" and len(flow["rules"]) == 6
    assert (flow["spec"]["qos"]["bandwidthKbps"], flow["spec"]["reroute"]) == (2000, False)
    links = json.loads(run(sandbox, "list", "links").stdout)["links"]
    assert {link["reservedKbps"] for link in links} == {2000}, links
    listed = json.loads(run(sandbox, "list", "flows", "--state", "INSTALLED").stdout)
    assert [f["flowId"] for f in listed["flows"]] == [flow["flowId"]]
    got = json.loads(run(sandbox, "get", "flow", flow["flowId"]).stdout)
    assert got["spec"]["dstPort"] == 5060
    removed = run(sandbox, "remove", "flow", flow["flowId"])
    assert removed.returncode == 0 and json.loads(removed.stdout)["state"] == "REMOVED"
    hosts = json.loads(run(sandbox, "list", "hosts").stdout)
    assert len(hosts["hosts"]) == 3 and "devices" not in hosts
    assert len(json.loads(run(sandbox, "list", "links").stdout)["links"]) == 4
    node = json.loads(run(sandbox, "get", "node", "--ip", "10.0.0.2").stdout)
    assert node["id"] == "00:00:00:00:00:02/None"


def test_onos_flow_json_from_stdin(sandbox, clean_flows):
    flows = {"flows": [{"priority": 40000, "deviceId": "of:0000000000000002",
                        "treatment": {"instructions": [{"type": "OUTPUT", "port": "3"}]},
                        "selector": {"criteria": [{"type": "ETH_TYPE", "ethType": "0x800"}]}}]}
    done = run(sandbox, "install", "--flows", "-", stdin=json.dumps(flows))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["rules"][0]["deviceId"] == "of:0000000000000002"


def test_error_reply_exit_status_and_json(sandbox):
    done = run(sandbox, "remove", "flow", "fs-404")
    assert done.returncode == 1 and done.stdout == ""
    error = json.loads(done.stderr)
    assert (error["code"], error["field"], error["flowId"]) == ("UNKNOWN_FLOW", "flowId", "fs-404")
    again = run(sandbox, "remove", "flow", "fs-404", "--missing-ok")
    assert again.returncode == 0 and json.loads(again.stdout) == {"removed": False}


def test_usage_and_connection_errors(sandbox):
    assert run(sandbox, "install", "--src", "10.0.0.1").returncode == 2
    assert run(sandbox, "get", "node").returncode == 2
    assert run(sandbox, "frobnicate").returncode == 2
    refused = run(sandbox, "hello", password="wrong")
    assert refused.returncode == 3 and "401" in refused.stderr


def test_watch_prints_event_lines(sandbox, clean_flows):
    violations = tempfile.NamedTemporaryFile("r", encoding="utf-8", suffix=".txt")
    watcher = subprocess.Popen([sys.executable, os.path.join(HERE, "cli_under_contract.py"),
                                "watch", "flows", "hosts", "--count", "2", "--duration", "30"],
                               env=dict(environment(sandbox),
                                        FLOWSOCKET_CONTRACT_VIOLATIONS=violations.name),
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The watcher subscribes after it starts: add hosts until it has seen two events.
        macs = iter("00:00:00:00:00:%02x" % i for i in range(0x20, 0x40))
        while watcher.poll() is None:
            with flowsocket.Client(sandbox.url, user="onos", password="rocks") as c:
                host = c.add_host(next(macs), "of:0000000000000002/1")
                c.remove_node(host_id=host["id"])
        out, err = watcher.communicate(timeout=30)
    finally:
        watcher.kill()
        with violations:
            VIOLATIONS.extend(line.rstrip("\n") for line in violations)
    assert watcher.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    # The first host event seen depends on when the watcher subscribed.
    assert [line["event"] for line in lines] in (["HOST_ADDED", "HOST_REMOVED"],
                                                 ["HOST_REMOVED", "HOST_ADDED"])
    assert [line["seq"] for line in lines] == [1, 2]
    assert all(line["kind"] == "event" and line["topic"] == "hosts" for line in lines)
