/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The one way into FlowSocket that ONOS's GUI2 shows: the application's url
// (app.xml), which the Applications view's detail panel renders as a link
// that opens in a new tab. The link is rendered here as each of ONOS's GUIs
// renders it, on a page at ONOS's GUI address (/onos/ui/) of the running
// sandbox (FLOWSOCKET_CONSOLE_URL); following it must open the console.

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {launch, watchErrors} from './chromium.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CONSOLE_URL = process.env.FLOWSOCKET_CONSOLE_URL;
const ADMIN = {username: process.env.FLOWSOCKET_USER || 'onos', password: process.env.FLOWSOCKET_PASSWORD || 'rocks'};
const WAIT = {timeout: 15000};

/** The url attribute of the .oar's app.xml. */
function appUrl() {
    const xml = readFileSync(join(HERE, '../../features/app.xml'), 'utf8');
    const m = xml.match(/<app\s[^>]*\burl="([^"]*)"/);
    assert.ok(m, 'app.xml has a url');
    return m[1];
}

// How each GUI renders the application's url in its Applications view.
const RENDERERS = {
    // ONOS 2.5-2.7 web/gui2 appsdetails.component.html:
    //   <div class="app-url"><a href="{{ detailsData.url }}" target="_blank">{{ detailsData.url }}</a></div>
    gui2: (url) => {
        const a = document.createElement('a');
        a.setAttribute('href', url);
        a.setAttribute('target', '_blank');
        a.textContent = url;
        const div = document.createElement('div');
        div.className = 'app-url';
        div.appendChild(a);
        document.body.appendChild(div);
    },
    // ONOS 2.5-2.7 web/gui app/view/app/app.js urlize():
    //   '<a href="' + u + '" target="_blank">' + u + '</a>'
    classic: (url) => {
        const div = document.createElement('div');
        div.className = 'app-url';
        div.innerHTML = '<a href="' + url + '" target="_blank">' + url + '</a>';
        document.body.appendChild(div);
    },
};

describe('the application\'s link in ONOS\'s Applications view', {concurrency: false}, () => {
    let browser;
    let context;

    before(async () => {
        assert.ok(CONSOLE_URL, 'FLOWSOCKET_CONSOLE_URL must name the console, e.g. http://127.0.0.1:8181/onos/flowsocket/');
        browser = await launch();
        context = await browser.newContext({httpCredentials: ADMIN});
        // ONOS's GUI page, at the GUI's own address on the same server
        const gui = new URL('/onos/ui/', CONSOLE_URL).toString();
        await context.route(`${gui}**`, (route) => route.fulfill({contentType: 'text/html',
            body: '<!DOCTYPE html><html><head><title>ONOS</title></head><body></body></html>'}));
    });

    after(async () => {
        await browser?.close();
    });

    for (const [gui, render] of Object.entries(RENDERERS)) {
        it(`opens the web console from ${gui === 'gui2' ? 'GUI2' : 'the classic GUI'}`, async () => {
            const page = await context.newPage();
            const errors = watchErrors(page);
            await page.goto(new URL('/onos/ui/index.html#/app', CONSOLE_URL).toString());
            await page.evaluate(`(${render.toString()})(${JSON.stringify(appUrl())})`);
            const [tab] = await Promise.all([context.waitForEvent('page', WAIT), page.click('.app-url a')]);
            await tab.waitForLoadState('load', WAIT);
            assert.equal(tab.url(), CONSOLE_URL);
            assert.equal(await tab.title(), 'FlowSocket console');
            await tab.locator('h1', {hasText: 'FlowSocket'}).waitFor(WAIT);
            assert.deepEqual(errors, []);
            await tab.close();
            await page.close();
        });
    }
});
