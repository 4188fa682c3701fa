/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The console's Take down / Bring up buttons, which call the sandbox's fault
// injection API: an administrator takes a link down and sees it disappear
// (the console draws the links ONOS lists), then brings it up again; the same
// for a switch; dismissing the confirmation changes nothing; a viewer gets no
// such buttons. Runs against the sandbox (linear,3).

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {launch, protocolCall, screenshot, watchErrors} from './chromium.mjs';

const CONSOLE_URL = process.env.FLOWSOCKET_CONSOLE_URL;
const ADMIN = {username: process.env.FLOWSOCKET_USER || 'onos', password: process.env.FLOWSOCKET_PASSWORD || 'rocks'};
const VIEWER = {username: 'viewer', password: 'viewer'};
const WAIT = {timeout: 15000};

const S1 = 'of:0000000000000001';
const S2 = 'of:0000000000000002';
const S3 = 'of:0000000000000003';
const CABLE = `${S1}|${S2}`;

/** Both directions ListLinks lists between two devices. */
async function listedBetween(page, a, b) {
    const reply = await protocolCall(page, {type: 'ListLinks', id: 'links'});
    assert.equal(reply.status, 'ok', JSON.stringify(reply.error));
    return reply.result.links.filter((l) => [l.src.device, l.dst.device].sort().join('|') === [a, b].sort().join('|'))
        .map((l) => `${l.src.device}/${l.src.port}-${l.dst.device}/${l.dst.port}`).sort();
}

async function eventually(what, check) {
    const deadline = Date.now() + WAIT.timeout;
    for (;;) {
        const last = await check();
        if (last === true) {
            return;
        }
        if (Date.now() > deadline) {
            assert.fail(`${what}: ${JSON.stringify(last)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
    }
}

/** Clicks the button in the selection's actions, answering the confirmation as told. */
async function clickConfirming(page, selector, accept) {
    let asked = null;
    page.once('dialog', (d) => {
        asked = d.message();
        return accept ? d.accept() : d.dismiss();
    });
    const button = page.locator(`#selection-actions ${selector}`);
    await button.waitFor({state: 'visible', ...WAIT});
    await button.click();
    await eventually('the confirmation was asked', () => asked !== null || 'not asked');
    return asked;
}

async function openConsole(browser, user) {
    const context = await browser.newContext({httpCredentials: user, viewport: {width: 1400, height: 1000}});
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(CONSOLE_URL);
    await page.waitForSelector('body[data-synced="true"]', WAIT);
    return {page, errors};
}

describe('Fault injection from the web console', {concurrency: false}, () => {
    let browser;
    let page;
    let errors;

    before(async () => {
        assert.ok(CONSOLE_URL, 'FLOWSOCKET_CONSOLE_URL must name the console, e.g. http://127.0.0.1:8181/onos/flowsocket/');
        browser = await launch();
        ({page, errors} = await openConsole(browser, ADMIN));
    });

    after(async () => {
        await browser?.close();
    });

    it('shows a selected link\'s details with a Take down button for an administrator', async () => {
        await page.locator(`#topology line.link[data-id="${CABLE}"]`).click();
        await page.waitForSelector(`#topology line.link.selected[data-id="${CABLE}"]`, WAIT);
        const heading = await page.locator('#selection h3').textContent();
        assert.match(heading, new RegExp(`^Link ${S1}/2 ↔ ${S2}/2$|^Link ${S2}/2 ↔ ${S1}/2$`));
        await page.locator('#selection-actions button.take-down').waitFor({state: 'visible', ...WAIT});
        assert.equal(await page.locator('#selection-actions button.bring-up').count(), 0);
    });

    it('changes nothing when the confirmation is dismissed', async () => {
        const asked = await clickConfirming(page, 'button.take-down', false);
        assert.match(asked, /^Take the link .* down\?$/);
        await new Promise((r) => setTimeout(r, 1000));
        assert.equal((await listedBetween(page, S1, S2)).length, 2);
        assert.equal(await page.locator(`#topology line.link[data-id="${CABLE}"]`).count(), 1);
    });

    it('takes the link down: ONOS lists neither direction and the console no longer draws it', async () => {
        await clickConfirming(page, 'button.take-down', true);
        await page.waitForSelector(`#topology line.link[data-id="${CABLE}"]`, {state: 'detached', timeout: WAIT.timeout});
        await eventually('ListLinks lists neither direction', async () => {
            const listed = await listedBetween(page, S1, S2);
            return listed.length === 0 || listed;
        });
        assert.match(await page.locator('#topo-counts').textContent(), /· 1 links$/);
        await page.waitForSelector('#log li[data-topic="links"][data-event="LINK_REMOVED"]', WAIT);
        await page.waitForSelector('#log li[data-topic="sandbox"][data-event="LINK_DOWN"]', WAIT);
        // The details stay, for bringing it up.
        assert.match(await page.locator('#selection').textContent(), /not listed by ONOS/);
        await screenshot(page, 'console-link-taken-down');
    });

    it('brings the link up: both directions are back and drawn', async () => {
        await clickConfirming(page, 'button.bring-up', true);
        await page.waitForSelector(`#topology line.link[data-id="${CABLE}"]`, WAIT);
        await eventually('ListLinks lists both directions', async () => {
            const listed = await listedBetween(page, S1, S2);
            return listed.length === 2 || listed;
        });
        assert.match(await page.locator('#topo-counts').textContent(), /· 2 links$/);
        await page.locator('#selection-actions button.take-down').waitFor({state: 'visible', ...WAIT});
    });

    it('takes a switch down and brings it up from its details', async () => {
        await page.locator(`#topology g.node.device[data-id="${S3}"]`).click();
        assert.match(await clickConfirming(page, 'button.take-down', true), new RegExp(`switch ${S3}`));
        await page.waitForSelector(`#topology g.node.device.state-offline[data-id="${S3}"]`, WAIT);
        await page.waitForSelector(`#topology line.link[data-id="${S2}|${S3}"]`, {state: 'detached', timeout: WAIT.timeout});
        await clickConfirming(page, 'button.bring-up', true);
        await page.waitForSelector(`#topology g.node.device.state-online[data-id="${S3}"]`, WAIT);
        await page.waitForSelector(`#topology line.link[data-id="${S2}|${S3}"]`, WAIT);
    });

    it('gives a viewer the details but no such buttons', async () => {
        const viewer = await openConsole(browser, VIEWER);
        await viewer.page.locator(`#topology line.link[data-id="${CABLE}"]`).click();
        await viewer.page.waitForSelector('#selection h3', WAIT);
        await new Promise((r) => setTimeout(r, 1000));
        assert.equal(await viewer.page.locator('#selection-actions').isHidden(), true);
        assert.equal(await viewer.page.locator('#selection-actions button').count(), 0);
        assert.deepEqual(viewer.errors, []);
        await viewer.page.context().close();
    });

    it('reported no script errors', async () => {
        assert.deepEqual(errors, []);
    });
});
