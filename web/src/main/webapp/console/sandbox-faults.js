/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// Take down / Bring up for the selected link or switch, through the sandbox's
// fault injection API (/sandbox/v1, administrators only). Outside the sandbox
// (a real ONOS) or on its real OpenFlow switches that API answers 404 or 409,
// and the console shows no such buttons.

import {text} from './dom.js';

// The page is /onos/flowsocket/ on the server: the API is /sandbox/v1/ there.
const API = new URL('../../sandbox/v1/', document.baseURI);

export class SandboxFaults {
    /** page: {log, errors, changed} */
    constructor(page) {
        this.page = page;
        this.available = false;
        this.probed = false;
        this.shownKey = null;
    }

    /**
     * Asks once, for an administrator, whether the fault injection API is
     * there: GET /sandbox/v1/faults answers 200 only in the sandbox on its
     * simulated network. A viewer is not asked (it would be refused).
     */
    async probe(role) {
        if (role !== 'admin' || this.probed) {
            return;
        }
        this.probed = true;
        try {
            const r = await fetch(new URL('faults', API), {credentials: 'same-origin', cache: 'no-store'});
            this.available = r.ok;
        } catch (e) {
            this.available = false;
        }
        this.page.changed();
    }

    /**
     * Shows the buttons for the selection in box, or hides the box. The
     * buttons are made again only when what they act on changes, so that a
     * render between press and release never loses a click.
     * target: {kind: 'link', id, src, dst, up} or {kind: 'device', id, up}, or null.
     */
    render(box, target, role) {
        const shown = this.available && role === 'admin' && target;
        const key = shown ? JSON.stringify(target) : null;
        if (key === this.shownKey) {
            return;
        }
        this.shownKey = key;
        box.replaceChildren();
        box.hidden = !shown;
        if (!shown) {
            return;
        }
        const button = target.up
            ? text('button', 'Take down', {type: 'button', class: 'danger small take-down'})
            : text('button', 'Bring up', {type: 'button', class: 'small bring-up'});
        button.title = target.kind === 'link'
            ? 'The sandbox cuts or mends this cable (both directions); ONOS sees its ports and link go or come'
            : 'The sandbox disconnects or reconnects this switch; ONOS sees it go offline or come back';
        button.addEventListener('click', () => this.act(target, target.up ? 'down' : 'up', button));
        box.append(text('span', 'Sandbox:', {class: 'muted'}), button);
    }

    async act(target, action, button) {
        const what = target.kind === 'link' ? `the link ${target.src} ↔ ${target.dst}` : `the switch ${target.id}`;
        // As Remove: one click must not change the network, a framed or tricked click could.
        if (!window.confirm(`${action === 'down' ? 'Take' : 'Bring'} ${what} ${action}?`)) {
            return;
        }
        const request = target.kind === 'link'
            ? {path: `links/${action}`, body: JSON.stringify({src: target.src, dst: target.dst})}
            : {path: `devices/${encodeURIComponent(target.id)}/${action}`};
        button.disabled = true;
        button.dataset.busy = 'true';
        try {
            const r = await fetch(new URL(request.path, API), {
                method: 'POST', credentials: 'same-origin', body: request.body,
                headers: request.body ? {'Content-Type': 'application/json'} : {},
            });
            if (!r.ok) {
                throw new Error(`${r.status} ${(await r.text()).trim()}`);
            }
            this.page.log.add('sandbox', `${target.kind.toUpperCase()}_${action.toUpperCase()}`, what);
        } catch (e) {
            this.page.errors.show(e, `Sandbox ${request.path}`);
        } finally {
            button.disabled = false;
            delete button.dataset.busy;
        }
    }
}
