/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The error list: error replies in the protocol's words (code, message,
// field, request), and the page's own failures.

import {FlowSocketError} from './protocol.js';
import {text} from './dom.js';

const MAX_ERRORS = 6;

export class ErrorList {
    constructor(box, eventLog) {
        this.box = box;
        this.eventLog = eventLog;
    }

    /** Shows an error; context names a page error that is not a protocol reply. */
    show(e, context) {
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
            this.eventLog.add('error', e.code, `${e.request || ''} ${e.message}`);
        } else {
            div.dataset.code = 'PAGE';
            div.append(text('strong', context || 'Error', {class: 'code'}), text('span', e.message || String(e),
                {class: 'message'}));
        }
        const close = text('button', '×', {type: 'button', class: 'dismiss', 'aria-label': 'Dismiss'});
        close.addEventListener('click', () => div.remove());
        div.append(close);
        this.box.prepend(div);
        while (this.box.children.length > MAX_ERRORS) {
            this.box.lastChild.remove();
        }
    }
}
