/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The web console's traffic view in headless Chromium against a sandbox whose
// ONOS reads the switches' statistics every second (--stats 1): a flow's bit
// rate charted live from the stats topic, and the links it crosses coloured
// by their utilization. The sandbox's control API sets the flow's rate.

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {launch, protocolCall, screenshot, watchErrors} from './chromium.mjs';

const CONSOLE_URL = process.env.FLOWSOCKET_CONSOLE_URL;
const ADMIN = {username: 'onos', password: 'rocks'};
const WAIT = {timeout: 20000};
const RATE = 8000000;

describe('FlowSocket console traffic', {concurrency: false}, () => {
    let browser;
    let context;
    let page;
    let errors;
    let flowId;

    before(async () => {
        assert.ok(CONSOLE_URL, 'FLOWSOCKET_CONSOLE_URL must name the console');
        browser = await launch();
        context = await browser.newContext({httpCredentials: ADMIN, viewport: {width: 1400, height: 1300}});
        page = await context.newPage();
        errors = watchErrors(page);
        await page.goto(CONSOLE_URL);
        await page.waitForSelector('body[data-synced="true"]', WAIT);
    });

    after(async () => {
        await browser?.close();
    });

    it('loads d3 from the console itself, not from another site', async () => {
        const scripts = await page.evaluate(() => performance.getEntriesByType('resource')
            .map((r) => r.name).filter((n) => /d3-/.test(n)));
        assert.ok(scripts.some((n) => n.endsWith('/console/vendor/d3-force.js')), scripts.join(' '));
        assert.ok(scripts.some((n) => n.endsWith('/console/vendor/d3-shape.js')), scripts.join(' '));
        const origin = new URL(CONSOLE_URL).origin;
        assert.deepEqual(scripts.filter((n) => !n.startsWith(origin)), []);
    });

    it('charts a flow\'s bit rate as the hosts send it', async () => {
        const reply = await protocolCall(page, {type: 'InstallFlow', id: 'video', network:
            {src: '10.0.0.1', dst: '10.0.0.3', protocol: 'udp', dstPort: 5004, class: 'video'}});
        assert.equal(reply.status, 'ok', JSON.stringify(reply));
        flowId = reply.result.flowId;
        // The control API asks for BASIC credentials up front: Playwright's request context sends its
        // httpCredentials only after a challenge, which it does not answer for a PUT.
        const authorization = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;
        const set = await context.request.put(new URL(`/sandbox/traffic/${flowId}`, CONSOLE_URL).toString(),
            {data: {bitsPerSecond: RATE}, headers: {Authorization: authorization}});
        assert.equal(set.status(), 204);

        await page.locator(`#flows tbody tr[data-flow="${flowId}"] button.chart-flow`).click();
        const chart = page.locator(`#charts figure.rate-chart[data-flow="${flowId}"]`);
        await chart.waitFor(WAIT);
        assert.equal(await page.locator('#charts-empty').isVisible(), false);
        // A few statistics periods: the line has points and the latest rate is the one sent.
        await page.waitForFunction((id) => {
            const fig = document.querySelector(`#charts figure.rate-chart[data-flow="${id}"]`);
            return fig && Number(fig.dataset.points) >= 4;
        }, flowId, WAIT);
        const rate = await chart.locator('.rate').textContent();
        const m = /^([\d.]+) Mbit\/s$/.exec(rate);
        assert.ok(m, `rate shown: ${rate}`);
        assert.ok(Math.abs(Number(m[1]) * 1e6 - RATE) <= RATE * 0.05, `rate shown: ${rate}`);
        const line = await chart.locator('path.line').getAttribute('d');
        assert.match(line, /^M[\d.,-]+(L[\d.,-]+){3,}/, 'a line through the points');
        assert.match(await chart.locator('text.max').textContent(), /Mbit\/s/);
    });

    it('colours the links the flow crosses by their utilization', async () => {
        // Both links loaded at 8 Mbit/s of 10 Gbit/s (the first reading of a link may cover less of the flow).
        await page.waitForFunction((expected) => {
            const lines = [...document.querySelectorAll('#topology line.link.loaded')];
            return lines.length === 2
                && lines.every((l) => Math.abs(Number(l.dataset.utilization) - expected) <= expected * 0.1);
        }, RATE / 1e10, WAIT);
        // Each link's stroke is the console's own colour of its utilization (graph.js, the module the page
        // loaded), both written as the browser normalises a stroke; full load would be another colour.
        const graph = new URL('console/graph.js', CONSOLE_URL).toString();
        const loads = await page.locator('#topology line.link.loaded').evaluateAll(async (lines, graphUrl) => {
            const {utilizationColour} = await import(graphUrl);
            const normalised = (colour) => {
                const probe = document.createElement('span');
                probe.style.setProperty('stroke', colour);
                return probe.style.getPropertyValue('stroke');
            };
            return lines.map((l) => {
                const u = Number(l.dataset.utilization);
                return {u, stroke: l.style.getPropertyValue('stroke'), expected: normalised(utilizationColour(u)),
                        full: normalised(utilizationColour(1))};
            });
        }, graph);
        for (const {u, stroke, expected, full} of loads) {
            // 8 Mbit/s on 10 Gbit/s ports.
            assert.ok(Math.abs(u - RATE / 1e10) <= RATE / 1e10 * 0.1, `utilization ${u}`);
            assert.match(expected, /^rgb\(/);
            assert.equal(stroke, expected, `stroke of utilization ${u}`);
            assert.notEqual(stroke, full, `utilization ${u} coloured as a full link`);
        }
        await screenshot(page, 'console-traffic', {fullPage: true});
    });

    it('hides the chart and forgets the flow once it is removed', async () => {
        const reply = await protocolCall(page, {type: 'RemoveFlow', id: 'rm', flowId});
        assert.equal(reply.status, 'ok');
        await page.waitForSelector(`#charts figure.rate-chart[data-flow="${flowId}"]`,
            {state: 'detached', timeout: WAIT.timeout});
        assert.equal(await page.locator('#charts-empty').isVisible(), true);
    });

    it('reported no script errors', () => {
        assert.deepEqual(errors, []);
    });
});
