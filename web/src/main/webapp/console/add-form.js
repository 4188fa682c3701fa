/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The Add a node form: a host (MAC, IPs, switch and port, VLAN, name) or a
// device to provision (by address, or by DPID for OpenFlow).

import {FlowSocketError} from './protocol.js';
import {$, compact, text, value} from './dom.js';
import {deviceLabel} from './graph.js';

function hostFields(f) {
    const ips = f.ips.value.split(/[\s,]+/).filter(Boolean);
    return compact({
        kind: 'host',
        mac: f.mac.value.trim() || undefined,
        ips: ips.length ? ips : undefined,
        vlan: f.vlan.value.trim() ? value(f.vlan) : undefined,
        location: f.deviceId.value ? compact({deviceId: f.deviceId.value, port: value(f.port)}) : undefined,
        name: f.name.value.trim() || undefined,
    });
}

function deviceFields(f) {
    const openflow = f.protocol.value === 'openflow';
    return compact({
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

export class AddNodeForm {
    /** page: {client, model, log, errors, changed()}. */
    constructor(form, outcome, page) {
        this.form = form;
        this.outcome = outcome;
        this.page = page;
        form.addEventListener('change', (ev) => {
            if (ev.target.name === 'kind') {
                const device = form.elements.kind.value === 'device';
                $('.host-fields', form).hidden = device;
                $('.device-fields', form).hidden = !device;
            }
        });
        form.addEventListener('submit', (ev) => {
            ev.preventDefault();
            this.submit();
        });
    }

    /** Lists the devices a new host can be attached to, keeping the choice made. */
    renderDevices(model) {
        const select = this.form.elements.deviceId;
        const keep = select.value;
        select.replaceChildren();
        [...model.devices.values()].sort((a, b) => a.id.localeCompare(b.id)).forEach((d) =>
            select.append(text('option', `${deviceLabel(d)}  (${d.id})`, {value: d.id})));
        if (keep) {
            select.value = keep;
        }
    }

    async submit() {
        const {client, model, log, errors} = this.page;
        const f = this.form.elements;
        const out = this.outcome;
        const fields = f.kind.value === 'host' ? hostFields(f) : deviceFields(f);
        out.textContent = 'Adding…';
        out.dataset.state = 'pending';
        try {
            const node = await client.request('AddNode', fields);
            out.textContent = `${node.kind} ${node.id} ${node.state}`;
            out.dataset.state = 'ok';
            log.add('reply', 'AddNode', `${node.kind} ${node.id} ${node.state}`);
            model.putNode(node);
            this.page.changed();
        } catch (e) {
            out.textContent = e instanceof FlowSocketError ? e.describe() : e.message;
            out.dataset.state = 'error';
            errors.show(e);
        }
    }
}
