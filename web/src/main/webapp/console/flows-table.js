/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The flows table: one row per FlowSocket flow handle, with its live state,
// and the Show path and Remove buttons.

import {$, text} from './dom.js';
import {deviceLabel} from './graph.js';

const flowNumber = (f) => parseInt(f.flowId.replace(/\D/g, ''), 10) || 0;

export class FlowsTable {
    /** actions: {onShowPath(flowId), onRemove(flowId, button), onChart(flowId)}. */
    constructor(table, empty, counts, actions) {
        this.body = $('tbody', table);
        this.empty = empty;
        this.counts = counts;
        this.actions = actions;
    }

    // Rows are kept per flow and updated in place, so a click on a row's button
    // is never lost to a row replaced between press and release.
    render(model, ui) {
        const flows = [...model.flows.values()].sort((a, b) => flowNumber(a) - flowNumber(b));
        const rows = new Map([...this.body.children].map((tr) => [tr.dataset.flow, tr]));
        let previous = null;
        for (const f of flows) {
            let tr = rows.get(f.flowId);
            if (tr) {
                rows.delete(f.flowId);
            } else {
                tr = this.row(f.flowId);
            }
            update(tr, f, ui);
            const expected = previous ? previous.nextSibling : this.body.firstChild;
            if (tr !== expected) {
                this.body.insertBefore(tr, expected);
            }
            previous = tr;
        }
        for (const tr of rows.values()) {
            tr.remove();
        }
        this.empty.hidden = flows.length > 0;
        const byState = {};
        flows.forEach((f) => { byState[f.state] = (byState[f.state] || 0) + 1; });
        this.counts.textContent = Object.entries(byState).map(([st, n]) => `${n} ${st}`).join(' · ');
    }

    row(flowId) {
        const tr = document.createElement('tr');
        tr.dataset.flow = flowId;
        for (const cls of ['id', 'kind', 'ends', 'class', 'priority', 'state', 'rules', 'owner']) {
            tr.append(text('td', '', {class: cls}));
        }
        const actions = text('td', '', {class: 'row-actions'});
        const show = text('button', 'Show path', {type: 'button', class: 'small show-path'});
        show.addEventListener('click', () => this.actions.onShowPath(tr.dataset.flow));
        const remove = text('button', 'Remove', {type: 'button', class: 'small danger remove-flow'});
        remove.addEventListener('click', () => this.actions.onRemove(tr.dataset.flow, remove));
        const chart = text('button', 'Chart', {type: 'button', class: 'small chart-flow'});
        chart.addEventListener('click', () => this.actions.onChart(tr.dataset.flow));
        actions.append(show, chart, remove);
        tr.append(actions);
        return tr;
    }
}

function update(tr, f, ui) {
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
    const chart = $('button.chart-flow', tr);
    chart.textContent = ui.charted.has(f.flowId) ? 'Hide chart' : 'Chart';
    const remove = $('button.remove-flow', tr);
    if (!remove.dataset.busy) {
        remove.disabled = ui.role !== 'admin' || f.state === 'REMOVING';
    }
}
