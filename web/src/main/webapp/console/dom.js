/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// Small DOM and form helpers shared by the console's views and forms.

export const $ = (sel, root = document) => root.querySelector(sel);

/** An element with text content (never parsed as HTML) and attributes. */
export function text(tag, value, attrs = {}) {
    const e = document.createElement(tag);
    e.textContent = value == null ? '' : String(value);
    for (const [k, v] of Object.entries(attrs)) {
        e.setAttribute(k, v);
    }
    return e;
}

/** A time of day with milliseconds, for the event log. */
export function time(ms) {
    const d = ms ? new Date(ms) : new Date();
    return d.toLocaleTimeString([], {hour12: false}) + '.' + String(d.getMilliseconds()).padStart(3, '0');
}

// Turns a form value into a number when it looks like one; anything else is
// sent as typed, so that the server (the authority) names the bad field.
export function value(input) {
    const v = input.value.trim();
    if (v === '') {
        return undefined;
    }
    return /^-?\d+$/.test(v) ? Number(v) : v;
}

/** Drops undefined fields and empty nested objects, in place. */
export function compact(obj) {
    for (const k of Object.keys(obj)) {
        if (obj[k] === undefined || (typeof obj[k] === 'object' && obj[k] !== null
                && !Array.isArray(obj[k]) && Object.keys(compact(obj[k])).length === 0)) {
            delete obj[k];
        }
    }
    return obj;
}
