/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// Debian's Chromium, headless, driven by playwright-core (no browser download).

import {chromium} from 'playwright-core';
import {existsSync, mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {watchContract} from './contract.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
];

export const SCREENSHOTS = resolve(process.env.SCREENSHOT_DIR || 'target/screenshots');

/** Launches headless Chromium. */
export async function launch() {
    if (!existsSync(CHROMIUM)) {
        throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
    }
    return chromium.launch({executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true});
}

/** Saves a screenshot under SCREENSHOTS and returns its path. */
export async function screenshot(page, name, options = {}) {
    mkdirSync(SCREENSHOTS, {recursive: true});
    const path = join(SCREENSHOTS, `${name}.png`);
    await page.screenshot(Object.assign({path}, options));
    return path;
}

/**
 * Collects what a page reports as broken: uncaught errors, console errors and
 * FlowSocket frames that break the protocol's JSON Schemas (docs/schema/).
 * Returns the array, filled as the page runs.
 */
export function watchErrors(page) {
    const errors = watchContract(page, []);
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => {
        if (m.type() === 'error') {
            errors.push(`console error: ${m.text()}`);
        }
    });
    return errors;
}

/** Calls the protocol from inside the page, on a socket of its own (the browser's cached credentials). */
export async function protocolCall(page, request) {
    return page.evaluate(async (req) => {
        const url = new URL('ws', document.baseURI);
        url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
        const ws = new WebSocket(url, 'flowsocket.v1');
        try {
            return await new Promise((resolve, reject) => {
                ws.onerror = () => reject(new Error('socket error'));
                ws.onmessage = (m) => {
                    const msg = JSON.parse(m.data);
                    if (msg.kind === 'hello') {
                        ws.send(JSON.stringify(req));
                    } else if (msg.kind === 'reply' && msg.id === req.id) {
                        resolve(msg);
                    }
                };
            });
        } finally {
            ws.close();
        }
    }, request);
}
