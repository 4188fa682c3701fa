"""The ``flowsocket`` command: install, list, get and remove flows and nodes, watch events.

Prints results as JSON on standard output (``watch``: one JSON object per
line), errors as JSON on standard error. Exit status: 0 done, 1 the server
answered with an error, 2 bad usage, 3 no connection, 4 no reply in time.
"""

import argparse
import json
import os
import sys
import time

from . import aio
from .errors import (FlowSocketError, HandshakeError, ProtocolError, RequestTimeout,
                     UnknownFlow, UnknownHost, UnknownDevice)
from .events import Event
from .sync import Client

EXIT_ERROR_REPLY, EXIT_USAGE, EXIT_CONNECTION, EXIT_TIMEOUT = 1, 2, 3, 4


def main(argv=None):
    args = _parser().parse_args(argv)
    try:
        if args.command == "install" and args.flows is None and None in (args.src, args.dst):
            raise _Usage("install needs --src and --dst, or --flows FILE")
        with Client(args.url, user=args.user, password=args.password, timeout=args.timeout,
                    reconnect=args.command == "watch") as client:
            return args.run(client, args) or 0
    except _Usage as e:
        print("flowsocket: %s" % e, file=sys.stderr)
        return EXIT_USAGE
    except ProtocolError as e:
        _print_json({"code": e.code, "message": e.message, "field": e.field,
                     "details": e.details, "flowId": e.flow_id}, sys.stderr)
        return EXIT_ERROR_REPLY
    except RequestTimeout as e:
        print("flowsocket: %s" % e, file=sys.stderr)
        return EXIT_TIMEOUT
    except (HandshakeError, OSError, FlowSocketError) as e:
        print("flowsocket: cannot talk to %s: %s" % (args.url, e), file=sys.stderr)
        return EXIT_CONNECTION
    except KeyboardInterrupt:
        return 130


class _Usage(Exception):
    pass


def _parser():
    env = os.environ.get
    parser = argparse.ArgumentParser(
        prog="flowsocket", description="FlowSocket (ONOS WebSocket API) from the shell.",
        epilog="Exit status: 0 done, 1 error reply (JSON on stderr), 2 bad usage, "
               "3 no connection, 4 no reply in time.")
    parser.add_argument("--url", default=env("FLOWSOCKET_URL", aio.DEFAULT_URL),
                        help="WebSocket URL (env FLOWSOCKET_URL; default %(default)s)")
    parser.add_argument("--user", default=env("FLOWSOCKET_USER", "onos"),
                        help="user (env FLOWSOCKET_USER; default %(default)s)")
    parser.add_argument("--password", default=env("FLOWSOCKET_PASSWORD", "rocks"),
                        help="password (env FLOWSOCKET_PASSWORD, which other users cannot "
                             "see in the process list; default rocks)")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds to wait for a reply (default %(default)s; flows wait "
                             "as long as the switches may take)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    commands.add_parser("hello", help="who the server and you are").set_defaults(run=_hello)

    install = commands.add_parser("install", help="install a QoS flow between two hosts, or ONOS "
                                                  "flow JSON; prints the confirmed flow handle")
    install.add_argument("--src", help="source host IP")
    install.add_argument("--dst", help="destination host IP")
    install.add_argument("--class", dest="traffic_class",
                         choices=["voice", "video", "critical", "best-effort", "bulk"])
    install.add_argument("--protocol", choices=["tcp", "udp", "icmp", "sctp"])
    install.add_argument("--src-port", type=int)
    install.add_argument("--dst-port", type=int)
    install.add_argument("--priority", type=int)
    install.add_argument("--dscp", type=int)
    install.add_argument("--queue", type=int)
    install.add_argument("--meter-kbps", type=int)
    install.add_argument("--meter-burst-kb", type=int)
    install.add_argument("--bandwidth-kbps", type=int,
                         help="reserve this rate on every link of the path (admission control)")
    install.add_argument("--police", action="store_true", default=None,
                         help="with --bandwidth-kbps: police the reserved rate with a meter on the "
                              "ingress switch")
    install.add_argument("--bidirectional", action="store_true", default=None)
    install.add_argument("--no-reroute", dest="reroute", action="store_false", default=None,
                         help="keep the flow on its path when a link fails (it turns DEGRADED)")
    install.add_argument("--idle-timeout", type=int, dest="idle_timeout",
                         help="the rules' idle timeout in seconds (0: permanent)")
    install.add_argument("--flows", metavar="FILE",
                         help="ONOS flow JSON ({\"flows\": [...]}, as POST /onos/v1/flows "
                              "takes it); - reads standard input")
    install.add_argument("--device-id", help="with --flows: the file holds one flow for this "
                                             "device (as POST /onos/v1/flows/{deviceId})")
    install.add_argument("--no-confirm", dest="confirm", action="store_false", default=None,
                         help="reply at submission (state PENDING)")
    install.add_argument("--timeout-ms", type=int, help="how long the switches may take")
    install.set_defaults(run=_install)

    listing = commands.add_parser("list", help="list nodes, hosts, devices, links or flows")
    listing.add_argument("what", choices=["nodes", "hosts", "devices", "links", "flows"])
    listing.add_argument("--device-id")
    listing.add_argument("--state", help="links: active, inactive; flows: INSTALLED, ...")
    listing.add_argument("--owner", help="flows: the user who made them")
    listing.add_argument("--limit", type=int)
    listing.set_defaults(run=_list)

    get = commands.add_parser("get", help="get a flow (by flow id) or a node")
    get.add_argument("what", choices=["flow", "node"])
    get.add_argument("flow_id", nargs="?", help="flow: its id, e.g. fs-7")
    _node_options(get)
    get.set_defaults(run=_get)

    remove = commands.add_parser("remove", help="remove a flow (by flow id) or a node")
    remove.add_argument("what", choices=["flow", "node"])
    remove.add_argument("flow_id", nargs="?", help="flow: its id, e.g. fs-7")
    _node_options(remove)
    remove.add_argument("--force", action="store_true", default=None,
                        help="flow: forget it whatever the switches say")
    remove.add_argument("--missing-ok", action="store_true",
                        help="exit 0 (printing {\"removed\": false}) when there is no such "
                             "flow or node, for idempotent playbooks")
    remove.add_argument("--timeout-ms", type=int, help="flow: how long the switches may take")
    remove.set_defaults(run=_remove)

    watch = commands.add_parser("watch", help="print events of topics as JSON lines; "
                                              "{\"kind\": \"gap\"} marks missed events")
    watch.add_argument("topics", nargs="+", choices=["devices", "hosts", "links", "flows", "stats"])
    watch.add_argument("--count", type=int, help="stop after this many events")
    watch.add_argument("--duration", type=float, help="stop after this many seconds")
    watch.set_defaults(run=_watch)
    return parser


def _node_options(parser):
    parser.add_argument("--ip", help="node: a host's IP address (get only)")
    parser.add_argument("--host-id", help="node: e.g. 00:00:00:00:00:0A/None")
    parser.add_argument("--device-id", help="node: e.g. of:0000000000000001")


def _print_json(value, stream=None):
    stream = stream or sys.stdout
    stream.write(json.dumps(value, indent=2) + "\n")
    stream.flush()


def _hello(client, args):
    _print_json(client.hello())


def _install(client, args):
    if args.flows is not None:
        if args.flows == "-":
            flows = json.load(sys.stdin)
        else:
            with open(args.flows, encoding="utf-8") as f:
                flows = json.load(f)
        result = client.install_flows(flows, args.device_id, confirm=args.confirm,
                                      timeout_ms=args.timeout_ms)
    else:
        result = client.install_flow(
            args.src, args.dst, args.traffic_class, protocol=args.protocol,
            src_port=args.src_port, dst_port=args.dst_port, priority=args.priority,
            dscp=args.dscp, queue=args.queue, meter_kbps=args.meter_kbps,
            meter_burst_kb=args.meter_burst_kb, bandwidth_kbps=args.bandwidth_kbps, police=args.police,
            bidirectional=args.bidirectional, reroute=args.reroute, timeout=args.idle_timeout, confirm=args.confirm, timeout_ms=args.timeout_ms)
    _print_json(result)


def _list(client, args):
    if args.what == "links":
        result = client.list_links(device_id=args.device_id, state=args.state, limit=args.limit)
    elif args.what == "flows":
        result = client.list_flows(owner=args.owner, state=args.state,
                                   device_id=args.device_id, limit=args.limit)
    else:
        kind = {"hosts": "host", "devices": "device"}.get(args.what)
        result = client.list_nodes(kind, device_id=args.device_id, limit=args.limit)
    _print_json(result)


def _node_ref(args, allow_ip):
    given = {k: v for k, v in (("ip", args.ip if allow_ip else None), ("host_id", args.host_id),
                               ("device_id", args.device_id)) if v is not None}
    if len(given) != 1:
        raise _Usage("a node is named by exactly one of %s" % (
            "--ip, --host-id, --device-id" if allow_ip else "--host-id, --device-id"))
    return given


def _flow_id(args):
    if not args.flow_id:
        raise _Usage("name the flow: %s flow FLOW_ID" % args.command)
    return args.flow_id


def _get(client, args):
    if args.what == "flow":
        _print_json(client.get_flow(_flow_id(args)))
    else:
        _print_json(client.get_node(**_node_ref(args, allow_ip=True)))


def _remove(client, args):
    try:
        if args.what == "flow":
            result = client.remove_flow(_flow_id(args), force=args.force,
                                        timeout_ms=args.timeout_ms)
        else:
            if args.ip is not None:
                raise _Usage("remove node takes --host-id or --device-id")
            result = client.remove_node(**_node_ref(args, allow_ip=False))
    except (UnknownFlow, UnknownHost, UnknownDevice):
        if not args.missing_ok:
            raise
        result = {"removed": False}
    _print_json(result)


def _watch(client, args):
    deadline = None if args.duration is None else time.monotonic() + args.duration
    seen = 0
    with client.subscribe(args.topics) as subscription:
        while args.count is None or seen < args.count:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                break
            try:
                item = subscription.get(remaining)
            except RequestTimeout:
                break
            except StopIteration:
                break
            sys.stdout.write(json.dumps(item.as_dict()) + "\n")
            sys.stdout.flush()
            if isinstance(item, Event):
                seen += 1


if __name__ == "__main__":
    sys.exit(main())
