"""The protocol's commands as methods; each returns the reply's ``result``.

Argument names are the protocol's field names in Python's spelling
(``device_id`` for ``deviceId``); an argument left as None is not sent, so the
server's default applies. The classes using this mixin supply ``request``.
"""

__all__ = ["Commands"]

# The server's default wait for switch confirmations (confirmTimeoutMs), and
# the least it waits for ONOS to report a flow's meters installed (protocol.md, Meters).
_CONFIRM_TIMEOUT_MS = 10000
_METER_WAIT_S = 35.0
# What the client adds to the server's own waits before it gives up on a reply.
_REPLY_MARGIN_S = 10.0


class Commands:
    """Mixin: the FlowSocket commands on top of ``request(command, fields, timeout)``."""

    timeout = 30.0

    async def request(self, command, fields=None, timeout=None):  # pragma: no cover
        raise NotImplementedError

    async def hello(self):
        """``Hello``: server, version, user, role, commands, topics, limits, trafficClasses."""
        return await self.request("Hello")

    async def add_host(self, mac, location=None, *, ips=None, vlan=None, locations=None, name=None,
                       annotations=None, replace=None):
        """``AddNode`` of a host. ``location`` is ``{"deviceId": ..., "port": ...}`` or
        ``"of:0000000000000001/1"``."""
        return await self.request("AddNode", {
            "kind": "host", "mac": mac, "location": _location(location),
            "locations": None if locations is None else [_location(x) for x in locations],
            "ips": ips, "vlan": vlan, "name": name, "annotations": annotations,
            "replace": replace})

    async def add_device(self, device_id=None, *, protocol=None, ip=None, port=None, dpid=None,
                         username=None, password=None, device_type=None, name=None, driver=None,
                         management_address=None, owner=None, manufacturer=None, hw_version=None,
                         sw_version=None, serial=None, latitude=None, longitude=None, grid_x=None,
                         grid_y=None, replace=None):
        """``AddNode`` of a device to provision: ``device_id``, or ``protocol`` with ``ip``
        (and ``port``) or ``dpid``."""
        return await self.request("AddNode", {
            "kind": "device", "deviceId": device_id, "protocol": protocol, "ip": ip, "port": port,
            "dpid": dpid, "username": username, "password": password, "deviceType": device_type,
            "name": name, "driver": driver, "managementAddress": management_address,
            "owner": owner, "manufacturer": manufacturer, "hwVersion": hw_version,
            "swVersion": sw_version, "serial": serial, "latitude": latitude,
            "longitude": longitude, "gridX": grid_x, "gridY": grid_y, "replace": replace})

    async def remove_node(self, *, host_id=None, device_id=None):
        """``RemoveNode``: the node as it was, ``state`` ``removed``."""
        return await self.request("RemoveNode", {"hostId": host_id, "deviceId": device_id})

    async def get_node(self, *, ip=None, host_id=None, device_id=None):
        """``GetNode`` by IP address, host id or device id."""
        return await self.request("GetNode", {"ip": ip, "hostId": host_id, "deviceId": device_id})

    async def list_nodes(self, kind=None, *, device_id=None, limit=None):
        """``ListNodes``: ``{"hosts": [...], "devices": [...]}`` (one of them with ``kind``)."""
        return await self.request("ListNodes", {"kind": kind, "deviceId": device_id,
                                                "limit": limit})

    async def list_links(self, *, device_id=None, state=None, limit=None):
        """``ListLinks``: ``{"links": [...], "truncated": ...}``."""
        return await self.request("ListLinks", {"deviceId": device_id, "state": state,
                                                "limit": limit})

    async def install_flow(self, src, dst, traffic_class=None, *, protocol=None, src_port=None,
                           dst_port=None, priority=None, dscp=None, queue=None, meter_kbps=None,
                           meter_burst_kb=None, bandwidth_kbps=None, police=None, bidirectional=None,
                           reroute=None, timeout=None, confirm=None, timeout_ms=None,
                           reply_timeout=None):
        """``InstallFlow`` of a network QoS flow from IP ``src`` to IP ``dst``.

        ``traffic_class`` is ``voice``, ``video``, ``critical``, ``best-effort`` or
        ``bulk``; ``timeout`` is the rules' idle timeout in seconds (0: permanent);
        ``timeout_ms`` how long the switches may take to confirm.
        ``bandwidth_kbps`` reserves that rate on every link of the path (refused
        with ``NoCapacity`` when no path has room) and ``police=True`` polices it
        with a meter on the ingress switch; ``reroute=False`` keeps the
        flow on its path when a link fails (it turns ``DEGRADED``). The client
        waits for the reply as long as the server may take (longer with a meter),
        or ``reply_timeout`` seconds.
        """
        qos = {k: v for k, v in (("dscp", dscp), ("queue", queue), ("meterKbps", meter_kbps),
                                 ("meterBurstKb", meter_burst_kb), ("bandwidthKbps", bandwidth_kbps),
                                 ("police", police))
               if v is not None}
        network = {k: v for k, v in (
            ("src", src), ("dst", dst), ("protocol", protocol), ("srcPort", src_port),
            ("dstPort", dst_port), ("class", traffic_class), ("priority", priority),
            ("qos", qos or None), ("bidirectional", bidirectional), ("timeout", timeout),
            ("reroute", reroute))
            if v is not None}
        wait = self._flow_wait(timeout_ms, metered=meter_kbps is not None or bool(police),
                               given=reply_timeout)
        return await self.request("InstallFlow", {"network": network, "confirm": confirm,
                                                  "timeoutMs": timeout_ms}, wait)

    async def install_flows(self, flows, device_id=None, *, confirm=None, timeout_ms=None,
                            reply_timeout=None):
        """``InstallFlow`` of ONOS flow JSON: the body of ``POST /onos/v1/flows``
        (``{"flows": [...]}``) or its list; or, with ``device_id``, one flow as
        ``POST /onos/v1/flows/{deviceId}`` takes it."""
        if device_id is not None:
            fields = {"flow": flows, "deviceId": device_id}
        else:
            fields = {"flows": flows["flows"] if isinstance(flows, dict) else list(flows)}
        fields.update(confirm=confirm, timeoutMs=timeout_ms)
        return await self.request("InstallFlow", fields,
                                  self._flow_wait(timeout_ms, metered=False, given=reply_timeout))

    async def get_flow(self, flow_id):
        """``GetFlow``: the handle with each rule's live state, counters and ONOS flow JSON."""
        return await self.request("GetFlow", {"flowId": flow_id})

    async def list_flows(self, *, owner=None, state=None, device_id=None, limit=None):
        """``ListFlows``: ``{"flows": [...]}``."""
        return await self.request("ListFlows", {"owner": owner, "state": state,
                                                "deviceId": device_id, "limit": limit})

    async def remove_flow(self, flow_id, *, force=None, confirm=None, timeout_ms=None,
                          reply_timeout=None):
        """``RemoveFlow``: the handle, ``state`` ``REMOVED`` (``REMOVING`` with confirm False)."""
        return await self.request("RemoveFlow", {
            "flowId": flow_id, "force": force, "confirm": confirm, "timeoutMs": timeout_ms},
            self._flow_wait(timeout_ms, metered=False, given=reply_timeout))

    async def batch(self, requests, reply_timeout=None):
        """``Batch``: runs ``requests`` (dicts with ``type`` and the command's fields) in
        order; returns ``{"count", "failed", "results": [reply, ...]}``. Items do not
        raise: look at each result's ``status``."""
        requests = list(requests)
        wait = reply_timeout
        if wait is None:
            # The server runs the items one after another: their waits add up.
            wait = self.timeout + sum(self._item_wait(r) for r in requests)
        return await self.request("Batch", {"requests": requests}, wait)

    def _item_wait(self, request):
        kind = request.get("type") if isinstance(request, dict) else None
        if kind not in ("InstallFlow", "RemoveFlow"):
            return 0.0
        network = request.get("network")
        qos = network.get("qos") if isinstance(network, dict) else None
        metered = kind == "InstallFlow" and isinstance(qos, dict) \
            and (qos.get("meterKbps") is not None or bool(qos.get("police")))
        timeout_ms = request.get("timeoutMs")
        return self._flow_wait(timeout_ms if isinstance(timeout_ms, (int, float)) else None,
                               metered=metered, given=None)

    def _flow_wait(self, timeout_ms, metered, given):
        if given is not None:
            return given
        confirm_s = (timeout_ms if timeout_ms is not None else _CONFIRM_TIMEOUT_MS) / 1000.0
        wait = confirm_s + (max(_METER_WAIT_S, confirm_s) if metered else 0.0)
        return max(self.timeout, wait + _REPLY_MARGIN_S)


def _location(location):
    if location is None or isinstance(location, dict):
        return location
    device, sep, port = str(location).rpartition("/")
    if not sep or not device or not port:
        raise ValueError("a location is {'deviceId': ..., 'port': ...} or 'deviceId/port': %r"
                         % (location,))
    return {"deviceId": device, "port": int(port) if port.isdigit() else port}
