/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The topology's layout with d3-force, as ONOS's GUI lays out its topology:
// springs along links (forceLink), repulsion between nodes (forceManyBody),
// a gentle pull to the centre (forceX, forceY). Hosts start next to their
// switch; nodes laid out before start where they were, so the picture moves
// little on updates. d3-force's own random source is seeded: deterministic.

import {forceLink, forceManyBody, forceSimulation, forceX, forceY} from './vendor/d3-force.js';

/**
 * Computes positions for nodes. nodes: [{id, kind, anchor}] (a host's anchor
 * is its device); edges: [{a, b, len}]. Returns Map id -> {x, y}.
 */
export function layout(nodes, edges, previous = new Map()) {
    const devices = nodes.filter((n) => n.kind === 'device');
    const ring = 90 + 45 * devices.length;
    const at = new Map();
    const sim = nodes.map((n) => Object.assign({}, n));
    sim.filter((n) => n.kind === 'device').forEach((n, i) => {
        const a = (2 * Math.PI * i) / Math.max(devices.length, 1) - Math.PI / 2;
        place(n, previous.get(n.id) || {x: ring * Math.cos(a), y: ring * Math.sin(a)});
        at.set(n.id, n);
    });
    for (const n of sim.filter((m) => m.kind !== 'device')) {
        const anchor = n.anchor && at.get(n.anchor);
        const len = anchor ? Math.hypot(anchor.x, anchor.y) || 1 : 1;
        place(n, previous.get(n.id) || (anchor
            ? {x: anchor.x + (70 * anchor.x) / len, y: anchor.y + (70 * anchor.y) / len}
            : {x: 0, y: 0}));
    }
    const ids = new Set(sim.map((n) => n.id));
    const links = edges.filter((e) => ids.has(e.a) && ids.has(e.b))
        .map((e) => ({source: e.a, target: e.b, len: e.len}));
    const simulation = forceSimulation(sim)
        .force('link', forceLink(links).id((n) => n.id).distance((l) => l.len).strength(0.7))
        .force('charge', forceManyBody().strength((n) => (n.kind === 'host' ? -150 : -500)))
        .force('x', forceX(0).strength(0.05))
        .force('y', forceY(0).strength(0.05))
        .stop();
    // A settled picture at once: fewer steps when only a little changed.
    const steps = previous.size ? 120 : 300;
    simulation.alpha(previous.size ? 0.3 : 1);
    for (let i = 0; i < steps; i++) {
        simulation.tick();
    }
    return new Map(sim.map((n) => [n.id, {x: n.x, y: n.y}]));
}

function place(n, p) {
    n.x = p.x;
    n.y = p.y;
}
