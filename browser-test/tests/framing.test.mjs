/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// Clickjacking: a page of another origin frames the web console while the
// browser holds an admin's credentials. The console's X-Frame-Options and
// CSP frame-ancestors must make Chromium refuse the frame, so the console's
// scripts never run in it and no session is opened from it.

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {createServer} from 'node:http';
import {launch} from './chromium.mjs';

const CONSOLE_URL = process.env.FLOWSOCKET_CONSOLE_URL;
const ADMIN = {username: process.env.FLOWSOCKET_USER || 'onos', password: process.env.FLOWSOCKET_PASSWORD || 'rocks'};

describe('FlowSocket web console refuses to be framed', {concurrency: false}, () => {
    let browser;
    let context;
    let attacker;
    let attackerUrl;

    before(async () => {
        assert.ok(CONSOLE_URL, 'FLOWSOCKET_CONSOLE_URL must name the console, e.g. http://127.0.0.1:8181/onos/flowsocket/');
        // "localhost" is another origin than the console's 127.0.0.1 (and the port differs too).
        attacker = createServer((req, res) => {
            res.writeHead(200, {'Content-Type': 'text/html'});
            res.end(`<!doctype html><title>prize</title><iframe id="victim" src="${CONSOLE_URL}"
                     width="1200" height="800"></iframe>`);
        });
        await new Promise((done) => attacker.listen(0, 'localhost', done));
        attackerUrl = `http://localhost:${attacker.address().port}/`;
        browser = await launch();
        // The browser already holds the admin's credentials for the console's origin.
        context = await browser.newContext({httpCredentials: ADMIN});
    });

    after(async () => {
        await browser?.close();
        await new Promise((done) => attacker.close(done));
    });

    it('serves the console with anti-framing headers', async () => {
        const page = await context.newPage();
        const response = await page.goto(CONSOLE_URL);
        assert.equal(response.status(), 200);
        const headers = response.headers();
        assert.equal(headers['x-frame-options'], 'DENY');
        assert.match(headers['content-security-policy'], /frame-ancestors 'none'/);
        assert.equal(headers['x-content-type-options'], 'nosniff');
        await page.close();
    });

    it('a page of another origin cannot frame it', async () => {
        const page = await context.newPage();
        const refusals = [];
        page.on('console', (m) => refusals.push(m.text()));
        const sockets = [];
        page.on('websocket', (ws) => sockets.push(ws.url()));
        await page.goto(attackerUrl);
        await page.waitForTimeout(2000);
        const frame = page.frames().find((f) => f !== page.mainFrame());
        assert.ok(frame, 'the iframe exists');
        assert.notEqual(frame.url(), CONSOLE_URL, 'the console did not load in the frame');
        let consoleRendered;
        try {
            consoleRendered = await frame.locator('#flows').count();
        } catch (e) {
            consoleRendered = 0; // an error page cannot even be queried
        }
        assert.equal(consoleRendered, 0, 'no console in the frame');
        assert.deepEqual(sockets, [], 'the frame opened no WebSocket');
        await page.close();
    });
});
