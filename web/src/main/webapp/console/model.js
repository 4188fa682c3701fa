/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// What the console knows of the network, fed only by the protocol's replies
// (ListNodes, ListLinks, ListFlows, GetFlow, AddNode, InstallFlow) and events
// (devices, hosts, links, flows topics). Links are exactly those ONOS reports:
// nothing is guessed from flows' rules.

/** The key of one direction of a link, as ONOS's link JSON gives it. */
export function linkKey(l) {
    return `${l.src.device}/${l.src.port}-${l.dst.device}/${l.dst.port}`;
}

/** The unordered pair of devices a link joins: both directions of a cable share it. */
export function cableKey(l) {
    const a = l.src.device, b = l.dst.device;
    return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class ConsoleModel {
    constructor() {
        this.devices = new Map();
        this.hosts = new Map();
        this.links = new Map();
        this.flows = new Map();
        // GetFlow's answer per flow, for its rules in hop order.
        this.details = new Map();
    }

    hostByIp(ip) {
        for (const h of this.hosts.values()) {
            if ((h.ipAddresses || []).includes(ip)) {
                return h;
            }
        }
        return null;
    }

    /** The cables between known devices: one per device pair, the direction ONOS listed first. */
    cables() {
        const cables = new Map();
        for (const l of this.links.values()) {
            if (this.devices.has(l.src.device) && this.devices.has(l.dst.device) && !cables.has(cableKey(l))) {
                cables.set(cableKey(l), l);
            }
        }
        return cables;
    }

    /** Replaces the nodes with ListNodes' result. */
    setNodes(nodes) {
        this.devices = new Map((nodes.devices || []).map((d) => [d.id, d]));
        this.hosts = new Map((nodes.hosts || []).map((h) => [h.id, h]));
    }

    /**
     * How full a cable's reservations are: the larger share of capacity
     * reserved of its two directions (ListLinks' reservedKbps and
     * capacityKbps), or null if the server does not report them.
     */
    reservedShare(l) {
        const reverse = this.links.get(linkKey({src: l.dst, dst: l.src}));
        const share = (x) => (x && x.capacityKbps > 0 && x.reservedKbps !== undefined
            ? x.reservedKbps / x.capacityKbps : null);
        const shares = [share(l), share(reverse)].filter((x) => x !== null);
        return shares.length ? Math.max(...shares) : null;
    }

    /** Replaces the links with ListLinks' result. */
    setLinks(result) {
        this.links = new Map((result.links || []).map((l) => [linkKey(l), l]));
    }

    /** Replaces the flows with ListFlows' result; every detail is stale. */
    setFlows(result) {
        const fresh = new Map((result.flows || []).map((f) => [f.flowId, f]));
        for (const id of [...this.flows.keys()]) {
            if (!fresh.has(id)) {
                this.forgetFlow(id);
            }
        }
        this.details.clear();
        fresh.forEach((f) => this.upsertFlow(f));
    }

    /** A node as AddNode or GetNode gives it, merged into what is known. */
    putNode(node) {
        const map = node.kind === 'host' ? this.hosts : this.devices;
        map.set(node.id, Object.assign({}, map.get(node.id), node));
    }

    /** Merges a flow handle; returns whether its rules (GetFlow) are worth fetching. */
    upsertFlow(handle) {
        this.flows.set(handle.flowId, Object.assign({}, this.flows.get(handle.flowId), handle));
        return !this.details.has(handle.flowId) && (handle.state === 'INSTALLED' || handle.state === 'DEGRADED');
    }

    /** Keeps GetFlow's answer for a flow still known; returns whether it was kept. */
    setDetail(flowId, detail) {
        const flow = this.flows.get(flowId);
        if (!flow) {
            return false;
        }
        this.details.set(flowId, detail);
        Object.assign(flow, {state: detail.state, reason: detail.reason});
        return true;
    }

    forgetFlow(flowId) {
        this.flows.delete(flowId);
        this.details.delete(flowId);
    }

    /**
     * Applies one event of the devices, hosts, links or flows topic. Returns
     * {summary} for the log, plus removedHost, removedFlow or fetchDetail
     * (a flow id) when the page has more to do.
     */
    apply(msg) {
        const d = msg.data || {};
        switch (msg.topic) {
            case 'devices':
                return d.device ? this.applyDevice(msg.event, d) : {summary: ''};
            case 'hosts':
                return d.host ? this.applyHost(msg.event, d.host) : {summary: ''};
            case 'links':
                return d.link ? this.applyLink(msg.event, d.link) : {summary: ''};
            case 'flows':
                return this.applyFlow(msg.event, d);
            default:
                return {summary: ''};
        }
    }

    applyDevice(event, d) {
        const device = d.device;
        const provisioning = event === 'DEVICE_PROVISIONED' || event === 'DEVICE_UNPROVISIONED';
        if (event === 'DEVICE_REMOVED' || (provisioning && device.state === 'removed')) {
            this.devices.delete(device.id);
        } else if (provisioning) {
            // The node as GetNode gives it, with its own state and config.
            this.devices.set(device.id, Object.assign({kind: 'device'}, device));
        } else {
            const before = this.devices.get(device.id) || {kind: 'device'};
            this.devices.set(device.id, Object.assign({}, before, device,
                {state: device.available === false ? 'offline' : 'online'}));
        }
        return {summary: device.id + (d.port ? ` port ${d.port.port}` : '')};
    }

    applyHost(event, host) {
        const summary = `${host.id} ${(host.ipAddresses || []).join(', ')}`;
        if (event === 'HOST_REMOVED') {
            this.hosts.delete(host.id);
            return {summary, removedHost: host.id};
        }
        const before = this.hosts.get(host.id) || {kind: 'host', state: 'online'};
        this.hosts.set(host.id, Object.assign({}, before, host));
        return {summary};
    }

    applyLink(event, link) {
        const key = linkKey(link);
        if (event === 'LINK_REMOVED') {
            this.links.delete(key);
        } else {
            // Link events carry ONOS's link JSON only: keep the reservation figures ListLinks gave.
            const before = this.links.get(key) || {};
            this.links.set(key, Object.assign({}, link, {capacityKbps: before.capacityKbps,
                reservedKbps: before.reservedKbps, availableKbps: before.availableKbps}));
        }
        return {summary: key};
    }

    applyFlow(event, d) {
        if (event === 'FLOW_REMOVED') {
            this.forgetFlow(d.flowId);
            return {summary: d.flowId, removedFlow: d.flowId};
        }
        if (event.startsWith('FLOW_')) {
            const wanted = this.upsertFlow(d);
            if (d.state !== 'INSTALLED') {
                this.details.delete(d.flowId);
            }
            return {summary: `${d.flowId} ${d.state}${d.reason ? ` (${d.reason})` : ''}`,
                fetchDetail: wanted ? d.flowId : null};
        }
        if (d.rule) {
            return {summary: `${d.rule.deviceId} rule ${d.rule.id} (${d.rule.appId || 'app?'})`};
        }
        return {summary: ''};
    }
}
