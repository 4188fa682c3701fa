#!/usr/bin/env bash
# A private Open vSwitch network for the sandbox's OpenFlow southbound.
#
#   ovsnet.sh up DIR [-n SWITCHES] [-r] [-c PORT] [-H SWITCH,SWITCH...] [-p PREFIX] [-a]
#   ovsnet.sh down DIR
#   ovsnet.sh link DIR sI sJ down|up       (ring) cut the cable between
#                                          switches I and J at I's end, or mend it
#   ovsnet.sh exec DIR hK COMMAND...       run COMMAND in host K's namespace
#   ovsnet.sh ofctl DIR COMMAND sN [ARG...]  ovs-ofctl -O OpenFlow13 on switch N
#   ovsnet.sh vsctl DIR ARG...             ovs-vsctl on this network's database
#                                          (sN and hK arguments name its bridges
#                                          and host ports)
#
# "up" (as root) starts ovsdb-server and ovs-vswitchd with the userspace
# datapath, everything (database, sockets, pid files, logs) in DIR, and builds:
#   * a chain of SWITCHES bridges (default 3) named PREFIXs1..: datapath
#     netdev, fail_mode secure (no rule, no traffic), OpenFlow 1.3 only,
#     datapath id N (device of:000000000000000N), controller
#     tcp:127.0.0.1:PORT (default 6653);
#   * patch ports between neighbours, numbered as the sandbox's linear,N
#     topology numbers them: switch i reaches i-1 on port 2 and i+1 on
#     port 3 (switch 1 reaches switch 2 on port 2);
#   * with -r a ring instead (at least 3 switches), numbered as the sandbox's
#     ring,N: the chain's ports plus a cable from port 3 of the last switch
#     to port 3 of switch 1. Every cable is a veth pair, PREFIXsI-pP on
#     switch I's port P, so that it can be cut: "ip link set PREFIXsI-pP
#     down" (or "link ... down") takes the carrier away from both ends, both
#     bridges report the port down (PORT_STATUS) and ONOS's link vanishes;
#   * one host per switch listed with -H (default: 1 and the last switch),
#     host K a network namespace PREFIXhK with eth0, MAC 00:00:00:00:00:0K,
#     IP 10.0.0.K/24, on port 1 of its switch; checksum offload off (TCP
#     through the userspace datapath needs it), IPv6 off, and a static ARP
#     entry for every other host (so only the IPv4 rules decide whether
#     traffic passes);
#   * DIR/topology.json for the sandbox's --topo: the switches (named sN)
#     and the links; with -a also the hosts, which the sandbox then announces.
#     DIR/hosts.txt lists "name namespace mac ip deviceId port" per host.
# Nothing else carries traffic: only these namespaces and loopback.
#
# "down" removes exactly what "up" recorded in DIR/created (namespaces, veth
# pairs, bridges) and stops the two daemons by their pid files. "up" runs it
# by itself when it fails half way.
set -euo pipefail

die() { echo "ovsnet: $*" >&2; exit 2; }

usage() { sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

[ $# -ge 2 ] || usage
cmd=$1
DIR=$(mkdir -p "$2" && cd "$2" && pwd)
shift 2

export OVS_RUNDIR="$DIR" OVS_LOGDIR="$DIR" OVS_DBDIR="$DIR" OVS_SYSCONFDIR="$DIR"
DB="unix:$DIR/db.sock"
vsctl() { ovs-vsctl --db="$DB" --timeout=10 "$@"; }

prefix() { if [ -f "$DIR/env" ]; then sed -n 's/^PREFIX=//p' "$DIR/env"; else echo fs; fi; }

# sN -> PREFIXsN, hK -> PREFIXhK-o (the host's port on its switch)
names() {
    local p; p=$(prefix)
    for a in "$@"; do
        case "$a" in
            s[0-9]|s[0-9][0-9]) printf '%s\n' "$p$a" ;;
            h[0-9]|h[0-9][0-9]) printf '%s\n' "$p$a-o" ;;
            *) printf '%s\n' "$a" ;;
        esac
    done
}

# Stops a daemon by its pid file, if the pid is still that daemon.
stop_daemon() {
    local name=$1 pidfile="$DIR/$1.pid" pid i
    [ -f "$pidfile" ] || return 0
    pid=$(cat "$pidfile" 2>/dev/null || true)
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = "$name" ]; then
        kill "$pid" 2>/dev/null || true
        for i in $(seq 50); do
            [ -d "/proc/$pid" ] || break
            sleep 0.1
        done
        if [ -d "/proc/$pid" ]; then
            kill -9 "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$pidfile"
}

down() {
    local kind name
    if [ -f "$DIR/created" ]; then
        # Namespaces first (their veth ends go with them), then bridges.
        while read -r kind name; do
            case "$kind" in
                netns) ip netns del "$name" 2>/dev/null || true ;;
                veth) ip link show "$name" >/dev/null 2>&1 && ip link del "$name" 2>/dev/null || true ;;
            esac
        done < "$DIR/created"
        if [ -S "$DIR/db.sock" ] && [ -f "$DIR/ovs-vswitchd.pid" ]; then
            while read -r kind name; do
                [ "$kind" = bridge ] && vsctl --if-exists del-br "$name" 2>/dev/null || true
            done < "$DIR/created"
        fi
    fi
    stop_daemon ovs-vswitchd
    stop_daemon ovsdb-server
    rm -f "$DIR/created" "$DIR/links.txt" "$DIR/db.sock" "$DIR"/*.ctl "$DIR"/*.mgmt "$DIR"/*.snoop
}

record() { echo "$1 $2" >> "$DIR/created"; }

up() {
    local n=3 port=6653 hostspec="" p=fs announce=0 ring=0 opt
    OPTIND=1
    while getopts "n:rc:H:p:a" opt; do
        case "$opt" in
            n) n=$OPTARG ;;
            r) ring=1 ;;
            c) port=$OPTARG ;;
            H) hostspec=$OPTARG ;;
            p) p=$OPTARG ;;
            a) announce=1 ;;
            *) usage ;;
        esac
    done
    [ "$(id -u)" = 0 ] || die "needs root (namespaces, veth pairs, Open vSwitch)"
    [[ "$n" =~ ^[0-9]+$ ]] && [ "$n" -ge 1 ] && [ "$n" -le 99 ] || die "-n needs 1..99"
    [[ "$p" =~ ^[a-z][a-z0-9]{0,5}$ ]] || die "-p needs 1-6 lowercase letters/digits"
    [ "$ring" = 0 ] || [ "$n" -ge 3 ] || die "-r needs at least 3 switches"
    [ -n "$hostspec" ] || hostspec="1,$n"
    [ "$n" -gt 1 ] || hostspec=1
    for t in ovsdb-tool ovsdb-server ovs-vswitchd ovs-vsctl ip ethtool; do
        command -v "$t" >/dev/null || die "$t not found (apt-get install openvswitch-switch iproute2 ethtool)"
    done
    if [ -f "$DIR/created" ]; then
        down
    fi
    # From here on, any failure (a command, or a bad -H) removes what was made.
    trap 'rc=$?; if [ "$rc" != 0 ]; then echo "ovsnet: setup failed; tearing down" >&2; down; fi' EXIT
    : > "$DIR/created"
    printf 'PREFIX=%s\nSWITCHES=%s\nRING=%s\nCONTROLLER=tcp:127.0.0.1:%s\n' "$p" "$n" "$ring" "$port" > "$DIR/env"

    local schema=/usr/share/openvswitch/vswitch.ovsschema
    rm -f "$DIR/conf.db"
    ovsdb-tool create "$DIR/conf.db" "$schema"
    ovsdb-server "$DIR/conf.db" --remote="punix:$DIR/db.sock" --pidfile="$DIR/ovsdb-server.pid" \
        --unixctl="$DIR/ovsdb-server.ctl" -vconsole:off --log-file="$DIR/ovsdb-server.log" --detach --no-chdir
    vsctl --no-wait init
    ovs-vswitchd "$DB" --pidfile="$DIR/ovs-vswitchd.pid" --unixctl="$DIR/ovs-vswitchd.ctl" \
        -vconsole:off --log-file="$DIR/ovs-vswitchd.log" --detach --no-chdir

    local i br
    for i in $(seq "$n"); do
        br="${p}s$i"
        record bridge "$br"
        vsctl -- --may-exist add-br "$br" \
              -- set bridge "$br" datapath_type=netdev fail_mode=secure protocols=OpenFlow13 \
                 other-config:datapath-id="$(printf '%016x' "$i")" other-config:dp-desc="s$i" \
                 other-config:disable-in-band=true
    done
    local a pa b pb ea eb e
    links "$n" "$ring" > "$DIR/links.txt"
    while read -r a pa b pb <&3; do
        ea="${p}s$a-p$pa"; eb="${p}s$b-p$pb"
        if [ "$ring" = 0 ]; then
            # Chain: patch ports.
            vsctl -- add-port "${p}s$a" "$ea" -- set interface "$ea" type=patch options:peer="$eb" \
                     ofport_request="$pa" \
                  -- add-port "${p}s$b" "$eb" -- set interface "$eb" type=patch options:peer="$ea" \
                     ofport_request="$pb"
        else
            # Ring: a veth pair, a cable that can be cut. No IPv6 on its ends,
            # so that the system sends nothing into the bridges.
            ip link add "$ea" type veth peer name "$eb"; record veth "$ea"
            for e in "$ea" "$eb"; do
                sysctl -qw "net.ipv6.conf.$e.disable_ipv6=1"
                ip link set "$e" up
            done
            vsctl -- add-port "${p}s$a" "$ea" -- set interface "$ea" ofport_request="$pa" \
                  -- add-port "${p}s$b" "$eb" -- set interface "$eb" ofport_request="$pb"
        fi
    done 3< "$DIR/links.txt"
    # Hosts.
    local k=0 sw ns mac ip hosts=() j
    : > "$DIR/hosts.txt"
    IFS=, read -r -a sws <<< "$hostspec"
    for sw in "${sws[@]}"; do
        [[ "$sw" =~ ^[0-9]+$ ]] && [ "$sw" -ge 1 ] && [ "$sw" -le "$n" ] || die "-H: no switch $sw"
        k=$((k + 1))
        ns="${p}h$k"; mac=$(printf '00:00:00:00:00:%02x' "$k"); ip="10.0.0.$k"
        ip netns add "$ns"; record netns "$ns"
        ip link add "$ns-o" type veth peer name "$ns-i"; record veth "$ns-o"
        ip link set "$ns-i" netns "$ns"
        ip -n "$ns" link set "$ns-i" name eth0
        ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
        ip -n "$ns" link set eth0 address "$mac"
        ip -n "$ns" addr add "$ip/24" dev eth0
        ip -n "$ns" link set lo up
        ip -n "$ns" link set eth0 up
        ip netns exec "$ns" ethtool -K eth0 tx off >/dev/null
        ip link set "$ns-o" up
        vsctl -- add-port "${p}s$sw" "$ns-o" -- set interface "$ns-o" ofport_request=1
        echo "h$k $ns $mac $ip of:$(printf '%016x' "$sw") 1" >> "$DIR/hosts.txt"
        hosts+=("$ns $mac $ip")
    done
    for a in "${hosts[@]}"; do
        read -r ns _ _ <<< "$a"
        for b in "${hosts[@]}"; do
            read -r _ mac ip <<< "$b"
            [ "$a" = "$b" ] || ip -n "$ns" neigh replace "$ip" lladdr "$mac" dev eth0 nud permanent
        done
    done
    write_topology "$n" "$announce"
    # Controllers last: the bridges connect with every port in place.
    for i in $(seq "$n"); do
        vsctl -- set bridge "${p}s$i" controller=@c \
              -- --id=@c create controller target="\"tcp:127.0.0.1:$port\"" max_backoff=1000 >/dev/null
    done
    trap - EXIT
    local shape=chain
    [ "$ring" = 0 ] || shape=ring
    echo "ovsnet: $n switches in a $shape (${p}s1..${p}s$n, of:$(printf '%016x' 1)..), $k hosts, controller tcp:127.0.0.1:$port, state in $DIR"
}

# The cables, "a pa b pb" per line (switch a's port pa to switch b's port pb),
# numbered as the sandbox's linear,N and ring,N (NetworkSpec): switch i
# reaches i-1 on port 2 and i+1 on port 3, switch 1 reaches switch 2 on
# port 2; a ring closes with the last switch's port 3 to switch 1's port 3.
links() {
    local n=$1 ring=$2 i a pa
    for i in $(seq 2 "$n"); do
        a=$((i - 1)); if [ "$a" -eq 1 ]; then pa=2; else pa=3; fi
        echo "$a $pa $i 2"
    done
    if [ "$ring" = 1 ]; then
        echo "$n 3 1 3"
    fi
}

# Cuts the ring's cable between switches I and J at switch I's end ("down":
# that veth end goes down, and the other loses its carrier), or mends it
# ("up": both ends up).
link() {
    [ $# -eq 3 ] || usage
    local i=${1#s} j=${2#s} state=$3 a pa b pb ea eb
    [ "$state" = up ] || [ "$state" = down ] || usage
    [ -f "$DIR/links.txt" ] || die "no network in $DIR"
    grep -q '^RING=1$' "$DIR/env" || die "link: only the ring's cables (up -r) can be cut; a chain has patch ports"
    while read -r a pa b pb; do
        ea="$(prefix)s$a-p$pa"; eb="$(prefix)s$b-p$pb"
        if [ "$b" = "$i" ] && [ "$a" = "$j" ]; then
            local t=$ea; ea=$eb; eb=$t
        elif [ "$a" != "$i" ] || [ "$b" != "$j" ]; then
            continue
        fi
        ip link set "$ea" "$state"
        [ "$state" = down ] || ip link set "$eb" up
        return 0
    done < "$DIR/links.txt"
    die "link: no cable between s$i and s$j"
}

write_topology() {
    local n=$1 announce=$2 i sep="" a pa b pb mac ip dev port
    {
        echo '{'
        echo '  "devices": ['
        for i in $(seq "$n"); do
            printf '%s    {"id": "of:%016x", "name": "s%d"}' "$sep" "$i" "$i"; sep=$',\n'
        done
        printf '\n  ],\n  "links": [\n'
        sep=""
        while read -r a pa b pb; do
            printf '%s    {"src": "of:%016x/%d", "dst": "of:%016x/%d"}' "$sep" "$a" "$pa" "$b" "$pb"; sep=$',\n'
        done < "$DIR/links.txt"
        printf '\n  ]'
        if [ "$announce" = 1 ]; then
            printf ',\n  "hosts": [\n'
            sep=""
            while read -r _ _ mac ip dev port; do
                printf '%s    {"mac": "%s", "vlan": "None", "ips": ["%s"], "location": "%s/%s"}' \
                    "$sep" "$mac" "$ip" "$dev" "$port"; sep=$',\n'
            done < "$DIR/hosts.txt"
            printf '\n  ]'
        fi
        printf '\n}\n'
    } > "$DIR/topology.json"
}

case "$cmd" in
    up) up "$@" ;;
    down) down ;;
    link) link "$@" ;;
    exec)
        [ $# -ge 2 ] || usage
        host=$1; shift
        exec ip netns exec "$(prefix)$host" "$@" ;;
    ofctl)
        [ $# -ge 2 ] || usage
        sub=$1; shift
        mapfile -t args < <(names "$@")
        exec ovs-ofctl -O OpenFlow13 "$sub" "${args[@]}" ;;
    vsctl)
        mapfile -t args < <(names "$@")
        vsctl "${args[@]}" ;;
    *) usage ;;
esac
