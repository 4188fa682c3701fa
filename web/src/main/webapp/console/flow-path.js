/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// A flow's path across the graph, read from its rules (GetFlow's, else the
// handle's): source host, switches in hop order, destination host.

function ruleInfo(ref) {
    const rule = ref.rule || {};
    const criteria = (rule.selector && rule.selector.criteria) || [];
    const src = criteria.find((c) => c.type === 'IPV4_SRC' || c.type === 'IPV6_SRC');
    return {device: ref.deviceId, src: src ? String(src.ip).split('/')[0] : null};
}

// The hops of a flow in order, for its first direction.
function hopsOf(model, flow) {
    const detail = model.details.get(flow.flowId);
    const rules = (detail && detail.rules) || flow.rules || [];
    const infos = rules.map(ruleInfo);
    const spec = flow.spec || {};
    if (flow.kind === 'network' && spec.src) {
        const forward = infos.filter((r) => r.src === spec.src);
        if (forward.length) {
            return forward;
        }
    }
    return infos;
}

/** Node ids along a flow: source host, switches in hop order, destination host. */
export function pathOf(model, flow) {
    const points = [];
    for (const h of hopsOf(model, flow)) {
        if (points[points.length - 1] !== h.device) {
            points.push(h.device);
        }
    }
    const spec = flow.spec || {};
    if (flow.kind === 'network' && points.length) {
        const src = model.hostByIp(spec.src), dst = model.hostByIp(spec.dst);
        if (src) {
            points.unshift(src.id);
        }
        if (dst) {
            points.push(dst.id);
        }
    }
    return points;
}

/** The flows drawn on the graph: [{flowId, state, points, selected}]. */
export function flowPaths(model, selectedFlow) {
    const paths = [];
    for (const f of model.flows.values()) {
        const points = pathOf(model, f);
        if (points.length) {
            paths.push({flowId: f.flowId, state: f.state, points, selected: selectedFlow === f.flowId});
        }
    }
    return paths;
}
