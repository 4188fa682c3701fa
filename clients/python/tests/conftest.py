"""Starts a FlowSocket sandbox (sandbox/target/flowsocket-sandbox.jar, or the jar named by
FLOWSOCKET_SANDBOX_JAR) on a free port for the whole test session."""

import base64
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from contract import Contract, watch_connections

HERE = os.path.dirname(os.path.abspath(__file__))
CLIENT_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(CLIENT_DIR))
sys.path.insert(0, CLIENT_DIR)

ADMIN = ("onos", "rocks")
VIEWER = ("viewer", "viewer")
MANAGER = "org.flowsocket.impl.FlowSocketManager"


class Sandbox:
    def __init__(self, process, ws_url, rest_url):
        self.process = process
        self.url = ws_url
        self.rest_url = rest_url
        self.output = []

    def rest(self, method, path, body=None):
        """ONOS's REST API of the sandbox, as the admin."""
        auth = base64.b64encode(("%s:%s" % ADMIN).encode()).decode()
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.rest_url + path, data=data, method=method,
                                         headers={"Authorization": "Basic " + auth,
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            text = response.read().decode()
        return json.loads(text) if text else None

    def configure(self, **properties):
        """Sets FlowSocket's connection limits; returns once new connections get them
        (ONOS applies component configuration asynchronously)."""
        import flowsocket
        self.rest("POST", "/configuration/" + MANAGER,
                  {k: str(v) for k, v in properties.items()})
        deadline = time.monotonic() + 20
        while True:
            with flowsocket.Client(self.url, user=ADMIN[0], password=ADMIN[1]) as client:
                limits = client.greeting["limits"]
            if all(limits.get(k) == v for k, v in properties.items()):
                return
            if time.monotonic() > deadline:
                raise AssertionError("the limits did not change: %s" % limits)
            time.sleep(0.1)


CONTRACT = Contract()
# The servers whose frames are checked against docs/schema/ (the sandbox, not the
# fake servers that play a misbehaving server on purpose), and what broke it.
CHECKED_URLS = []
VIOLATIONS = []


@pytest.fixture(autouse=True, scope="session")
def watch_contract():
    """Hooks where the client opens its connections, for the whole session."""
    restore = watch_connections(CONTRACT, VIOLATIONS,
                                lambda url: any(url.startswith(u) for u in CHECKED_URLS))
    yield
    restore()


@pytest.fixture(autouse=True)
def contract_kept():
    """Fails the test whose frames broke the protocol's contract, with the reasons."""
    del VIOLATIONS[:]
    yield
    if VIOLATIONS:
        pytest.fail("%d message(s) broke the protocol's contract (docs/schema/):\n  %s"
                    % (len(VIOLATIONS), "\n  ".join(VIOLATIONS[:3])), pytrace=False)


@pytest.fixture(scope="session")
def sandbox():
    jar = os.environ.get("FLOWSOCKET_SANDBOX_JAR",
                         os.path.join(REPO, "sandbox", "target", "flowsocket-sandbox.jar"))
    if not os.path.exists(jar):
        pytest.fail("no sandbox jar at %s: build it first (mvn install -DskipTests)" % jar)
    process = subprocess.Popen(["java", "-jar", jar, "--port", "0", "--topo", "linear,3"],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines, ws_url, rest_url = [], None, None
    deadline = time.monotonic() + 120
    while ws_url is None or rest_url is None:
        line = process.stdout.readline()
        if not line or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the sandbox did not start:\n" + "".join(lines))
        lines.append(line)
        found = re.search(r"FlowSocket:\s+(ws://\S+)", line)
        ws_url = found.group(1) if found else ws_url
        found = re.search(r"ONOS REST API:\s+(http://\S+)", line)
        rest_url = found.group(1) if found else rest_url
    server = Sandbox(process, ws_url, rest_url)
    CHECKED_URLS.append(ws_url)
    # Keep draining its output so the sandbox never blocks on a full pipe.
    threading.Thread(target=lambda: server.output.extend(process.stdout), daemon=True).start()
    yield server
    process.terminate()
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()


@pytest.fixture
def clean_flows(sandbox):
    """Removes every flow handle after the test, so the next one starts from the same network."""
    yield
    import flowsocket
    with flowsocket.Client(sandbox.url, user=ADMIN[0], password=ADMIN[1]) as c:
        for flow in c.list_flows()["flows"]:
            c.remove_flow(flow["flowId"], force=True)


@pytest.fixture
def client(sandbox, clean_flows):
    import flowsocket
    with flowsocket.Client(sandbox.url, user=ADMIN[0], password=ADMIN[1], timeout=15) as c:
        yield c
