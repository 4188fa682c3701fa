#!/usr/bin/env bash
# Runs every FlowSocket test suite: the in-JVM ones (what plain `mvn install`
# runs), real Open vSwitch (-Povs), headless Chromium (-Pbrowser), Apache
# Karaf (-Pkaraf) and then the Python client's pytest suite against a sandbox
# of its own. Installs the Debian packages those need when missing.
# The Open vSwitch suite builds bridges and network namespaces: run as root.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v ovs-vswitchd >/dev/null || missing+=(openvswitch-switch)
command -v ip >/dev/null || missing+=(iproute2)
command -v ethtool >/dev/null || missing+=(ethtool)
command -v ping >/dev/null || missing+=(iputils-ping)
command -v curl >/dev/null || missing+=(curl)
command -v python3 >/dev/null || missing+=(python3)
# The docs test runs the Python examples of README.md and docs/ (websocket-client and websockets).
/usr/bin/python3 -c 'import websocket' 2>/dev/null || missing+=(python3-websocket)
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
# The Python client's suite (clients/python/tests): pytest, and venv to check that pip installs it.
/usr/bin/python3 -c 'import pytest' 2>/dev/null || missing+=(python3-pytest)
/usr/bin/python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
# Its frames are checked against docs/schema/ with jsonschema.
/usr/bin/python3 -c 'import jsonschema' 2>/dev/null || missing+=(python3-jsonschema)
# The build itself: the web console's d3 modules come from npm (web/package-lock.json);
# the browser tests use npm too.
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ "$(id -u)" != 0 ]; then
    echo "test-all.sh: the Open vSwitch suite needs root (bridges, namespaces): run sudo $0" >&2
    echo "test-all.sh: without root, 'mvn install' runs every other suite" >&2
    exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "test-all.sh: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# A failed suite's own output (its log, and what a test printed when it failed)
# goes to a file of its reports directory: show the end of each such file.
print_failed_output() {
    local xml out
    for xml in $(grep -l -E '<(failure|error)[ >]' */target/*-reports*/TEST-*.xml \
                 */*/target/*-reports*/TEST-*.xml */*/*/target/*-reports*/TEST-*.xml 2>/dev/null); do
        out="${xml%/*}/$(basename "$xml" .xml | sed 's/^TEST-//')-output.txt"
        [ -f "$out" ] || continue
        echo "test-all.sh: the last 300 lines of $out"
        tail -n 300 "$out"
    done
}

if ! mvn -B install -Povs -Pbrowser -Pkaraf "$@"; then
    print_failed_output
    exit 1
fi

# The Python client against the sandbox jar just built; bounded, a hang fails the run.
echo "test-all.sh: Python client suite (clients/python/tests)"
timeout 300 /usr/bin/python3 -m pytest -q -p no:cacheprovider clients/python/tests
