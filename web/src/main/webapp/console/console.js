/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// FlowSocket web console: the connection and the page's wiring. Everything
// it knows comes from the public protocol: ListNodes, ListLinks, ListFlows,
// GetFlow and the devices, hosts, links and flows topics.

import {FlowSocketClient, socketUrl} from './protocol.js';
import {$, text} from './dom.js';
import {ConsoleModel} from './model.js';
import {ModelSync} from './sync.js';
import {TopologyView} from './graph.js';
import {flowPaths} from './flow-path.js';
import {FlowsTable} from './flows-table.js';
import {EventLog} from './event-log.js';
import {ErrorList} from './errors.js';
import {renderCounts, renderSelection} from './node-details.js';
import {InstallForm} from './install-form.js';
import {AddNodeForm} from './add-form.js';
import {removeFlow} from './remove-flow.js';
import {TrafficHistory} from './traffic.js';
import {RateCharts} from './charts.js';
import {SandboxFaults} from './sandbox-faults.js';

const model = new ConsoleModel();
// What the user chose on this page: hosts picked as A (src) and B (dst), the
// flow whose path is highlighted, the node or link whose details are shown.
const ui = {
    picked: new Map(),
    selectedFlow: null,
    selectedNode: null,
    // {id: cable key, src, dst as "device/port"}, kept when ONOS removes the link.
    selectedLink: null,
    // Flows whose bit rate is charted.
    charted: new Set(),
    role: null,
    hello: null,
};

const client = new FlowSocketClient(socketUrl());
const log = new EventLog($('#log'));
const errors = new ErrorList($('#errors'), log);
const traffic = new TrafficHistory();
const page = {
    client, model, ui, log, errors, traffic,
    changed: scheduleRender,
    synchronised: () => {
        document.body.dataset.synced = 'true';
        scheduleRender();
    },
    installed: selectFlow,
    hostRemoved: (id) => ui.picked.delete(id),
    flowRemoved: (id) => {
        if (ui.selectedFlow === id) {
            ui.selectedFlow = null;
        }
        ui.charted.delete(id);
        traffic.forget(id);
    },
};
page.sync = new ModelSync(client, model, page);

const topology = new TopologyView($('#topology'), {onNodeClick, onLinkClick});
const faults = new SandboxFaults(page);
const flowsTable = new FlowsTable($('#flows'), $('#flows-empty'), $('#flow-counts'), {
    onShowPath: (flowId) => selectFlow(ui.selectedFlow === flowId ? null : flowId),
    onRemove: (flowId, button) => removeFlow(page, flowId, button),
    onChart: (flowId) => {
        if (!ui.charted.delete(flowId)) {
            ui.charted.add(flowId);
        }
        scheduleRender();
    },
});
const charts = new RateCharts($('#charts'), $('#charts-empty'));
const installForm = new InstallForm($('#install-form'), $('#install-outcome'), page);
const addForm = new AddNodeForm($('#add-form'), $('#add-outcome'), page);

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
    topology.render(model, flowPaths(model, ui.selectedFlow),
        {picked: ui.picked, selected: ui.selectedNode, selectedLink: ui.selectedLink && ui.selectedLink.id,
            loads: traffic.cableLoads()});
    renderCounts($('#topo-counts'), model);
    flowsTable.render(model, ui);
    charts.render(model, traffic, ui.charted);
    installForm.renderHosts(model, ui.picked);
    addForm.renderDevices(model);
    faults.render($('#selection-actions'), renderSelection($('#selection'), model, ui.selectedNode, ui.selectedLink),
        ui.role);
}

// ---------------------------------------------------------------- selection

function selectFlow(flowId) {
    ui.selectedFlow = flowId;
    if (flowId && !model.details.has(flowId)) {
        page.sync.fetchDetail(flowId);
    }
    scheduleRender();
}

// A first host clicked becomes A, a second B; a third starts over as A.
function onNodeClick(kind, id) {
    ui.selectedNode = id;
    ui.selectedLink = null;
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

function onLinkClick(cableId) {
    const l = model.cables().get(cableId);
    if (l) {
        ui.selectedLink = {id: cableId, src: `${l.src.device}/${l.src.port}`, dst: `${l.dst.device}/${l.dst.port}`};
        ui.selectedNode = null;
        scheduleRender();
    }
}

// ---------------------------------------------------------------- connection

// A viewer's forms are disabled, as the server would answer FORBIDDEN.
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
    faults.probe(hello.role);
    $('#server').replaceChildren(text('span', `${hello.server} ${hello.version}`),
        text('span', `session ${hello.session}`), text('span', hello.protocol));
    installForm.setTrafficClasses(hello);
    page.sync.synchronise(hello);
}

function onState({state, text: words}) {
    $('#connection').dataset.state = state;
    $('#connection-text').textContent = words;
    $('#reconnect').hidden = state === 'ready' || state === 'open' || state === 'connecting';
    document.body.dataset.connection = state;
    if (state !== 'ready') {
        document.body.dataset.synced = 'false';
    }
    if (state === 'closed' || state === 'failed') {
        log.add('connection', state.toUpperCase(), words);
    }
}

function start() {
    $('#socket-url').textContent = client.url;
    client.addEventListener('state', (ev) => onState(ev.detail));
    client.addEventListener('retry', (ev) => {
        const s = Math.round(ev.detail.delayMs / 1000);
        $('#connection-text').textContent += ` · retrying in ${s} s`;
    });
    client.addEventListener('hello', (ev) => {
        const h = ev.detail.hello;
        log.add('connection', 'HELLO', `${h.user} (${h.role}), session ${h.session}`);
        onHello(h);
    });
    client.addEventListener('event', (ev) => page.sync.onEvent(ev.detail.message));
    client.addEventListener('gap', (ev) => {
        log.add('connection', 'EVENTS_MISSED',
            `expected #${ev.detail.expected}, got #${ev.detail.got}; resynchronising`);
        page.sync.synchronise(ui.hello);
    });
    client.addEventListener('protocol-error', (ev) => {
        if (ev.detail.error) {
            errors.show(ev.detail.error);
        } else {
            errors.show(new Error(ev.detail.text), 'Protocol');
        }
    });
    $('#reconnect').addEventListener('click', () => client.connect());
    $('#clear-log').addEventListener('click', () => log.clear());
    applyRole(null);
    render();
    client.connect();
    window.addEventListener('beforeunload', () => client.close());
}

start();
