/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The topology graph's SVG drawing. Input is the console's model (devices,
// hosts, the links ONOS reports, flow paths); nothing here talks to the server.

import {layout} from './layout.js';
import {scaleLinear} from './vendor/d3-scale.js';

const SVG = 'http://www.w3.org/2000/svg';

/** A link's colour by its utilization: green when idle, amber at half, red when full. */
export const utilizationColour = scaleLinear().domain([0, 0.5, 1])
    .range(['#2e9d5b', '#e0a000', '#d0312d']).clamp(true);

/** A short label for a device id: of:0000000000000001 becomes of:1. */
export function deviceLabel(device) {
    const name = device.annotations && device.annotations.name;
    if (name) {
        return name;
    }
    const id = device.id || '';
    const m = /^of:0*([0-9a-f]+)$/i.exec(id);
    return m ? `of:${m[1]}` : id;
}

/** A short label for a host: its first IP, or its MAC. */
export function hostLabel(host) {
    return (host.ipAddresses && host.ipAddresses[0]) || host.mac || host.id;
}

function el(name, attrs = {}, parent = null) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) {
        if (v !== undefined && v !== null) {
            e.setAttribute(k, v);
        }
    }
    if (parent) {
        parent.appendChild(e);
    }
    return e;
}

function set(e, attrs) {
    for (const [k, v] of Object.entries(attrs)) {
        const text = String(v);
        if (e.getAttribute(k) !== text) {
            e.setAttribute(k, text);
        }
    }
}

// Makes parent's children match items, in order, reusing the element of each key.
function reconcile(parent, items, key, create, update) {
    const existing = new Map();
    for (const child of [...parent.children]) {
        existing.set(child.dataset.key, child);
    }
    let previous = null;
    for (const item of items) {
        const k = key(item);
        let e = existing.get(k);
        if (e) {
            existing.delete(k);
        } else {
            e = create(item);
            e.dataset.key = k;
        }
        update(e, item);
        const expected = previous ? previous.nextSibling : parent.firstChild;
        if (e !== expected) {
            parent.insertBefore(e, expected);
        }
        previous = e;
    }
    for (const e of existing.values()) {
        e.remove();
    }
}

/** Draws the topology into an SVG element; returns the positions used. */
export class TopologyView {
    constructor(svg, {onNodeClick, onLinkClick} = {}) {
        this.svg = svg;
        this.onNodeClick = onNodeClick || (() => {});
        this.onLinkClick = onLinkClick || (() => {});
        this.positions = new Map();
        this.signature = '';
    }

    /**
     * model: a ConsoleModel (devices, hosts, links as ONOS's link JSON),
     * paths: [{flowId, state, points: [node ids], selected}],
     * marks: {picked: Map, selected, selectedLink: cable key, loads: Map of cable key to utilization (from 0, may exceed 1)}
     */
    render(model, paths, marks) {
        const nodes = [];
        const edges = [];
        for (const d of model.devices.values()) {
            nodes.push({id: d.id, kind: 'device'});
        }
        const deviceIds = new Set(nodes.map((n) => n.id));
        const infra = new Map();
        for (const [id, l] of model.cables()) {
            infra.set(id, {a: l.src.device, b: l.dst.device, state: l.state, id, share: model.reservedShare(l)});
        }
        for (const l of infra.values()) {
            edges.push({a: l.a, b: l.b, len: 150});
        }
        const hostEdges = [];
        for (const h of model.hosts.values()) {
            const locs = (h.locations || []).filter((loc) => deviceIds.has(loc.elementId));
            nodes.push({id: h.id, kind: 'host', anchor: locs.length ? locs[0].elementId : null});
            for (const loc of locs) {
                edges.push({a: h.id, b: loc.elementId, len: 70});
                hostEdges.push({host: h.id, device: loc.elementId, port: loc.port});
            }
        }
        const signature = JSON.stringify([nodes.map((n) => n.id).sort(), edges.map((e) => `${e.a}-${e.b}`).sort()]);
        if (signature !== this.signature) {
            this.positions = layout(nodes, edges, this.positions);
            this.signature = signature;
        }
        this.draw(model, infra, hostEdges, paths, marks);
        return this.positions;
    }

    // Updates the drawing in place, element by element (keyed by id), so that
    // a click is never lost to an element replaced between press and release.
    draw(model, infra, hostEdges, paths, marks) {
        const svg = this.svg;
        if (!this.layers) {
            svg.replaceChildren();
            this.layers = {
                links: el('g', {class: 'links'}, svg),
                paths: el('g', {class: 'paths'}, svg),
                nodes: el('g', {class: 'nodes'}, svg),
            };
        }
        const pos = this.positions;
        let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
        for (const p of pos.values()) {
            minX = Math.min(minX, p.x);
            minY = Math.min(minY, p.y);
            maxX = Math.max(maxX, p.x);
            maxY = Math.max(maxY, p.y);
        }
        if (!pos.size) {
            minX = minY = -100;
            maxX = maxY = 100;
        }
        const pad = 70;
        const w = Math.max(maxX - minX, 200) + 2 * pad, h = Math.max(maxY - minY, 160) + 2 * pad;
        const cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        svg.setAttribute('viewBox', `${cx - w / 2} ${cy - h / 2} ${w} ${h}`);

        const lines = [];
        const loads = marks.loads || new Map();
        for (const l of infra.values()) {
            lines.push({key: `infra|${l.id}`, id: l.id, a: pos.get(l.a), b: pos.get(l.b), cable: true,
                cls: `link${l.state === 'INACTIVE' ? ' inactive' : ''}${reservationClass(l.share)}${loads.has(l.id) ? ' loaded' : ''}${marks.selectedLink === l.id ? ' selected' : ''}`,
                load: loads.get(l.id)});
        }
        for (const e of hostEdges) {
            const id = `${e.host}|${e.device}/${e.port}`;
            lines.push({key: `edge|${id}`, id, a: pos.get(e.host), b: pos.get(e.device), cls: 'link edge'});
        }
        reconcile(this.layers.links, lines, (l) => l.key, (l) => {
            const line = el('line');
            if (l.cable) {
                line.addEventListener('click', () => this.onLinkClick(line.dataset.id));
            }
            return line;
        }, (line, l) => {
            set(line, {class: l.cls, 'data-id': l.id, x1: l.a.x, y1: l.a.y, x2: l.b.x, y2: l.b.y});
            // Through the CSSOM, which the console's Content-Security-Policy allows (style attributes it does not).
            if (l.load === undefined) {
                line.style.removeProperty('stroke');
                delete line.dataset.utilization;
            } else {
                line.style.setProperty('stroke', utilizationColour(l.load));
                line.dataset.utilization = String(l.load);
            }
        });

        const drawn = paths.map((p) => Object.assign({}, p, {pts: p.points.map((id) => pos.get(id)).filter(Boolean)}))
            .filter((p) => p.pts.length >= 2);
        reconcile(this.layers.paths, drawn, (p) => p.flowId, () => {
            const line = el('polyline');
            el('title', {}, line);
            return line;
        }, (line, p) => {
            set(line, {
                class: `flow-path state-${p.state}${p.selected ? ' selected' : ''}`,
                'data-flow': p.flowId,
                points: p.pts.map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`).join(' '),
            });
            line.firstChild.textContent = `${p.flowId} ${p.state}`;
        });

        const onPath = new Set(paths.filter((p) => p.selected).flatMap((p) => p.points));
        const nodes = [];
        for (const d of model.devices.values()) {
            nodes.push({kind: 'device', id: d.id, p: pos.get(d.id), label: deviceLabel(d),
                cls: `node device state-${d.state || 'online'}`, title: `${d.id} (${d.state || 'online'})`});
        }
        for (const hst of model.hosts.values()) {
            if (!pos.get(hst.id)) {
                continue;
            }
            const picked = marks.picked && marks.picked.get(hst.id);
            nodes.push({kind: 'host', id: hst.id, p: pos.get(hst.id), label: hostLabel(hst), picked,
                cls: `node host state-${hst.state || 'online'}${picked ? ` picked picked-${picked}` : ''}`,
                title: `${hst.id} ${(hst.ipAddresses || []).join(', ')}`});
        }
        reconcile(this.layers.nodes, nodes, (n) => `${n.kind}|${n.id}`, (n) => {
            const g = el('g', {tabindex: 0});
            if (n.kind === 'device') {
                el('rect', {x: -20, y: -15, width: 40, height: 30, rx: 5}, g);
            } else {
                el('circle', {r: 12}, g);
                el('text', {class: 'pick', y: 4, 'text-anchor': 'middle'}, g);
            }
            el('text', {class: 'label', y: n.kind === 'device' ? 32 : 28, 'text-anchor': 'middle'}, g);
            el('title', {}, g);
            g.addEventListener('click', () => this.onNodeClick(g.dataset.kind, g.dataset.id));
            return g;
        }, (g, n) => {
            set(g, {
                class: `${n.cls}${marks.selected === n.id ? ' selected' : ''}${onPath.has(n.id) ? ' on-path' : ''}`,
                'data-id': n.id, 'data-kind': n.kind,
                transform: `translate(${n.p.x.toFixed(1)},${n.p.y.toFixed(1)})`,
            });
            g.querySelector('text.label').textContent = n.label;
            g.querySelector('title').textContent = n.title;
            const pick = g.querySelector('text.pick');
            if (pick) {
                pick.textContent = n.picked === 'src' ? 'A' : n.picked === 'dst' ? 'B' : '';
            }
        });
    }
}

// Links coloured by the bandwidth network flows reserved on them (qos.bandwidthKbps).
function reservationClass(share) {
    if (share === null || share === undefined || share === 0) {
        return '';
    }
    return share >= 0.9 ? ' reserved-full' : share >= 0.5 ? ' reserved-high' : ' reserved-low';
}
