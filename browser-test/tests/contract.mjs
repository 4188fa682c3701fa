/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The protocol's JSON Schemas (docs/schema/, the normative contract of flowsocket.v1)
// run by ajv, and a watch of every FlowSocket frame a page sends or receives.

import Ajv from 'ajv';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'schema');

function schemaFiles(dir) {
    return readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? schemaFiles(path) : name.endsWith('.json') ? [path] : [];
    });
}

const ajv = new Ajv({allErrors: true, strict: false});
for (const file of schemaFiles(SCHEMA_DIR)) {
    ajv.addSchema(JSON.parse(readFileSync(file, 'utf8')));
}
const BASE = 'https://schemas.flowsocket.org/v1/';
const serverMessage = ajv.getSchema(BASE + 'server-message.json');
const request = ajv.getSchema(BASE + 'request.json');
const batchItem = ajv.getSchema(BASE + 'batch-item.json');

function violation(validate, message, what) {
    if (validate(message)) {
        return null;
    }
    // Deepest instance path first: the innermost rule says best what is wrong.
    const errors = [...validate.errors].sort((a, b) => b.instancePath.length - a.instancePath.length).slice(0, 5);
    return `${what} breaks ${validate.schema.$id}: `
        + errors.map((e) => `${e.instancePath || '/'} ${e.message} (schema path ${e.schemaPath})`).join('; ')
        + `; message: ${JSON.stringify(message).slice(0, 600)}`;
}

/** Why a server message breaks server-message.json, or null. */
export function serverMessageViolation(message) {
    return violation(serverMessage, message, 'server message');
}

/** Why a request breaks request.json, or null. */
export function requestViolation(message) {
    return violation(request, message, 'request');
}

// protocol.md: a member whose value is null counts as absent, which JSON Schema
// cannot say; the schemas describe requests without such members.
function withoutNulls(value) {
    if (Array.isArray(value)) {
        return value.map(withoutNulls);
    }
    if (value === null || typeof value !== 'object') {
        return value;
    }
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null)
        .map(([k, v]) => [k, withoutNulls(v)]));
}

/**
 * What the server must refuse of a request: why the request breaks the contract
 * (or null), and why each item of a Batch that breaks it does (items do not share
 * fate: a wrong item gets its own error while the Batch may still be ok).
 */
export function refusals(sent) {
    const message = withoutNulls(sent);
    if (message.type !== 'Batch' || !Array.isArray(message.requests)) {
        return {refusal: requestViolation(message), items: new Map()};
    }
    const items = new Map();
    message.requests.forEach((item, i) => {
        const why = violation(batchItem, item, 'Batch item');
        if (why) {
            items.set(i, why);
        }
    });
    const kept = {...message, requests: message.requests.filter((item, i) => !items.has(i))};
    return {refusal: requestViolation(kept), items};
}

/**
 * Checks one connection's frames: a server message that breaks its schema is a
 * violation, and so is an ok reply to a request the schema refuses (a test may
 * send such a request on purpose; the server must then refuse it).
 */
export class ContractMonitor {
    constructor(report) {
        this.report = report;
        this.refused = new Map();
    }

    sent(text) {
        let message;
        try {
            message = JSON.parse(text);
        } catch {
            return;
        }
        if (message === null || typeof message !== 'object' || Array.isArray(message)) {
            return;
        }
        if (typeof message.id === 'string' || Number.isInteger(message.id)) {
            this.refused.set(JSON.stringify(message.id), refusals(message));
        }
    }

    received(text) {
        let message;
        try {
            message = JSON.parse(text);
        } catch {
            this.report(`not JSON from the server: ${String(text).slice(0, 300)}`);
            return;
        }
        let why = serverMessageViolation(message);
        if (!why && message.kind === 'reply') {
            const key = JSON.stringify(message.id);
            const {refusal, items} = this.refused.get(key) ?? {refusal: null, items: new Map()};
            this.refused.delete(key);
            if (message.status === 'ok') {
                const accepted = [...items.keys()].sort((a, b) => a - b)
                    .find((i) => message.result?.results?.[i]?.status === 'ok');
                why = refusal ? `the server accepted a request the contract refuses: ${refusal}`
                    : accepted !== undefined
                        ? `the server accepted Batch item ${accepted}, which the contract refuses: ${items.get(accepted)}`
                        : null;
            }
        }
        if (why) {
            this.report(why);
        }
    }
}

/**
 * Checks every frame of every FlowSocket WebSocket the page opens (the console's
 * and those of protocolCall); violations are pushed onto errors.
 */
export function watchContract(page, errors) {
    page.on('websocket', (ws) => {
        if (!new URL(ws.url()).pathname.endsWith('/flowsocket/ws')) {
            return; // e.g. ONOS's GUI socket of the overlay harness
        }
        const monitor = new ContractMonitor((why) => errors.push(`contract: ${why}`));
        ws.on('framesent', (frame) => typeof frame.payload === 'string' && monitor.sent(frame.payload));
        ws.on('framereceived', (frame) => typeof frame.payload === 'string' && monitor.received(frame.payload));
    });
    return errors;
}
