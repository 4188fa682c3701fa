/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The traffic the stats topic reports: each flow's bit rate over the last
// few minutes (FLOW_STATS) and each link's latest load (LINK_STATS).

import {linkKey, cableKey} from './model.js';

/** How much of a flow's history the charts keep, ms. */
export const HISTORY_MS = 5 * 60 * 1000;

export class TrafficHistory {
    constructor() {
        // flowId -> [{t, bitRate}], oldest first
        this.flows = new Map();
        // link key (one direction) -> LINK_STATS data
        this.links = new Map();
    }

    /** Takes a stats event; returns a summary for the event log, or null. */
    apply(msg) {
        const d = msg.data || {};
        if (msg.event === 'FLOW_STATS' && d.flowId && d.ingress) {
            const points = this.flows.get(d.flowId) || [];
            const t = d.to || msg.time;
            if (!points.length || points[points.length - 1].t < t) {
                points.push({t, bitRate: d.ingress.bitRate});
            }
            while (points.length && points[0].t < t - HISTORY_MS) {
                points.shift();
            }
            this.flows.set(d.flowId, points);
            return `${d.flowId} ${formatRate(d.ingress.bitRate)}`;
        }
        if (msg.event === 'LINK_STATS' && d.link) {
            this.links.set(linkKey(d.link), d);
            return `${linkKey(d.link)} ${formatRate(d.bitRate)}`;
        }
        return null;
    }

    /** Forgets a removed flow. */
    forget(flowId) {
        this.flows.delete(flowId);
    }

    /** The busier direction's utilization of each cable (from 0; above 1 when over the announced speed), for colouring links. */
    cableLoads() {
        const loads = new Map();
        for (const d of this.links.values()) {
            const u = d.utilization == null ? 0 : d.utilization;
            const key = cableKey(d.link);
            loads.set(key, Math.max(loads.get(key) || 0, u));
        }
        return loads;
    }
}

/** A bit rate as people read link speeds. */
export function formatRate(bitsPerSecond) {
    const b = bitsPerSecond || 0;
    if (b >= 1e9) {
        return `${(b / 1e9).toFixed(2)} Gbit/s`;
    }
    if (b >= 1e6) {
        return `${(b / 1e6).toFixed(2)} Mbit/s`;
    }
    if (b >= 1e3) {
        return `${(b / 1e3).toFixed(1)} kbit/s`;
    }
    return `${Math.round(b)} bit/s`;
}
