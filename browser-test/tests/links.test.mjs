/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The web console's links are exactly the links ONOS lists (ListLinks, then
// links events), never links guessed from flows' rules: not at start, not
// after a switch goes down under an installed flow (LINK_REMOVED), not after
// it comes back (LINK_ADDED). Runs against the sandbox, whose switches its
// fault injection API (/sandbox/v1, administrators only) takes down and up.

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {launch, protocolCall, screenshot, watchErrors} from './chromium.mjs';

const CONSOLE_URL = process.env.FLOWSOCKET_CONSOLE_URL;
const ADMIN = {username: process.env.FLOWSOCKET_USER || 'onos', password: process.env.FLOWSOCKET_PASSWORD || 'rocks'};
const WAIT = {timeout: 15000};

// The sandbox's linear,3: s1 - s2 - s3, switch i has host 10.0.0.i on port 1.
const S1 = 'of:0000000000000001';
const S2 = 'of:0000000000000002';
const S3 = 'of:0000000000000003';
const H1 = '00:00:00:00:00:01/None';
const H3 = '00:00:00:00:00:03/None';

/** Takes a switch of the sandbox's network down or up, as a disconnecting switch would. */
async function sandboxDevice(action, deviceId) {
    const url = new URL(`/sandbox/v1/devices/${encodeURIComponent(deviceId)}/${action}`, CONSOLE_URL);
    const authorization = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
    const response = await fetch(url, {method: 'POST', headers: {authorization}});
    assert.equal(response.status, 204, `${action} ${deviceId}: ${await response.text()}`);
}

/** The cables ListLinks lists now: one per pair of devices, as "a|b" with a < b. */
async function listedCables(page) {
    const reply = await protocolCall(page, {type: 'ListLinks', id: 'links'});
    assert.equal(reply.status, 'ok', JSON.stringify(reply.error));
    assert.equal(reply.result.truncated, false);
    const pairs = reply.result.links.map((l) => [l.src.device, l.dst.device].sort().join('|'));
    return [...new Set(pairs)].sort();
}

/** The cables the graph draws between switches (host edges aside). */
async function drawnCables(page) {
    return (await page.$$eval('#topology line.link:not(.edge)', (lines) => lines.map((l) => l.dataset.id))).sort();
}

/**
 * Waits until the graph draws exactly the cables ListLinks lists, then checks
 * that it keeps doing so for a while (a render after a late reply must not add
 * a link). Returns the cables.
 */
async function expectLinksAsListed(page, what) {
    const deadline = Date.now() + WAIT.timeout;
    let listed;
    let drawn;
    for (;;) {
        listed = await listedCables(page);
        drawn = await drawnCables(page);
        if (JSON.stringify(listed) === JSON.stringify(drawn) || Date.now() > deadline) {
            break;
        }
        await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(drawn, listed, `${what}: the graph draws the links ListLinks lists`);
    for (let i = 0; i < 6; i++) {
        await new Promise((r) => setTimeout(r, 250));
        assert.deepEqual(await drawnCables(page), listed, `${what}: the graph still draws only the listed links`);
    }
    assert.match(await page.locator('#topo-counts').textContent(), new RegExp(`· ${listed.length} links$`));
    return listed;
}

/** Waits until the flow's path is drawn through the given nodes, in order (GetFlow's rules). */
async function pathDrawn(page, flowId, nodeIds) {
    const through = () => page.evaluate(([id, ids]) => {
        const line = document.querySelector(`#topology polyline.flow-path[data-flow="${id}"]`);
        if (!line) {
            return null;
        }
        // Each point is a node's position: name the node drawn there.
        const at = new Map([...document.querySelectorAll('#topology g.node')].map((g) =>
            [g.getAttribute('transform').replace(/^translate\((.*)\)$/, '$1'), g.dataset.id]));
        return line.getAttribute('points').trim().split(/\s+/).map((p) => at.get(p) || p);
    }, [flowId, nodeIds]);
    const deadline = Date.now() + WAIT.timeout;
    let seen = await through();
    while (JSON.stringify(seen) !== JSON.stringify(nodeIds) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        seen = await through();
    }
    assert.deepEqual(seen, nodeIds, `the path of ${flowId}`);
}

describe('Links in the web console', {concurrency: false}, () => {
    let browser;
    let page;
    let errors;
    let flowId;

    before(async () => {
        assert.ok(CONSOLE_URL, 'FLOWSOCKET_CONSOLE_URL must name the console, e.g. http://127.0.0.1:8181/onos/flowsocket/');
        browser = await launch();
        const context = await browser.newContext({httpCredentials: ADMIN, viewport: {width: 1400, height: 1000}});
        page = await context.newPage();
        errors = watchErrors(page);
        await page.goto(CONSOLE_URL);
        await page.waitForSelector('body[data-synced="true"]', WAIT);
    });

    after(async () => {
        await browser?.close();
    });

    it('draws exactly the links ListLinks lists', async () => {
        const cables = await expectLinksAsListed(page, 'at start');
        assert.deepEqual(cables, ['of:0000000000000001|of:0000000000000002',
            'of:0000000000000002|of:0000000000000003'], 'linear,3 has two cables');
    });

    it('adds no link for a flow\'s path', async () => {
        const reply = await protocolCall(page, {type: 'InstallFlow', id: 'voice',
            network: {src: '10.0.0.1', dst: '10.0.0.3', class: 'voice', bidirectional: true}});
        assert.equal(reply.status, 'ok', JSON.stringify(reply.error));
        flowId = reply.result.flowId;
        await page.waitForSelector(`#flows tbody tr[data-flow="${flowId}"][data-state="INSTALLED"]`, WAIT);
        await pathDrawn(page, flowId, [H1, S1, S2, S3, H3]);
        await expectLinksAsListed(page, 'with a flow installed');
    });

    it('takes a switch\'s links away when ONOS removes them (LINK_REMOVED), though a flow\'s rules cross them', async () => {
        await sandboxDevice('down', S3);
        await page.waitForSelector('#log li[data-topic="links"][data-event="LINK_REMOVED"]', WAIT);
        await page.waitForSelector(`#topology g.node.device.state-offline[data-id="${S3}"]`, WAIT);
        // s3's host vanishes with it; the flow keeps its rules on s1, s2 and s3. Showing its
        // path reads them (GetFlow) and draws it in hop order across the cable s2-s3 ONOS
        // no longer lists: host A, s1, s2, s3.
        await page.waitForSelector(`#topology g.node.host[data-id="${H3}"]`,
            {state: 'detached', timeout: WAIT.timeout});
        await page.waitForSelector(`#flows tbody tr[data-flow="${flowId}"][data-state="DEGRADED"]`, WAIT);
        await page.locator(`#flows tbody tr[data-flow="${flowId}"] button.show-path`).click();
        await page.waitForSelector(`#topology polyline.flow-path.selected[data-flow="${flowId}"]`, WAIT);
        await pathDrawn(page, flowId, [H1, S1, S2, S3]);
        const cables = await expectLinksAsListed(page, 'after s3 went down');
        assert.deepEqual(cables, ['of:0000000000000001|of:0000000000000002']);
        await screenshot(page, 'console-links-switch-down');
    });

    it('shows the links again when ONOS adds them back (LINK_ADDED)', async () => {
        await sandboxDevice('up', S3);
        await page.waitForSelector('#log li[data-topic="links"][data-event="LINK_ADDED"]', WAIT);
        await page.waitForSelector(`#flows tbody tr[data-flow="${flowId}"][data-state="INSTALLED"]`, WAIT);
        const cables = await expectLinksAsListed(page, 'after s3 came back');
        assert.equal(cables.length, 2);
    });

    it('removes the flow and reported no script errors', async () => {
        const reply = await protocolCall(page, {type: 'RemoveFlow', id: 'rm', flowId});
        assert.equal(reply.status, 'ok', JSON.stringify(reply.error));
        await page.waitForSelector(`#flows tbody tr[data-flow="${flowId}"]`, {state: 'detached', timeout: WAIT.timeout});
        await expectLinksAsListed(page, 'after the flow was removed');
        assert.deepEqual(errors, []);
    });
});
