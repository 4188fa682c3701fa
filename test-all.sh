#!/usr/bin/env bash
# Runs every FlowSocket test suite: the in-JVM ones (what plain `mvn install`
# runs), real Open vSwitch (-Povs), headless Chromium (-Pbrowser) and Apache
# Karaf (-Pkaraf). Installs the Debian packages those need when missing.
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

exec mvn -B install -Povs -Pbrowser -Pkaraf "$@"
