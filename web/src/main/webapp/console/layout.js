/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// A force-directed layout in plain JavaScript: devices on a ring, hosts next
// to their switch, then springs along edges and repulsion between nodes.

function hash(text) {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) {
        h ^= text.charCodeAt(i);
        h = Math.imul(h, 16777619);
    }
    return (h >>> 0) / 4294967296;
}

/**
 * Computes positions for nodes. nodes: [{id, kind, anchor}] (a host's anchor
 * is its device); edges: [{a, b, len}]. Positions from an earlier layout are
 * kept as starting points so the picture moves little on updates. Deterministic.
 */
export function layout(nodes, edges, previous = new Map()) {
    const pos = new Map();
    const devices = nodes.filter((n) => n.kind === 'device');
    const ring = 90 + 45 * devices.length;
    devices.forEach((n, i) => {
        const p = previous.get(n.id);
        const a = (2 * Math.PI * i) / Math.max(devices.length, 1) - Math.PI / 2;
        pos.set(n.id, p ? {x: p.x, y: p.y} : {x: ring * Math.cos(a), y: ring * Math.sin(a)});
    });
    for (const n of nodes) {
        if (pos.has(n.id)) {
            continue;
        }
        const p = previous.get(n.id);
        if (p) {
            pos.set(n.id, {x: p.x, y: p.y});
            continue;
        }
        const anchor = n.anchor && pos.get(n.anchor);
        const j = hash(n.id) * 2 * Math.PI;
        if (anchor) {
            const len = Math.hypot(anchor.x, anchor.y) || 1;
            const ox = anchor.x / len, oy = anchor.y / len;
            pos.set(n.id, {x: anchor.x + 70 * ox + 25 * Math.cos(j), y: anchor.y + 70 * oy + 25 * Math.sin(j)});
        } else {
            pos.set(n.id, {x: (ring + 80) * Math.cos(j), y: (ring + 80) * Math.sin(j)});
        }
    }
    const ids = nodes.map((n) => n.id);
    const kind = new Map(nodes.map((n) => [n.id, n.kind]));
    const iterations = ids.length > 300 ? 40 : ids.length > 100 ? 120 : 250;
    const k = 60;
    let temperature = previous.size ? 12 : 40;
    for (let it = 0; it < iterations; it++) {
        const disp = new Map(ids.map((id) => [id, {x: 0, y: 0}]));
        for (let i = 0; i < ids.length; i++) {
            const a = pos.get(ids[i]);
            for (let j = i + 1; j < ids.length; j++) {
                const b = pos.get(ids[j]);
                let dx = a.x - b.x, dy = a.y - b.y;
                let d = Math.hypot(dx, dy);
                if (d < 0.01) {
                    dx = 0.01 * (i - j);
                    dy = 0.01;
                    d = Math.hypot(dx, dy);
                }
                const hosts = (kind.get(ids[i]) === 'host') + (kind.get(ids[j]) === 'host');
                const f = (k * k / d) * (hosts === 2 ? 0.25 : hosts === 1 ? 0.4 : 1) / d;
                disp.get(ids[i]).x += dx * f;
                disp.get(ids[i]).y += dy * f;
                disp.get(ids[j]).x -= dx * f;
                disp.get(ids[j]).y -= dy * f;
            }
        }
        for (const e of edges) {
            const a = pos.get(e.a), b = pos.get(e.b);
            if (!a || !b) {
                continue;
            }
            const dx = a.x - b.x, dy = a.y - b.y;
            const d = Math.max(Math.hypot(dx, dy), 0.01);
            const f = ((d - e.len) * 0.25) / d;
            disp.get(e.a).x -= dx * f;
            disp.get(e.a).y -= dy * f;
            disp.get(e.b).x += dx * f;
            disp.get(e.b).y += dy * f;
        }
        for (const id of ids) {
            const p = pos.get(id), v = disp.get(id);
            v.x -= p.x * 0.1;
            v.y -= p.y * 0.1;
            const len = Math.hypot(v.x, v.y);
            if (len > 0) {
                const step = Math.min(len, temperature);
                p.x += (v.x / len) * step;
                p.y += (v.y / len) * step;
            }
        }
        temperature = Math.max(temperature * 0.97, 1);
    }
    return pos;
}
