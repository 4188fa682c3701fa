/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The topology panel's counts and the details of the node or link last
// clicked, with the FlowSocket flows through it.

import {text} from './dom.js';
import {deviceLabel, hostLabel} from './graph.js';
import {pathOf} from './flow-path.js';

export function renderCounts(counts, model) {
    counts.textContent = `${model.devices.size} devices · ${model.hosts.size} hosts · ${model.cables().size} links`;
}

/**
 * The details of the node or link last clicked (link: {id, src, dst} as
 * "device/port", kept when ONOS removes the link). Returns what the sandbox's
 * Take down / Bring up would act on: {kind, id, up, [src, dst]}, or null.
 */
export function renderSelection(box, model, nodeId, link) {
    if (link) {
        return renderLinkDetails(box, model, link);
    }
    renderNodeDetails(box, model, nodeId);
    const device = nodeId && model.devices.get(nodeId);
    return device ? {kind: 'device', id: device.id, up: device.state !== 'offline'} : null;
}

function renderLinkDetails(box, model, link) {
    box.hidden = false;
    box.replaceChildren();
    const listed = model.cables().has(link.id);
    box.append(text('h3', `Link ${link.src} ↔ ${link.dst}`));
    const dl = document.createElement('dl');
    const add = details(dl);
    add('state', listed ? (model.cables().get(link.id).state || 'ACTIVE') : 'not listed by ONOS (down)');
    add('FlowSocket flows', flowsThrough(model, [link.src.split('/')[0], link.dst.split('/')[0]]));
    box.append(dl);
    return {kind: 'link', id: link.id, src: link.src, dst: link.dst, up: listed};
}

function details(dl) {
    return (k, v) => {
        if (v != null && v !== '') {
            dl.append(text('dt', k), text('dd', v));
        }
    };
}

// The flows whose path goes through every one of the nodes.
function flowsThrough(model, nodeIds) {
    const flows = [...model.flows.values()].filter((f) => {
        const path = pathOf(model, f);
        return nodeIds.every((id) => path.includes(id));
    }).map((f) => f.flowId);
    return flows.length ? flows.join(', ') : 'none';
}

function renderNodeDetails(box, model, nodeId) {
    const node = nodeId && (model.devices.get(nodeId) || model.hosts.get(nodeId));
    if (!node) {
        box.hidden = true;
        return;
    }
    box.hidden = false;
    box.replaceChildren();
    const isDevice = model.devices.has(nodeId);
    box.append(text('h3', isDevice ? `Device ${deviceLabel(node)}` : `Host ${hostLabel(node)}`));
    const dl = document.createElement('dl');
    const add = details(dl);
    add('id', node.id);
    add('state', node.state);
    if (isDevice) {
        add('type', node.type || (node.config && node.config.type));
        add('manufacturer', node.mfr);
        add('software', node.sw);
    } else {
        add('IPs', (node.ipAddresses || []).join(', '));
        add('location', (node.locations || []).map((l) => `${l.elementId}/${l.port}`).join(', '));
    }
    add('FlowSocket flows', flowsThrough(model, [nodeId]));
    box.append(dl);
}
