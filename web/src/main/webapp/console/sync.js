/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// Keeps the model in step with the server: subscribe, then list nodes, links
// and flows; apply every event; fetch a flow's rules (GetFlow) when its path
// is wanted.

import {FlowSocketError} from './protocol.js';

const TOPICS = ['devices', 'hosts', 'links', 'flows'];
// Flow events after which the links' reserved bandwidth may differ.
const RESERVATION_EVENTS = new Set(['FLOW_INSTALLED', 'FLOW_REROUTED', 'FLOW_FAILED', 'FLOW_REMOVED', 'FLOW_PENDING']);
/** The stats topic's options: every flow and link, as often as ONOS refreshes its statistics. */
const STATS = {intervalMs: 1000, links: true};

export class ModelSync {
    /**
     * page: {log: EventLog, errors: ErrorList, traffic: TrafficHistory, changed(), synchronised(),
     * hostRemoved(id), flowRemoved(id)}.
     */
    constructor(client, model, page) {
        this.client = client;
        this.model = model;
        this.page = page;
        this.detailInFlight = new Set();
    }

    /** Subscribes and reloads everything; hello tells whether the server offers ListLinks. */
    async synchronise(hello) {
        const {client, model} = this;
        try {
            // A server without the stats topic would refuse it: ask only when its hello offers it.
            const stats = hello && (hello.topics || []).includes('stats');
            await client.request('Subscribe', stats ? {topics: [...TOPICS, 'stats'], stats: STATS} : {topics: TOPICS});
            const lists = [client.request('ListNodes', {}), client.request('ListFlows', {})];
            const canListLinks = hello && (hello.commands || []).includes('ListLinks');
            if (canListLinks) {
                lists.push(client.request('ListLinks', {}));
            }
            const [nodes, flows, links] = await Promise.all(lists);
            model.setNodes(nodes);
            if (links) {
                model.setLinks(links);
            }
            model.setFlows(flows);
            for (const f of model.flows.values()) {
                if (f.kind === 'network' || f.state === 'INSTALLED' || f.state === 'DEGRADED') {
                    this.fetchDetail(f.flowId);
                }
            }
            this.page.log.add('sync', 'SYNCHRONISED', `${model.devices.size} devices, ${model.hosts.size} hosts, `
                + `${model.flows.size} flows${canListLinks ? `, ${model.links.size} links` : ''}`);
            this.page.synchronised();
        } catch (e) {
            this.page.errors.show(e);
        }
    }

    onEvent(msg) {
        if (msg.topic === 'stats') {
            // Not logged: every flow and link reports every few seconds.
            if (this.page.traffic.apply(msg) !== null) {
                this.page.changed();
            }
            return;
        }
        const outcome = this.model.apply(msg);
        if (outcome.removedHost) {
            this.page.hostRemoved(outcome.removedHost);
        }
        if (outcome.removedFlow) {
            this.page.flowRemoved(outcome.removedFlow);
        }
        if (outcome.fetchDetail) {
            this.fetchDetail(outcome.fetchDetail);
        }
        this.page.log.add(msg.topic, msg.event, outcome.summary, msg.seq, msg.time);
        if (msg.topic === 'flows' && RESERVATION_EVENTS.has(msg.event) && this.model.links.size) {
            this.refreshLinks();
        }
        this.page.changed();
    }

    /** Reads the links' reservations again, once for a burst of flow events. */
    refreshLinks() {
        if (this.linksRefresh) {
            return;
        }
        this.linksRefresh = setTimeout(async () => {
            this.linksRefresh = null;
            try {
                this.model.setLinks(await this.client.request('ListLinks', {}));
                this.page.changed();
            } catch (e) {
                this.page.errors.show(e);
            }
        }, 200);
    }

    /** Merges a flow handle from a reply, fetching its rules when it is in place. */
    putFlow(handle) {
        if (this.model.upsertFlow(handle)) {
            this.fetchDetail(handle.flowId);
        }
    }

    async fetchDetail(flowId) {
        if (this.detailInFlight.has(flowId)) {
            return;
        }
        this.detailInFlight.add(flowId);
        try {
            const detail = await this.client.request('GetFlow', {flowId});
            if (this.model.setDetail(flowId, detail)) {
                this.page.changed();
            }
        } catch (e) {
            if (!(e instanceof FlowSocketError && e.code === 'UNKNOWN_FLOW')) {
                this.page.errors.show(e);
            }
        } finally {
            this.detailInFlight.delete(flowId);
        }
    }
}
