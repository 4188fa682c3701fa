/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The topology panel's counts and the details of the node last clicked,
// with the FlowSocket flows through it.

import {text} from './dom.js';
import {deviceLabel, hostLabel} from './graph.js';
import {pathOf} from './flow-path.js';

export function renderCounts(counts, model) {
    counts.textContent = `${model.devices.size} devices · ${model.hosts.size} hosts · ${model.cables().size} links`;
}

export function renderNodeDetails(box, model, nodeId) {
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
    const add = (k, v) => {
        if (v != null && v !== '') {
            dl.append(text('dt', k), text('dd', v));
        }
    };
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
    const flows = [...model.flows.values()].filter((f) => pathOf(model, f).includes(nodeId)).map((f) => f.flowId);
    add('FlowSocket flows', flows.length ? flows.join(', ') : 'none');
    box.append(dl);
}
