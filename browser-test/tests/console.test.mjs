/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The web console in headless Chromium against a running sandbox
// (FLOWSOCKET_CONSOLE_URL, e.g. http://127.0.0.1:8181/onos/flowsocket/).
// The scenarios run in order on one page, as a person would use it.

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {launch, protocolCall, screenshot, watchErrors} from './chromium.mjs';

const CONSOLE_URL = process.env.FLOWSOCKET_CONSOLE_URL;
const ADMIN = {username: process.env.FLOWSOCKET_USER || 'onos', password: process.env.FLOWSOCKET_PASSWORD || 'rocks'};
const VIEWER = {username: 'viewer', password: 'viewer'};
const WAIT = {timeout: 15000};

// The sandbox's linear,3: switch i has host 10.0.0.i on port 1.
const S1 = 'of:0000000000000001';
const NEW_HOST = {mac: '00:00:00:00:00:0a', ip: '10.0.0.10', id: '00:00:00:00:00:0A/None'};

describe('FlowSocket web console', {concurrency: false}, () => {
    let browser;
    let context;
    let page;
    let errors;

    before(async () => {
        assert.ok(CONSOLE_URL, 'FLOWSOCKET_CONSOLE_URL must name the console, e.g. http://127.0.0.1:8181/onos/flowsocket/');
        browser = await launch();
        context = await browser.newContext({httpCredentials: ADMIN, viewport: {width: 1400, height: 1000}});
        page = await context.newPage();
        errors = watchErrors(page);
    });

    after(async () => {
        await browser?.close();
    });

    it('refuses the page without credentials or with wrong ones (401, BASIC realm karaf)', async () => {
        const anonymous = await browser.newContext();
        try {
            const response = await anonymous.request.get(CONSOLE_URL);
            assert.equal(response.status(), 401);
            assert.match(response.headers()['www-authenticate'] || '', /basic realm="karaf"/i);
            const script = await anonymous.request.get(new URL('console/console.js', CONSOLE_URL).toString());
            assert.equal(script.status(), 401, 'the scripts are behind the same constraint');
        } finally {
            await anonymous.close();
        }
        const wrong = await browser.newContext({httpCredentials: {username: ADMIN.username, password: 'wrong'}});
        try {
            const p = await wrong.newPage();
            // Chromium either gives up on the credentials or shows the 401 page.
            let status;
            try {
                status = (await p.goto(CONSOLE_URL)).status();
            } catch (e) {
                assert.match(e.message, /ERR_INVALID_AUTH_CREDENTIALS/);
                status = 401;
            }
            assert.equal(status, 401);
            assert.equal(await p.locator('#connection').count(), 0, 'no console without the right password');
        } finally {
            await wrong.close();
        }
    });

    it('logs in with BASIC credentials and connects the socket with them', async () => {
        const response = await page.goto(CONSOLE_URL);
        assert.equal(response.status(), 200);
        await page.waitForSelector('body[data-synced="true"]', WAIT);
        assert.equal(await page.locator('#connection').getAttribute('data-state'), 'ready');
        assert.equal(await page.locator('#connection-text').textContent(), 'Connected as onos (admin)');
        assert.match(await page.locator('#server').textContent(), /FlowSocket .*session/);
    });

    it('draws the simulated topology: as many devices and hosts as ListNodes lists', async () => {
        const reply = await protocolCall(page, {type: 'ListNodes', id: 'count'});
        assert.equal(reply.status, 'ok');
        const {devices, hosts} = reply.result;
        assert.equal(devices.length, 3, 'linear,3 has three switches');
        assert.equal(hosts.length, 3, 'linear,3 has three hosts');
        await page.waitForFunction(([d, h]) =>
            document.querySelectorAll('#topology g.node.device').length === d
            && document.querySelectorAll('#topology g.node.host').length === h, [devices.length, hosts.length], WAIT);
        for (const d of devices) {
            assert.equal(await page.locator(`#topology g.node.device[data-id="${d.id}"]`).count(), 1, d.id);
        }
        for (const h of hosts) {
            assert.equal(await page.locator(`#topology g.node.host[data-id="${h.id}"]`).count(), 1, h.id);
        }
        assert.match(await page.locator('#topo-counts').textContent(), /^3 devices · 3 hosts/);
        await screenshot(page, 'console-topology');
    });

    it('adds a host and shows it without a reload', async () => {
        const form = page.locator('#add-form');
        await form.locator('input[name=kind][value=host]').check();
        await form.locator('input[name=mac]').fill(NEW_HOST.mac);
        await form.locator('input[name=ips]').fill(NEW_HOST.ip);
        await form.locator('select[name=deviceId]').selectOption(S1);
        await form.locator('input[name=port]').fill('1');
        await form.locator('input[name=name]').fill('web-console-host');
        const navigations = [];
        page.on('framenavigated', (f) => navigations.push(f.url()));
        await form.locator('button[type=submit]').click();
        await page.waitForSelector(`#topology g.node.host[data-id="${NEW_HOST.id}"]`, WAIT);
        await page.waitForSelector('#log li[data-topic="hosts"][data-event="HOST_ADDED"]', WAIT);
        assert.match(await page.locator('#add-outcome').textContent(), /host 00:00:00:00:00:0A\/None online/);
        assert.deepEqual(navigations, [], 'the page was not reloaded');
        assert.equal(await page.locator('#topology g.node.host').count(), 4);
        await screenshot(page, 'console-host-added');
    });

    let flowId;

    it('installs a QoS flow between two hosts: INSTALLED, path drawn', async () => {
        const form = page.locator('#install-form');
        // Pick the hosts on the graph, as a person would: A then B.
        await page.locator('#topology g.node.host[data-id="00:00:00:00:00:01/None"]').click();
        await page.waitForSelector('#topology g.node.host.picked-src[data-id="00:00:00:00:00:01/None"]', WAIT);
        await page.locator('#topology g.node.host[data-id="00:00:00:00:00:03/None"]').click();
        await page.waitForSelector('#topology g.node.host.picked-dst[data-id="00:00:00:00:00:03/None"]', WAIT);
        await page.waitForFunction(() => document.querySelector('#install-form select[name=dst]').value === '10.0.0.3',
            null, WAIT);
        assert.equal(await form.locator('select[name=src]').inputValue(), '10.0.0.1');
        assert.equal(await form.locator('select[name=dst]').inputValue(), '10.0.0.3');
        await form.locator('select[name=class]').selectOption('voice');
        await form.locator('select[name=protocol]').selectOption('udp');
        await form.locator('input[name=dstPort]').fill('5060');
        await form.locator('input[name=queue]').fill('2');
        await form.locator('input[name=meterKbps]').fill('512');
        await form.locator('button[type=submit]').click();

        const row = page.locator('#flows tbody tr').first();
        await page.waitForSelector('#flows tbody tr[data-state="INSTALLED"]', WAIT);
        flowId = await row.getAttribute('data-flow');
        assert.match(flowId, /^fs-\d+$/);
        assert.match(await page.locator('#install-outcome').textContent(), new RegExp(`${flowId} INSTALLED: 6 rule\\(s\\), 3 meter\\(s\\)`));
        assert.equal(await row.locator('td.state').textContent(), 'INSTALLED');
        assert.match(await row.textContent(), /10\.0\.0\.1 → 10\.0\.0\.3/);
        await page.waitForSelector(`#log li[data-topic="flows"][data-event="FLOW_INSTALLED"]`, WAIT);

        // The path: host A, s1, s2, s3, host B, drawn and selected.
        const path = page.locator(`#topology polyline.flow-path.selected[data-flow="${flowId}"]`);
        await path.waitFor(WAIT);
        const points = (await path.getAttribute('points')).trim().split(/\s+/);
        assert.equal(points.length, 5, `path through 2 hosts and 3 switches, got ${points.join(' ')}`);
        for (const d of ['of:0000000000000001', 'of:0000000000000002', 'of:0000000000000003']) {
            assert.equal(await page.locator(`#topology g.node.device.on-path[data-id="${d}"]`).count(), 1, d);
        }
        // ListLinks drew the two cables between the switches (one line for both directions).
        await page.waitForFunction(() => document.querySelectorAll('#topology line.link:not(.edge)').length === 2,
            null, WAIT);
        await screenshot(page, 'console-flow-installed');
    });

    it('removes the flow: the row and the path go away', async () => {
        const asked = new Promise((done) => page.once('dialog', (d) => {
            done(d.message());
            d.accept();
        }));
        await page.locator(`#flows tbody tr[data-flow="${flowId}"] button.remove-flow`).click();
        assert.match(await asked, /Remove flow/);
        await page.waitForSelector(`#log li[data-topic="flows"][data-event="FLOW_REMOVED"]`, WAIT);
        await page.waitForSelector(`#flows tbody tr[data-flow="${flowId}"]`, {state: 'detached', timeout: WAIT.timeout});
        assert.equal(await page.locator(`#topology polyline.flow-path[data-flow="${flowId}"]`).count(), 0);
        assert.equal(await page.locator('#flows-empty').isVisible(), true);
        assert.equal(await page.locator('#topology line.link:not(.edge)').count(), 2, 'the cables stay');
        const reply = await protocolCall(page, {type: 'GetFlow', id: 'gone', flowId});
        assert.equal(reply.status, 'error');
        assert.equal(reply.error.code, 'UNKNOWN_FLOW');
    });

    it('renders a refused request with the protocol\'s error code, message and field', async () => {
        const form = page.locator('#install-form');
        await form.locator('select[name=src]').selectOption('10.0.0.1');
        await form.locator('select[name=dst]').selectOption('10.0.0.2');
        await form.locator('input[name=dscp]').fill('99');
        await form.locator('button[type=submit]').click();
        const error = page.locator('#errors .error[data-code="INVALID_FIELD"]').first();
        await error.waitFor(WAIT);
        assert.match(await error.textContent(), /INVALID_FIELD/);
        assert.match(await error.locator('.field').textContent(), /network\.qos\.dscp/);
        assert.match(await page.locator('#install-outcome').textContent(), /^INVALID_FIELD: .*\(field network\.qos\.dscp\)$/);
        assert.equal(await page.locator('#install-outcome').getAttribute('data-state'), 'error');
        await form.locator('input[name=dscp]').fill('');

        // ONOS flow JSON for a device ONOS does not know.
        await form.locator('input[name=mode][value=json]').check();
        await form.locator('textarea[name=json]').fill(JSON.stringify({flows: [{priority: 40000,
            deviceId: 'of:00000000000000ff', treatment: {instructions: [{type: 'OUTPUT', port: '1'}]},
            selector: {criteria: [{type: 'ETH_TYPE', ethType: '0x800'}]}}]}));
        await form.locator('button[type=submit]').click();
        await page.locator('#errors .error[data-code="UNKNOWN_DEVICE"]').first().waitFor(WAIT);
        await form.locator('input[name=mode][value=network]').check();
        await screenshot(page, 'console-error');
        assert.equal(await page.locator('#flows tbody tr').count(), 0, 'nothing was installed');
    });

    it('gives a viewer a read-only console', async () => {
        const viewer = await browser.newContext({httpCredentials: VIEWER});
        try {
            const p = await viewer.newPage();
            await p.goto(CONSOLE_URL);
            await p.waitForSelector('body[data-synced="true"]', WAIT);
            assert.equal(await p.locator('#connection-text').textContent(), 'Connected as viewer (viewer)');
            assert.equal(await p.locator('#install-form button[type=submit]').isDisabled(), true);
            assert.equal(await p.locator('#add-form button[type=submit]').isDisabled(), true);
            assert.equal(await p.locator('#topology g.node.host').count(), 4);
        } finally {
            await viewer.close();
        }
    });

    it('reported no script errors', () => {
        assert.deepEqual(errors, []);
    });
});
