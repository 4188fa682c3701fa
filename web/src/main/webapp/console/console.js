/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// FlowSocket web console: the page's wiring. Everything it knows comes from
// the public protocol: ListNodes, ListFlows, GetFlow and the devices, hosts,
// links and flows topics.

import {FlowSocketClient, FlowSocketError, socketUrl} from './protocol.js';
import {TopologyView, deviceLabel, hostLabel} from './graph.js';

const TOPICS = ['devices', 'hosts', 'links', 'flows'];
const MAX_LOG = 400;
const MAX_ERRORS = 6;

const $ = (sel, root = document) => root.querySelector(sel);

const model = {
    devices: new Map(),
    hosts: new Map(),
    links: new Map(),
    seenLinks: new Map(),
    flows: new Map(),
    details: new Map(),
};
const ui = {
    picked: new Map(),
    selectedFlow: null,
    selectedNode: null,
    role: null,
    hello: null,
};

const client = new FlowSocketClient(socketUrl());
const view = new TopologyView($('#topology'), {onNodeClick});

// ---------------------------------------------------------------- helpers

function text(tag, value, attrs = {}) {
    const e = document.createElement(tag);
    e.textContent = value == null ? '' : String(value);
    for (const [k, v] of Object.entries(attrs)) {
        e.setAttribute(k, v);
    }
    return e;
}

function linkKey(l) {
    return `${l.src.device}/${l.src.port}-${l.dst.device}/${l.dst.port}`;
}

function hostByIp(ip) {
    for (const h of model.hosts.values()) {
        if ((h.ipAddresses || []).includes(ip)) {
            return h;
        }
    }
    return null;
}

function time(ms) {
    const d = ms ? new Date(ms) : new Date();
    return d.toLocaleTimeString([], {hour12: false}) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

// Turns a form value into a number when it looks like one; anything else is
// sent as typed, so that the server (the authority) names the bad field.
function value(input) {
    const v = input.value.trim();
    if (v === '') {
        return undefined;
    }
    return /^-?\d+$/.test(v) ? Number(v) : v;
}

function compact(obj) {
    for (const k of Object.keys(obj)) {
        if (obj[k] === undefined || (typeof obj[k] === 'object' && obj[k] !== null
                && !Array.isArray(obj[k]) && Object.keys(compact(obj[k])).length === 0)) {
            delete obj[k];
        }
    }
    return obj;
}

// ---------------------------------------------------------------- rendering

let renderPending = false;

function scheduleRender() {
    if (!renderPending) {
        renderPending = true;
        requestAnimationFrame(() => {
            renderPending = false;
            render();
        });
    }
}

function render() {
    rebuildInferredLinks();
    const paths = [];
    for (const f of model.flows.values()) {
        const points = pathOf(f);
        if (points.length) {
            paths.push({flowId: f.flowId, state: f.state, points, selected: ui.selectedFlow === f.flowId});
        }
    }
    view.render(model, paths, {picked: ui.picked, selected: ui.selectedNode});
    const pair = (l) => [l.src.device, l.dst.device].sort().join('|');
    const known = new Set([...model.links.values()].filter((l) => !l.inferred).map(pair));
    const seen = new Set([...model.links.values()].filter((l) => l.inferred).map(pair).filter((p) => !known.has(p)));
    $('#topo-counts').textContent = `${model.devices.size} devices · ${model.hosts.size} hosts · `
        + `${known.size} links${seen.size ? ` (+${seen.size} seen in flow paths)` : ''}`;
    renderFlows();
    renderPickers();
    renderSelection();
}

// Rows are kept per flow and updated in place, so a click on a row's button
// is never lost to a row replaced between press and release.
function renderFlows() {
    const body = $('#flows tbody');
    const flows = [...model.flows.values()].sort((a, b) =>
        (parseInt(a.flowId.replace(/\D/g, ''), 10) || 0) - (parseInt(b.flowId.replace(/\D/g, ''), 10) || 0));
    const rows = new Map([...body.children].map((tr) => [tr.dataset.flow, tr]));
    let previous = null;
    for (const f of flows) {
        let tr = rows.get(f.flowId);
        if (tr) {
            rows.delete(f.flowId);
        } else {
            tr = flowRow(f.flowId);
        }
        updateFlowRow(tr, f);
        const expected = previous ? previous.nextSibling : body.firstChild;
        if (tr !== expected) {
            body.insertBefore(tr, expected);
        }
        previous = tr;
    }
    for (const tr of rows.values()) {
        tr.remove();
    }
    $('#flows-empty').hidden = flows.length > 0;
    const byState = {};
    flows.forEach((f) => { byState[f.state] = (byState[f.state] || 0) + 1; });
    $('#flow-counts').textContent = Object.entries(byState).map(([st, n]) => `${n} ${st}`).join(' · ');
}

function flowRow(flowId) {
    const tr = document.createElement('tr');
    tr.dataset.flow = flowId;
    for (const cls of ['id', 'kind', 'ends', 'class', 'priority', 'state', 'rules', 'owner']) {
        tr.append(text('td', '', {class: cls}));
    }
    const actions = text('td', '', {class: 'row-actions'});
    const show = text('button', 'Show path', {type: 'button', class: 'small show-path'});
    show.addEventListener('click', () => selectFlow(ui.selectedFlow === tr.dataset.flow ? null : tr.dataset.flow));
    const remove = text('button', 'Remove', {type: 'button', class: 'small danger remove-flow'});
    remove.addEventListener('click', () => removeFlow(tr.dataset.flow, remove));
    actions.append(show, remove);
    tr.append(actions);
    return tr;
}

function updateFlowRow(tr, f) {
    const spec = f.spec || {};
    const cell = (cls) => $(`td.${cls}`, tr);
    const put = (cls, v) => {
        const t = v == null ? '' : String(v);
        if (cell(cls).textContent !== t) {
            cell(cls).textContent = t;
        }
    };
    tr.dataset.state = f.state;
    tr.classList.toggle('selected', ui.selectedFlow === f.flowId);
    put('id', f.flowId);
    put('kind', f.kind);
    const devices = [...new Set((f.rules || []).map((r) => r.deviceId))];
    put('ends', f.kind === 'network'
        ? `${spec.src} → ${spec.dst}${spec.bidirectional ? ' ⇄' : ''}`
        : devices.map((d) => deviceLabel({id: d})).join(', '));
    put('class', spec.class || '');
    put('priority', spec.priority == null ? '' : spec.priority);
    const state = cell('state');
    state.className = `state state-${f.state}`;
    state.replaceChildren(document.createTextNode(f.state));
    state.title = f.reason || '';
    if (f.reason) {
        state.append(text('div', f.reason, {class: 'reason'}));
    }
    put('rules', (f.rules || []).length);
    put('owner', f.owner || '');
    const show = $('button.show-path', tr);
    show.textContent = ui.selectedFlow === f.flowId ? 'Hide path' : 'Show path';
    const remove = $('button.remove-flow', tr);
    if (!remove.dataset.busy) {
        remove.disabled = ui.role !== 'admin' || f.state === 'REMOVING';
    }
}

function renderPickers() {
    const form = $('#install-form');
    const hosts = [...model.hosts.values()].filter((h) => (h.ipAddresses || []).length)
        .sort((a, b) => hostLabel(a).localeCompare(hostLabel(b), undefined, {numeric: true}));
    for (const name of ['src', 'dst']) {
        const select = form.elements[name];
        const keep = select.value;
        select.replaceChildren(text('option', '— pick a host —', {value: ''}));
        for (const h of hosts) {
            for (const ip of h.ipAddresses) {
                select.append(text('option', `${ip}  (${h.id})`, {value: ip}));
            }
        }
        const picked = [...ui.picked].find(([, role]) => role === name);
        const host = picked && model.hosts.get(picked[0]);
        select.value = host ? host.ipAddresses[0] : keep;
    }
    const devSelect = $('#add-form').elements.deviceId;
    const keepDev = devSelect.value;
    devSelect.replaceChildren();
    [...model.devices.values()].sort((a, b) => a.id.localeCompare(b.id)).forEach((d) =>
        devSelect.append(text('option', `${deviceLabel(d)}  (${d.id})`, {value: d.id})));
    if (keepDev) {
        devSelect.value = keepDev;
    }
}

function renderSelection() {
    const box = $('#selection');
    const id = ui.selectedNode;
    const node = id && (model.devices.get(id) || model.hosts.get(id));
    if (!node) {
        box.hidden = true;
        return;
    }
    box.hidden = false;
    box.replaceChildren();
    const isDevice = model.devices.has(id);
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
    const flows = [...model.flows.values()].filter((f) => pathOf(f).includes(id)).map((f) => f.flowId);
    add('FlowSocket flows', flows.length ? flows.join(', ') : 'none');
    box.append(dl);
}

// ---------------------------------------------------------------- model

function upsertFlow(handle) {
    const before = model.flows.get(handle.flowId);
    model.flows.set(handle.flowId, Object.assign({}, before, handle));
    if (!model.details.has(handle.flowId) && (handle.state === 'INSTALLED' || handle.state === 'DEGRADED')) {
        fetchDetail(handle.flowId);
    }
}

const detailInFlight = new Set();

async function fetchDetail(flowId) {
    if (detailInFlight.has(flowId)) {
        return;
    }
    detailInFlight.add(flowId);
    try {
        const detail = await client.request('GetFlow', {flowId});
        if (model.flows.has(flowId)) {
            model.details.set(flowId, detail);
            model.flows.set(flowId, Object.assign(model.flows.get(flowId), {state: detail.state, reason: detail.reason}));
            scheduleRender();
        }
    } catch (e) {
        if (!(e instanceof FlowSocketError && e.code === 'UNKNOWN_FLOW')) {
            showError(e);
        }
    } finally {
        detailInFlight.delete(flowId);
    }
}

function ruleInfo(ref) {
    const rule = ref.rule || {};
    const criteria = (rule.selector && rule.selector.criteria) || [];
    const instructions = (rule.treatment && rule.treatment.instructions) || [];
    const inPort = criteria.find((c) => c.type === 'IN_PORT');
    const src = criteria.find((c) => c.type === 'IPV4_SRC' || c.type === 'IPV6_SRC');
    const out = instructions.find((i) => i.type === 'OUTPUT');
    return {
        device: ref.deviceId,
        inPort: inPort ? String(inPort.port) : null,
        outPort: out ? String(out.port) : null,
        src: src ? String(src.ip).split('/')[0] : null,
    };
}

// The hops of a flow in order, for its first direction.
function hopsOf(flow) {
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

// Node ids along a flow: source host, switches in hop order, destination host.
function pathOf(flow) {
    const hops = hopsOf(flow);
    const points = [];
    for (const h of hops) {
        if (points[points.length - 1] !== h.device) {
            points.push(h.device);
        }
    }
    const spec = flow.spec || {};
    if (flow.kind === 'network' && points.length) {
        const src = hostByIp(spec.src), dst = hostByIp(spec.dst);
        if (src) {
            points.unshift(src.id);
        }
        if (dst) {
            points.push(dst.id);
        }
    }
    return points;
}

// Links the protocol has not reported but a flow's rules prove: a rule on one
// switch sends out of port p, the next hop's rule matches IN_PORT q. They are
// remembered after the flow is gone, until ONOS reports the link removed or
// one of its switches leaves.
function rebuildInferredLinks() {
    for (const [k, l] of model.links) {
        if (l.inferred) {
            model.links.delete(k);
        }
    }
    for (const f of model.flows.values()) {
        if (f.kind !== 'network' || !model.details.has(f.flowId)) {
            continue;
        }
        const rules = model.details.get(f.flowId).rules.map(ruleInfo);
        for (let i = 0; i + 1 < rules.length; i++) {
            const a = rules[i], b = rules[i + 1];
            if (a.src !== b.src || a.device === b.device || !a.outPort || !b.inPort) {
                continue;
            }
            const link = {src: {device: a.device, port: a.outPort}, dst: {device: b.device, port: b.inPort},
                inferred: true};
            model.seenLinks.set(linkKey(link), link);
        }
    }
    for (const [key, link] of model.seenLinks) {
        if (!model.devices.has(link.src.device) || !model.devices.has(link.dst.device)) {
            model.seenLinks.delete(key);
        } else if (!model.links.has(key)) {
            model.links.set(key, link);
        }
    }
}

// ---------------------------------------------------------------- protocol

async function synchronise() {
    try {
        await client.request('Subscribe', {topics: TOPICS});
        const lists = [client.request('ListNodes', {}), client.request('ListFlows', {})];
        const canListLinks = ui.hello && (ui.hello.commands || []).includes('ListLinks');
        if (canListLinks) {
            lists.push(client.request('ListLinks', {}));
        }
        const [nodes, flows, links] = await Promise.all(lists);
        model.devices = new Map((nodes.devices || []).map((d) => [d.id, d]));
        model.hosts = new Map((nodes.hosts || []).map((h) => [h.id, h]));
        if (links) {
            model.links = new Map((links.links || []).map((l) => [linkKey(l), l]));
        }
        const fresh = new Map((flows.flows || []).map((f) => [f.flowId, f]));
        for (const id of model.flows.keys()) {
            if (!fresh.has(id)) {
                model.flows.delete(id);
                model.details.delete(id);
            }
        }
        model.details.clear();
        fresh.forEach(upsertFlow);
        for (const f of model.flows.values()) {
            if (f.kind === 'network' && !detailInFlight.has(f.flowId)) {
                fetchDetail(f.flowId);
            }
        }
        log('sync', 'SYNCHRONISED', `${model.devices.size} devices, ${model.hosts.size} hosts, `
            + `${model.flows.size} flows${canListLinks ? `, ${model.links.size} links` : ''}`);
        document.body.dataset.synced = 'true';
        scheduleRender();
    } catch (e) {
        showError(e);
    }
}

function onEvent(msg) {
    const d = msg.data || {};
    let summary = '';
    switch (msg.topic) {
        case 'devices':
            if (d.device) {
                summary = d.device.id + (d.port ? ` port ${d.port.port}` : '');
                const provisioning = msg.event === 'DEVICE_PROVISIONED' || msg.event === 'DEVICE_UNPROVISIONED';
                if (msg.event === 'DEVICE_REMOVED' || (provisioning && d.device.state === 'removed')) {
                    model.devices.delete(d.device.id);
                } else if (provisioning) {
                    // The node as GetNode gives it, with its own state and config.
                    model.devices.set(d.device.id, Object.assign({kind: 'device'}, d.device));
                } else {
                    const before = model.devices.get(d.device.id) || {kind: 'device'};
                    model.devices.set(d.device.id, Object.assign({}, before, d.device,
                        {state: d.device.available === false ? 'offline' : 'online'}));
                }
            }
            break;
        case 'hosts':
            if (d.host) {
                summary = `${d.host.id} ${(d.host.ipAddresses || []).join(', ')}`;
                if (msg.event === 'HOST_REMOVED') {
                    model.hosts.delete(d.host.id);
                    ui.picked.delete(d.host.id);
                } else {
                    const before = model.hosts.get(d.host.id) || {kind: 'host', state: 'online'};
                    model.hosts.set(d.host.id, Object.assign({}, before, d.host));
                }
            }
            break;
        case 'links':
            if (d.link) {
                const key = linkKey(d.link);
                summary = key;
                if (msg.event === 'LINK_REMOVED') {
                    model.links.delete(key);
                    model.seenLinks.delete(key);
                } else {
                    model.links.set(key, d.link);
                }
            }
            break;
        case 'flows':
            if (msg.event === 'FLOW_REMOVED') {
                summary = d.flowId;
                model.flows.delete(d.flowId);
                model.details.delete(d.flowId);
                if (ui.selectedFlow === d.flowId) {
                    ui.selectedFlow = null;
                }
            } else if (msg.event.startsWith('FLOW_')) {
                summary = `${d.flowId} ${d.state}${d.reason ? ` (${d.reason})` : ''}`;
                upsertFlow(d);
                if (d.state !== 'INSTALLED') {
                    model.details.delete(d.flowId);
                }
            } else if (d.rule) {
                summary = `${d.rule.deviceId} rule ${d.rule.id} (${d.rule.appId || 'app?'})`;
            }
            break;
        default:
            break;
    }
    log(msg.topic, msg.event, summary, msg.seq, msg.time);
    scheduleRender();
}

async function removeFlow(flowId, button) {
    // One click must not remove a flow: a framed or tricked click could.
    if (!window.confirm(`Remove flow ${flowId} and every rule it installed?`)) {
        return;
    }
    button.disabled = true;
    button.dataset.busy = 'true';
    try {
        const r = await client.request('RemoveFlow', {flowId});
        log('reply', 'RemoveFlow', `${flowId} ${r.state}`);
    } catch (e) {
        showError(e);
        button.disabled = false;
    } finally {
        delete button.dataset.busy;
    }
}

function selectFlow(flowId) {
    ui.selectedFlow = flowId;
    if (flowId && !model.details.has(flowId)) {
        fetchDetail(flowId);
    }
    scheduleRender();
}

function onNodeClick(kind, id) {
    ui.selectedNode = id;
    if (kind === 'host') {
        const roles = new Set(ui.picked.values());
        if (ui.picked.has(id)) {
            ui.picked.delete(id);
        } else if (!roles.has('src')) {
            ui.picked.set(id, 'src');
        } else if (!roles.has('dst')) {
            ui.picked.set(id, 'dst');
        } else {
            ui.picked.clear();
            ui.picked.set(id, 'src');
        }
    }
    scheduleRender();
}

// ---------------------------------------------------------------- log and errors

function log(topic, event, summary, seq, at) {
    const list = $('#log');
    const li = document.createElement('li');
    li.dataset.topic = topic;
    li.dataset.event = event;
    li.append(text('time', time(at)), text('span', topic, {class: 'topic'}),
        text('span', event, {class: 'event'}), text('span', summary || '', {class: 'summary'}));
    if (seq != null) {
        li.append(text('span', `#${seq}`, {class: 'seq'}));
    }
    list.prepend(li);
    while (list.children.length > MAX_LOG) {
        list.lastChild.remove();
    }
}

function showError(e, context) {
    const box = $('#errors');
    const div = document.createElement('div');
    div.className = 'error';
    if (e instanceof FlowSocketError) {
        div.dataset.code = e.code;
        div.append(text('strong', e.code, {class: 'code'}), text('span', e.message, {class: 'message'}));
        if (e.field) {
            div.append(text('span', `field ${e.field}`, {class: 'field'}));
        }
        if (e.request) {
            div.append(text('span', `${e.request}${e.id != null ? ` ${e.id}` : ''}`, {class: 'request'}));
        }
        if (e.details && e.details.refused) {
            div.append(text('span', `refused: ${e.details.refused.map((r) => r.deviceId).join(', ')}`,
                {class: 'details'}));
        }
        log('error', e.code, `${e.request || ''} ${e.message}`);
    } else {
        div.dataset.code = 'PAGE';
        div.append(text('strong', context || 'Error', {class: 'code'}), text('span', e.message || String(e),
            {class: 'message'}));
    }
    const close = text('button', '×', {type: 'button', class: 'dismiss', 'aria-label': 'Dismiss'});
    close.addEventListener('click', () => div.remove());
    div.append(close);
    box.prepend(div);
    while (box.children.length > MAX_ERRORS) {
        box.lastChild.remove();
    }
}

// ---------------------------------------------------------------- forms

function setupInstallForm() {
    const form = $('#install-form');
    form.addEventListener('change', (ev) => {
        if (ev.target.name === 'mode') {
            const json = form.elements.mode.value === 'json';
            $('.network-fields', form).hidden = json;
            $('.json-fields', form).hidden = !json;
        }
        if (ev.target.name === 'class') {
            const c = ui.hello && ui.hello.trafficClasses && ui.hello.trafficClasses[ev.target.value];
            form.elements.priority.placeholder = c ? `${c.priority} (class default)` : 'class default';
            form.elements.dscp.placeholder = c ? `${c.dscp} (class default)` : 'class default';
        }
        if (ev.target.name === 'src' || ev.target.name === 'dst') {
            const host = hostByIp(ev.target.value);
            for (const [id, role] of ui.picked) {
                if (role === ev.target.name) {
                    ui.picked.delete(id);
                }
            }
            if (host) {
                ui.picked.set(host.id, ev.target.name);
            }
            scheduleRender();
        }
    });
    form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const out = $('#install-outcome');
        const f = form.elements;
        let fields;
        if (f.mode.value === 'json') {
            let parsed;
            try {
                parsed = JSON.parse(f.json.value);
            } catch (e) {
                showError(e, 'The pasted text is not JSON');
                return;
            }
            if (Array.isArray(parsed)) {
                fields = {flows: parsed};
            } else if (parsed && Array.isArray(parsed.flows)) {
                fields = {flows: parsed.flows};
            } else {
                fields = {flows: [parsed]};
            }
        } else {
            fields = {network: compact({
                src: f.src.value || undefined,
                dst: f.dst.value || undefined,
                class: f.class.value || undefined,
                priority: value(f.priority),
                protocol: f.protocol.value || undefined,
                srcPort: value(f.srcPort),
                dstPort: value(f.dstPort),
                qos: {dscp: value(f.dscp), queue: value(f.queue), meterKbps: value(f.meterKbps),
                    meterBurstKb: value(f.meterBurstKb)},
                bidirectional: f.bidirectional.checked,
                timeout: value(f.timeout),
            })};
        }
        out.textContent = 'Installing, waiting for the switches to confirm…';
        out.dataset.state = 'pending';
        const submit = $('button[type=submit]', form);
        submit.disabled = true;
        try {
            const handle = await client.request('InstallFlow', fields);
            out.textContent = `${handle.flowId} ${handle.state}: ${handle.rules.length} rule(s)`
                + `${handle.meters && handle.meters.length ? `, ${handle.meters.length} meter(s)` : ''}`;
            out.dataset.state = 'ok';
            log('reply', 'InstallFlow', `${handle.flowId} ${handle.state}`);
            upsertFlow(handle);
            fetchDetail(handle.flowId);
            selectFlow(handle.flowId);
        } catch (e) {
            out.textContent = e instanceof FlowSocketError ? e.describe() : e.message;
            out.dataset.state = 'error';
            showError(e);
        } finally {
            submit.disabled = ui.role !== 'admin';
        }
    });
}

function setupAddForm() {
    const form = $('#add-form');
    form.addEventListener('change', (ev) => {
        if (ev.target.name === 'kind') {
            const device = form.elements.kind.value === 'device';
            $('.host-fields', form).hidden = device;
            $('.device-fields', form).hidden = !device;
        }
    });
    form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const f = form.elements;
        const out = $('#add-outcome');
        let fields;
        if (f.kind.value === 'host') {
            const ips = f.ips.value.split(/[\s,]+/).filter(Boolean);
            fields = compact({
                kind: 'host',
                mac: f.mac.value.trim() || undefined,
                ips: ips.length ? ips : undefined,
                vlan: f.vlan.value.trim() ? value(f.vlan) : undefined,
                location: f.deviceId.value ? compact({deviceId: f.deviceId.value, port: value(f.port)}) : undefined,
                name: f.name.value.trim() || undefined,
            });
        } else {
            const openflow = f.protocol.value === 'openflow';
            fields = compact({
                kind: 'device',
                protocol: f.protocol.value,
                ip: openflow ? undefined : f.ip.value.trim() || undefined,
                port: openflow ? undefined : value(f.devPort),
                dpid: openflow ? f.dpid.value.trim() || undefined : undefined,
                name: f.devName.value.trim() || undefined,
                deviceType: f.deviceType.value.trim() || undefined,
                driver: f.driver.value.trim() || undefined,
                username: f.username.value || undefined,
                password: f.password.value || undefined,
            });
        }
        out.textContent = 'Adding…';
        out.dataset.state = 'pending';
        try {
            const node = await client.request('AddNode', fields);
            out.textContent = `${node.kind} ${node.id} ${node.state}`;
            out.dataset.state = 'ok';
            log('reply', 'AddNode', `${node.kind} ${node.id} ${node.state}`);
            if (node.kind === 'host') {
                model.hosts.set(node.id, Object.assign({}, model.hosts.get(node.id), node));
            } else {
                model.devices.set(node.id, Object.assign({}, model.devices.get(node.id), node));
            }
            scheduleRender();
        } catch (e) {
            out.textContent = e instanceof FlowSocketError ? e.describe() : e.message;
            out.dataset.state = 'error';
            showError(e);
        }
    });
}

function applyRole(role) {
    ui.role = role;
    const admin = role === 'admin';
    for (const form of [$('#install-form'), $('#add-form')]) {
        $('button[type=submit]', form).disabled = !admin;
        form.classList.toggle('read-only', !admin);
        form.title = admin ? '' : 'Read only: the viewer role may not change the network';
    }
}

function onHello(hello) {
    ui.hello = hello;
    applyRole(hello.role);
    const server = $('#server');
    server.replaceChildren(text('span', `${hello.server} ${hello.version}`),
        text('span', `session ${hello.session}`), text('span', hello.protocol));
    const select = $('#install-form').elements.class;
    const keep = select.value || 'best-effort';
    select.replaceChildren();
    for (const [name, c] of Object.entries(hello.trafficClasses || {})) {
        select.append(text('option', `${name} (${c.phb}, DSCP ${c.dscp}, priority ${c.priority})`, {value: name}));
    }
    select.value = keep;
    select.dispatchEvent(new Event('change', {bubbles: true}));
    synchronise();
}

// ---------------------------------------------------------------- start

function start() {
    $('#socket-url').textContent = client.url;
    client.addEventListener('state', (ev) => {
        const {state, text: words} = ev.detail;
        const conn = $('#connection');
        conn.dataset.state = state;
        $('#connection-text').textContent = words;
        $('#reconnect').hidden = state === 'ready' || state === 'open' || state === 'connecting';
        document.body.dataset.connection = state;
        if (state !== 'ready') {
            document.body.dataset.synced = 'false';
        }
        if (state === 'closed' || state === 'failed') {
            log('connection', state.toUpperCase(), words);
        }
    });
    client.addEventListener('retry', (ev) => {
        const s = Math.round(ev.detail.delayMs / 1000);
        $('#connection-text').textContent += ` · retrying in ${s} s`;
    });
    client.addEventListener('hello', (ev) => {
        const h = ev.detail.hello;
        log('connection', 'HELLO', `${h.user} (${h.role}), session ${h.session}`);
        onHello(h);
    });
    client.addEventListener('event', (ev) => onEvent(ev.detail.message));
    client.addEventListener('gap', (ev) => {
        log('connection', 'EVENTS_MISSED', `expected #${ev.detail.expected}, got #${ev.detail.got}; resynchronising`);
        synchronise();
    });
    client.addEventListener('protocol-error', (ev) => {
        if (ev.detail.error) {
            showError(ev.detail.error);
        } else {
            showError(new Error(ev.detail.text), 'Protocol');
        }
    });
    $('#reconnect').addEventListener('click', () => client.connect());
    $('#clear-log').addEventListener('click', () => $('#log').replaceChildren());
    setupInstallForm();
    setupAddForm();
    applyRole(null);
    render();
    client.connect();
    window.addEventListener('beforeunload', () => client.close());
}

start();
