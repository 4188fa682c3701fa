/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The Install a flow form: between two hosts (picked on the graph or in the
// lists) with a traffic class from the hello, or pasted ONOS flow JSON. The
// form does not judge the values: the server does, and its answer is shown.

import {FlowSocketError} from './protocol.js';
import {$, compact, text, value} from './dom.js';
import {hostLabel} from './graph.js';

/** ONOS flow JSON as pasted: the body of POST /onos/v1/flows, a list of flows, or one flow. */
function flowsFields(json) {
    const parsed = JSON.parse(json);
    if (Array.isArray(parsed)) {
        return {flows: parsed};
    }
    if (parsed && Array.isArray(parsed.flows)) {
        return {flows: parsed.flows};
    }
    return {flows: [parsed]};
}

function networkFields(f) {
    return {network: compact({
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

export class InstallForm {
    /** page: {client, model, ui, sync, log, errors, changed(), installed(flowId)}. */
    constructor(form, outcome, page) {
        this.form = form;
        this.outcome = outcome;
        this.page = page;
        form.addEventListener('change', (ev) => this.onChange(ev));
        form.addEventListener('submit', (ev) => {
            ev.preventDefault();
            this.submit();
        });
    }

    onChange(ev) {
        const form = this.form;
        const {ui, model} = this.page;
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
            const host = model.hostByIp(ev.target.value);
            for (const [id, role] of ui.picked) {
                if (role === ev.target.name) {
                    ui.picked.delete(id);
                }
            }
            if (host) {
                ui.picked.set(host.id, ev.target.name);
            }
            this.page.changed();
        }
    }

    /** Offers the hello's traffic classes, keeping the choice made. */
    setTrafficClasses(hello) {
        const select = this.form.elements.class;
        const keep = select.value || 'best-effort';
        select.replaceChildren();
        for (const [name, c] of Object.entries(hello.trafficClasses || {})) {
            select.append(text('option', `${name} (${c.phb}, DSCP ${c.dscp}, priority ${c.priority})`, {value: name}));
        }
        select.value = keep;
        select.dispatchEvent(new Event('change', {bubbles: true}));
    }

    /** Lists every host address in A and B; hosts picked on the graph are selected. */
    renderHosts(model, picked) {
        const hosts = [...model.hosts.values()].filter((h) => (h.ipAddresses || []).length)
            .sort((a, b) => hostLabel(a).localeCompare(hostLabel(b), undefined, {numeric: true}));
        for (const name of ['src', 'dst']) {
            const select = this.form.elements[name];
            const keep = select.value;
            select.replaceChildren(text('option', '— pick a host —', {value: ''}));
            for (const h of hosts) {
                for (const ip of h.ipAddresses) {
                    select.append(text('option', `${ip}  (${h.id})`, {value: ip}));
                }
            }
            const pick = [...picked].find(([, role]) => role === name);
            const host = pick && model.hosts.get(pick[0]);
            select.value = host ? host.ipAddresses[0] : keep;
        }
    }

    async submit() {
        const {client, ui, log, errors, sync} = this.page;
        const f = this.form.elements;
        const out = this.outcome;
        let fields;
        if (f.mode.value === 'json') {
            try {
                fields = flowsFields(f.json.value);
            } catch (e) {
                errors.show(e, 'The pasted text is not JSON');
                return;
            }
        } else {
            fields = networkFields(f);
        }
        out.textContent = 'Installing, waiting for the switches to confirm…';
        out.dataset.state = 'pending';
        const submit = $('button[type=submit]', this.form);
        submit.disabled = true;
        try {
            const handle = await client.request('InstallFlow', fields);
            out.textContent = `${handle.flowId} ${handle.state}: ${handle.rules.length} rule(s)`
                + `${handle.meters && handle.meters.length ? `, ${handle.meters.length} meter(s)` : ''}`;
            out.dataset.state = 'ok';
            log.add('reply', 'InstallFlow', `${handle.flowId} ${handle.state}`);
            sync.putFlow(handle);
            sync.fetchDetail(handle.flowId);
            this.page.installed(handle.flowId);
        } catch (e) {
            out.textContent = e instanceof FlowSocketError ? e.describe() : e.message;
            out.dataset.state = 'error';
            errors.show(e);
        } finally {
            submit.disabled = ui.role !== 'admin';
        }
    }
}
