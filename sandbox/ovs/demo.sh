#!/usr/bin/env bash
# FlowSocket on real switches, by hand: sudo sandbox/ovs/demo.sh [--build] [--ring] [-n SWITCHES]
#
# Builds the sandbox if its jar is missing (or with --build), starts a
# private Open vSwitch network (ovsnet.sh: SWITCHES bridges in a chain,
# default 3, or with --ring in a ring of veth cables; h1 on the first and
# h2 on the last switch, hosts announced to ONOS), and runs the sandbox in
# the foreground as the switches' OpenFlow controller. Ctrl-C stops the
# sandbox and removes the network again. docs/ovs.md says what to try.
#
# Environment: OPENFLOW_PORT (6653), HTTP_PORT (8181), OVSNET_DIR
# (sandbox/target/ovs-demo).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
jar="$root/sandbox/target/flowsocket-sandbox.jar"
dir=${OVSNET_DIR:-$root/sandbox/target/ovs-demo}
ofport=${OPENFLOW_PORT:-6653}
httpport=${HTTP_PORT:-8181}
n=3
build=0
shape=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=1 ;;
        --ring) shape=(-r) ;;
        -n) n=$2; shift ;;
        -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "demo.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
    shift
done

[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (sudo): it builds namespaces and bridges" >&2; exit 2; }
if [ "$build" = 1 ] || [ ! -f "$jar" ]; then
    (cd "$root" && mvn -q -pl sandbox -am install -DskipTests)
fi

"$here/ovsnet.sh" up "$dir" -n "$n" "${shape[@]}" -c "$ofport" -a
trap '"$here/ovsnet.sh" down "$dir"; echo "demo.sh: network removed"' EXIT
trap 'exit 130' INT TERM

url="ws://127.0.0.1:$httpport/onos/flowsocket/ws"
cat <<EOF

Open vSwitch is up: bridges fss1..fss$n (of:0000000000000001..), hosts:
$(sed 's/^/  /' "$dir/hosts.txt")
Try, in another terminal (as root):
  sandbox/ovs/ovsnet.sh exec $dir h1 ping -c 2 10.0.0.2          # fails: no rule yet
  python3 sandbox/ovs/fsclient.py --url $url '{"type":"InstallFlow","network":{"src":"10.0.0.1","dst":"10.0.0.2","class":"voice","bidirectional":true}}'
  sandbox/ovs/ovsnet.sh exec $dir h1 ping -c 2 10.0.0.2          # works
  sandbox/ovs/ovsnet.sh ofctl $dir dump-flows s2                 # set_field:46->ip_dscp
  python3 sandbox/ovs/fsclient.py --url $url '{"type":"RemoveFlow","flowId":"fs-1"}'
EOF
if [ ${#shape[@]} -gt 0 ]; then
    cat <<EOF
  sandbox/ovs/ovsnet.sh link $dir s1 s$n down                 # cut the flow's cable: it goes round the ring
  sandbox/ovs/ovsnet.sh link $dir s1 s$n up                   # mend it
EOF
fi
echo

java -jar "$jar" --openflow-port "$ofport" --port "$httpport" --topo "$dir/topology.json"
