/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The ONOS GUI topology overlay's scripts, loaded the way ONOS's GUI loads
// them (its js.html and css.html) into a page with fakes of the GUI services
// they call and of the topology view (its key bindings, toolbar, selection
// and Esc chain, as ONOS 2.5's topo.js and topoToolbar.js have them), and
// exercised in headless Chromium with real key presses: a syntax error, a
// wrong service name, a missing file, a key the topology view keeps for
// itself, an Esc hook that swallows Esc, or a message type the server does
// not know fails here.

import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync, readFileSync} from 'node:fs';
import {extname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {launch, screenshot, watchErrors} from './chromium.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const GUI = resolve(process.env.FLOWSOCKET_GUI_RESOURCES || join(HERE, '../../app/target/classes'));
const JAVA = resolve(HERE, '../../app/src/main/java/org/flowsocket/impl/gui');
const HARNESS = resolve(HERE, '../harness');
// Loopback origin; every request is answered by the page's route, none leaves the browser.
const ORIGIN = 'http://127.0.0.1:1';
const ROOT = `${ORIGIN}/onos/ui/`;
const FAKES = ['onos-gui-fake.js', 'onos-keys-fake.js', 'onos-topo-fake.js'];
const TYPES = {'.js': 'application/javascript', '.css': 'text/css', '.html': 'text/html'};

const H1 = '00:00:00:00:00:01/None';
const H3 = '00:00:00:00:00:03/None';

/** The string constants a Java class declares: NAME -> value. */
function javaConstants(file) {
    const source = readFileSync(join(JAVA, file), 'utf8');
    const constants = {};
    for (const m of source.matchAll(/static final (?:String|ButtonId) (\w+) =\s*(?:new ButtonId\()?"([^"]+)"/g)) {
        constants[m[1]] = m[2];
    }
    return constants;
}

function page() {
    const harness = readFileSync(join(HARNESS, 'harness.html'), 'utf8');
    const css = readFileSync(join(GUI, 'fsTopov/css.html'), 'utf8');
    const js = readFileSync(join(GUI, 'fsTopov/js.html'), 'utf8');
    // the fakes first, then the overlay's scripts, as ONOS's index.html orders them
    const fakes = FAKES.map((f) => `<script src="${f}"></script>`).join('\n');
    return harness.replace('<!--CSS-->', css)
        .replace('</body>', `${fakes}\n${js}\n</body>`);
}

// Playwright's names of ONOS's key names (keys.js whatKey)
function playwrightKey(key) {
    if (key === 'esc') {
        return 'Escape';
    }
    if (key === 'enter') {
        return 'Enter';
    }
    if (key === 'slash') {
        return 'Slash';
    }
    return /^[0-9]$/.test(key) ? `Digit${key}` : `Key${key}`;
}

describe('ONOS GUI topology overlay scripts', {concurrency: false}, () => {
    let browser;
    let p;
    let errors;
    const missing = [];
    // The messages' names live in GuiMessages, shared by the handler and the overlay.
    const handler = javaConstants('GuiMessages.java');
    const overlayJava = javaConstants('FlowSocketTopoOverlay.java');
    const component = javaConstants('FlowSocketGuiComponent.java');
    const OVERLAY = overlayJava.OVERLAY_ID;

    const sent = () => p.evaluate(() => window.gui.record.sent);
    const flashes = () => p.evaluate(() => window.gui.record.flashes);
    const lastSent = async () => (await sent()).at(-1);
    const topo = () => p.evaluate(() => {
        const t = window.gui.record.topo;
        return {selected: t.selectOrder.slice(), escapes: t.escapes.slice(), coreActions: t.coreActions.slice(),
            instancesVisible: t.instancesVisible, summaryVisible: t.summaryVisible};
    });
    const selectedHosts = () => p.evaluate(() => window.angular.injectorFake('FlowSocketTopovService').selectedHosts());
    // warnings of the GUI itself (the overlay's own name the request that failed)
    const warnings = () => p.evaluate(() => window.gui.record.log.filter((l) => l.level === 'warn'
        && l.args[0] !== 'FlowSocket:'));

    // a key pressed on the topology view (the page's body has the focus, as after a click on the map)
    async function press(key, {inField = false} = {}) {
        if (!inField) {
            await p.evaluate(() => document.activeElement?.blur());
        }
        await p.keyboard.press(playwrightKey(key));
    }

    before(async () => {
        assert.ok(existsSync(join(GUI, 'fsTopov/js.html')), `no fsTopov/js.html under ${GUI}: build app/ first`);
        browser = await launch();
        const context = await browser.newContext({viewport: {width: 1100, height: 700}});
        p = await context.newPage();
        errors = watchErrors(p);
        await p.route('**/*', async (route) => {
            const url = new URL(route.request().url());
            if (url.origin !== ORIGIN || !url.pathname.startsWith('/onos/ui/')) {
                missing.push(url.href);
                return route.abort();
            }
            const rel = url.pathname.slice('/onos/ui/'.length);
            if (rel === '' || rel === 'index.html') {
                return route.fulfill({contentType: 'text/html', body: page()});
            }
            const file = FAKES.includes(rel) ? join(HARNESS, rel) : join(GUI, rel);
            if (!file.startsWith(GUI) && !file.startsWith(HARNESS) || !existsSync(file)) {
                missing.push(url.href);
                return route.fulfill({status: 404, body: 'not found'});
            }
            return route.fulfill({contentType: TYPES[extname(file)] || 'application/octet-stream',
                body: readFileSync(file)});
        });
        await p.goto(ROOT);
    });

    after(async () => {
        await browser?.close();
    });

    it('loads every file js.html and css.html name, without script errors', async () => {
        assert.deepEqual(missing, []);
        assert.deepEqual(errors, []);
        const scripts = await p.evaluate(() => [...document.scripts].map((s) => s.getAttribute('src')));
        assert.deepEqual(scripts, [...FAKES, 'app/view/fsTopov/fsTopovService.js',
            'app/view/fsTopov/fsTopovOverlay.js']);
        const css = await p.evaluate(() => [...document.styleSheets].filter((s) => s.href).map((s) => s.cssRules.length));
        assert.equal(css.length, 1);
        assert.ok(css[0] > 0, 'fsTopov.css has rules');
        assert.equal(component.RESOURCE_PATH, 'fsTopov', 'the resource path js.html and css.html live under');
    });

    it('registers the overlay the server knows, with valid glyphs, keys and buttons', async () => {
        assert.equal(await p.evaluate(() => window.gui.boot()), 1, 'one run block');
        const o = await p.evaluate(() => {
            const x = window.gui.record.overlays[0];
            return {id: x.overlayId, keys: x.keyBindings._keyOrder, buttons: Object.keys(x.buttons),
                hooks: Object.keys(x.hooks)};
        });
        assert.equal(o.id, OVERLAY);
        assert.deepEqual(o.keys, ['V', 'F', 'K', '0']);
        assert.deepEqual(o.buttons, [overlayJava.SHOW_NODE_FLOWS]);
        assert.deepEqual(o.hooks.sort(), ['empty', 'escape', 'multi', 'single']);
        const sizes = await p.evaluate(() => window.gui.drawGlyphs('flowsocket-overlay'));
        for (const [g, s] of Object.entries(sizes)) {
            assert.ok(s.w > 0 && s.h > 0, `glyph ${g} draws something`);
        }
        assert.deepEqual(errors, []);
    });

    it('on selection in the toolbar binds a handler for every event the server sends and asks for the flows', async () => {
        await p.evaluate((id) => window.gui.selectOverlay(id), OVERLAY);
        const bound = await p.evaluate(() => Object.keys(window.gui.record.handlers).sort());
        const serverEvents = ['FLOW_INSTALLED', 'FLOW_SHOWN', 'FLOW_REMOVED', 'FLOWS', 'NODE_FLOWS_SHOWN',
            'FLOW_EVENT', 'ERROR'].map((k) => handler[k]).sort();
        assert.deepEqual(bound, serverEvents);
        assert.deepEqual(await lastSent(), {event: handler.LIST_FLOWS, payload: {}});
    });

    it('gets every key it binds from the topology view, each with a toolbar button', async () => {
        const order = await p.evaluate(() => window.gui.record.active.keyBindings._keyOrder.slice());
        const targets = await p.evaluate(() => window.gui.keyTargets());
        for (const key of order) {
            assert.equal(targets[key], 'overlay', `key ${key} reaches the overlay, not the topology view's ${targets[key]}`);
        }
        assert.deepEqual((await p.evaluate(() => window.gui.toolbar())).map((b) => b.key), order,
            'a third-row toolbar button for every key');
        assert.deepEqual(await warnings(), [], 'ONOS warned about none of the overlay\'s keys');
    });

    it('asks for two hosts before installing', async () => {
        const before = (await sent()).length;
        await press('V');
        assert.equal((await sent()).length, before);
        assert.match((await flashes()).at(-1), /Select two hosts/);
        await p.evaluate((h) => window.gui.clickNode({id: h, type: 'endstation'}), H1);
        assert.deepEqual(await selectedHosts(), [H1]);
        await press('V');
        assert.match((await flashes()).at(-1), /Select two hosts/);
    });

    it('lets Esc deselect the nodes when it has nothing highlighted', async () => {
        const before = (await sent()).length;
        await press('esc');
        const t = await topo();
        assert.deepEqual(t.selected, [], 'the topology view deselected the host');
        assert.equal(t.escapes.at(-1), 'deselectAll');
        assert.deepEqual(await selectedHosts(), [], 'the overlay heard of the empty selection');
        assert.equal((await sent()).length, before, 'nothing sent to the server');
    });

    it('installs a QoS flow between the two selected hosts through the dialog', async () => {
        await p.evaluate(([a, b]) => {
            window.gui.clickNode({id: a, type: 'endstation'});
            window.gui.clickNode({id: 'of:0000000000000002', type: 'switch'}, true);
            window.gui.clickNode({id: b, type: 'endstation'}, true);
        }, [H1, H3]);
        assert.deepEqual(await selectedHosts(), [H1, H3]);

        // Esc in the open dialog cancels it, as ONOS's dialog binds Esc to Cancel
        const before = (await sent()).length;
        await press('V');
        assert.equal(await p.evaluate(() => window.gui.dialogOpen()), true);
        await p.focus('#dialog input[name=priority]');
        await press('esc', {inField: true});
        assert.equal(await p.evaluate(() => window.gui.dialogOpen()), false, 'Esc closed the dialog');
        assert.equal((await sent()).length, before, 'nothing installed');
        assert.equal((await topo()).selected.length, 3, 'the selection stays');

        await press('V');
        const dialog = await p.evaluate(() => window.gui.record.dialogs.at(-1));
        assert.equal(dialog.title, 'Install a FlowSocket QoS flow');
        assert.deepEqual(dialog.buttons.map((b) => b.kind), ['ok', 'cancel']);
        assert.equal(dialog.keysBound, true);
        await p.selectOption('#dialog select[name=class]', 'video');
        await p.fill('#dialog input[name=priority]', '46000');
        await screenshot(p, 'overlay-install-dialog');
        // Enter in a text field reaches the dialog (keys.js lets Enter and Esc through)
        await press('enter', {inField: true});
        assert.equal(await p.evaluate(() => window.gui.dialogOpen()), false);
        assert.deepEqual(await lastSent(), {event: handler.INSTALL_FLOW,
            payload: {src: H1, dst: H3, class: 'video', priority: 46000, bidirectional: true}});

        // the server answers: installed, then the flows list
        await p.evaluate((t) => window.gui.deliver(t, {flowId: 'fs-1', kind: 'network', state: 'INSTALLED',
            rules: [{}, {}, {}, {}, {}, {}]}), handler.FLOW_INSTALLED);
        assert.equal((await flashes()).at(-1), 'fs-1 INSTALLED: 6 rule(s)');
        assert.equal((await lastSent()).event, handler.LIST_FLOWS);
        await p.evaluate((t) => window.gui.deliver(t, {flows: [{flowId: 'fs-1'}, {flowId: 'fs-2'}]}), handler.FLOWS);
    });

    it('cycles through the flows\' paths and removes the one shown', async () => {
        await press('F');
        assert.deepEqual(await lastSent(), {event: handler.SHOW_FLOW, payload: {flowId: 'fs-2'}});
        await p.evaluate((t) => window.gui.deliver(t, {flowId: 'fs-2', state: 'INSTALLED',
            summary: '10.0.0.1 ⇄ 10.0.0.3 video, INSTALLED', devices: ['of:1', 'of:2', 'of:3']}), handler.FLOW_SHOWN);
        assert.equal((await flashes()).at(-1), 'fs-2 10.0.0.1 ⇄ 10.0.0.3 video, INSTALLED — 3 switch(es)');

        await press('K');
        assert.deepEqual(await lastSent(), {event: handler.REMOVE_FLOW, payload: {flowId: 'fs-2'}});
        await p.evaluate((t) => window.gui.deliver(t, {flowId: 'fs-2', state: 'REMOVED'}), handler.FLOW_REMOVED);
        assert.equal((await flashes()).at(-1), 'fs-2 REMOVED');
        await p.evaluate((t) => window.gui.deliver(t, {event: 'FLOW_REMOVED', flowId: 'fs-2'}), handler.FLOW_EVENT);
        assert.deepEqual(await p.evaluate(() => window.angular.injectorFake('FlowSocketTopovService').flows()),
            ['fs-1']);

        await press('K');
        assert.match((await flashes()).at(-1), /Show a flow first/);
        assert.deepEqual((await topo()).coreActions, [], 'no key reached the topology view\'s own actions');
    });

    it('lets Esc clear a shown path first, then deselect, then go on down ONOS\'s chain', async () => {
        await p.evaluate(() => window.gui.clickToolbar('F'));
        assert.deepEqual(await lastSent(), {event: handler.SHOW_FLOW, payload: {flowId: 'fs-1'}});
        await p.evaluate((t) => window.gui.deliver(t, {flowId: 'fs-1', state: 'INSTALLED',
            summary: '10.0.0.1 ⇄ 10.0.0.3 voice, INSTALLED', devices: ['of:1', 'of:2', 'of:3']}), handler.FLOW_SHOWN);
        assert.equal((await topo()).selected.length, 3);

        // with the quick help shown, Esc only hides it (keys.js global escapeKey)
        let before = (await sent()).length;
        await press('slash');
        await press('esc');
        assert.deepEqual(await p.evaluate(() => window.gui.record.keys.slice(-2)),
            [{key: 'slash', by: 'global', action: 'quickHelp'}, {key: 'esc', by: 'global', action: 'escapeKey'}]);
        assert.equal((await sent()).length, before, 'the path stays while Esc hides the quick help');

        await press('esc');
        assert.deepEqual(await lastSent(), {event: handler.CLEAR, payload: {}});
        let t = await topo();
        assert.equal(t.escapes.at(-1), 'overlay');
        assert.equal(t.selected.length, 3, 'clearing the path kept the selection');

        before = (await sent()).length;
        await press('esc');
        t = await topo();
        assert.equal(t.escapes.at(-1), 'deselectAll');
        assert.deepEqual(t.selected, []);
        await press('esc');
        t = await topo();
        assert.equal(t.escapes.at(-1), 'hideInstances');
        assert.equal(t.instancesVisible, false);
        assert.equal((await sent()).length, before, 'the overlay sent nothing once its path was cleared');
    });

    it('highlights the flows through a node from its detail panel button', async () => {
        await p.evaluate((b) => window.gui.clickDetailButton(b, {id: 'of:0000000000000002'}),
            overlayJava.SHOW_NODE_FLOWS);
        assert.deepEqual(await lastSent(), {event: handler.SHOW_NODE_FLOWS, payload: {id: 'of:0000000000000002'}});
        await p.evaluate((t) => window.gui.deliver(t, {id: 'of:0000000000000002', flows: ['fs-1']}),
            handler.NODE_FLOWS_SHOWN);
        assert.equal((await flashes()).at(-1), 'FlowSocket flows through of:0000000000000002: fs-1');
    });

    it('shows the protocol\'s error code, message and field', async () => {
        await p.evaluate((t) => window.gui.deliver(t, {request: 'fsInstallFlow', code: 'NO_PATH',
            message: 'the topology has no path between of:0000000000000001 and of:0000000000000009'}), handler.ERROR);
        assert.equal((await flashes()).at(-1),
            'NO_PATH: the topology has no path between of:0000000000000001 and of:0000000000000009');
        await p.evaluate((t) => window.gui.deliver(t, {request: 'fsInstallFlow', code: 'INVALID_FIELD',
            message: '\'network.priority\' must be from 1 to 65535', field: 'network.priority'}), handler.ERROR);
        assert.match((await flashes()).at(-1), /^INVALID_FIELD: .* \(field network\.priority\)$/);
    });

    it('clears a node\'s flows on Esc and on 0, and unbinds when another overlay is picked', async () => {
        await press('esc');
        assert.equal((await lastSent()).event, handler.CLEAR);
        assert.equal((await topo()).escapes.at(-1), 'overlay');
        await press('0');
        assert.equal((await lastSent()).event, handler.CLEAR);
        await screenshot(p, 'overlay-harness');
        await p.evaluate(() => window.gui.selectOverlay(null));
        assert.deepEqual(await p.evaluate(() => Object.keys(window.gui.record.handlers)), []);
        assert.deepEqual(await p.evaluate(() => window.gui.toolbar()), [], 'the overlay\'s buttons are gone');
        const before = (await sent()).length;
        await press('K');
        assert.equal((await sent()).length, before, 'its keys are unbound');
    });

    it('sent only requests the server handles, and reported no errors', async () => {
        const known = new Set(['INSTALL_FLOW', 'SHOW_FLOW', 'REMOVE_FLOW', 'LIST_FLOWS', 'SHOW_NODE_FLOWS', 'CLEAR']
            .map((k) => handler[k]));
        for (const s of await sent()) {
            assert.ok(known.has(s.event), `${s.event} is a request FlowSocketTopoMessageHandler handles`);
        }
        assert.deepEqual(errors, []);
        assert.deepEqual(missing, []);
        assert.deepEqual(await p.evaluate(() => window.gui.record.log.filter((l) => l.level === 'error')), []);
        assert.deepEqual(await warnings(), []);
    });
});
