/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The event log: every event, reply and connection change, newest first.

import {text, time} from './dom.js';

const MAX_LOG = 400;

export class EventLog {
    constructor(list) {
        this.list = list;
    }

    add(topic, event, summary, seq, at) {
        const li = document.createElement('li');
        li.dataset.topic = topic;
        li.dataset.event = event;
        li.append(text('time', time(at)), text('span', topic, {class: 'topic'}),
            text('span', event, {class: 'event'}), text('span', summary || '', {class: 'summary'}));
        if (seq != null) {
            li.append(text('span', `#${seq}`, {class: 'seq'}));
        }
        this.list.prepend(li);
        while (this.list.children.length > MAX_LOG) {
            this.list.lastChild.remove();
        }
    }

    clear() {
        this.list.replaceChildren();
    }
}
