/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 A stand-in for the topology view of ONOS's classic GUI, as far as a topology
 overlay meets it: TopoOverlayService (registration, the overlay toolbar's
 radio buttons, the hooks), the view's key bindings and how an overlay's keys
 are merged into them, the toolbar's third row of overlay buttons, node and
 link selection, and the Esc chain. Each rule is copied from ONOS 2.5.6's
 web/gui/src/main/webapp/app/view/topo/ (topo.js, topoToolbar.js,
 topoOverlay.js, topoSelect.js), cited where it is used; those files are the
 same in ONOS 2.6.0 and 2.7.0 (ONOS 2.5.0's topo.js binds three keys fewer:
 alt-L, shift-openBracket, shift-closeBracket). Needs onos-gui-fake.js.
 */

(function () {
    'use strict';

    var record = window.guiRecord;
    var fake = angular.module('onosTopoFake', []);

    // core glyphs the overlay may name without defining them
    var CORE_GLYPHS = ['xMark', 'checkMark', 'chain', 'crown', 'switch', 'endstation', 'bird', 'flows'];

    // As topo.js setUpKeys(): the topology view's own bindings. An overlay
    // key that is already here is ignored by mergeKeys().
    var CORE_KEYS = {
        I: 'toggleInstances', O: 'toggleSummary', D: 'toggleUseDetailsFlag',
        H: 'toggleHosts', M: 'toggleOffline', P: 'togglePorts',
        dash: 'showBadLinks', B: 'toggleMap', G: 'openMapSelection', S: 'toggleSprites',
        X: 'resetAllLocations', Z: 'toggleOblique', N: 'cycleLayers', L: 'cycleDeviceLabels',
        'shift-L': 'cycleHostLabels', 'alt-L': 'cycleLinkLabels',
        U: 'unpin', R: 'resetZoom', dot: 'toggleToolbar', E: 'equalizeMasters',
        'shift-openBracket': 'toggleHostTextSize', 'shift-closeBracket': 'toggleHostIconSize',
        F1: 'overlay1', F2: 'overlay2', F3: 'overlay3', F4: 'overlay4', F5: 'overlay5'
    };

    // As topoToolbar.js: the keys of the core toolbar buttons (k2b) and the
    // 'prohibited' keys no overlay button may use; such buttons are left out
    // with a warning.
    var K2B = ['O', 'I', 'D', 'H', 'M', 'P', 'B', 'G', 'S', 'Z', 'N', 'L', 'R', 'E'];
    var PROHIBITED = ['T', 'backSlash', 'slash', 'X'].concat(K2B);

    function checkGlyph(overlay, gid, where) {
        if (typeof gid !== 'string' || !gid) {
            throw new Error(where + ': missing glyph id');
        }
        if (gid.charAt(0) === '*') {
            if (!overlay.glyphs || !overlay.glyphs[gid.slice(1)]) {
                throw new Error(where + ': overlay glyph ' + gid + ' is not defined in glyphs');
            }
        } else if (CORE_GLYPHS.indexOf(gid) < 0) {
            throw new Error(where + ': unknown core glyph ' + gid);
        }
    }

    // Checks an overlay as the topology view would before it uses it; ONOS
    // logs most of these, the harness fails on them.
    function checkOverlay(overlay) {
        if (!overlay || typeof overlay.overlayId !== 'string' || !overlay.overlayId) {
            throw new Error('an overlay needs an overlayId');
        }
        checkGlyph(overlay, overlay.glyphId, 'overlay');
        Object.keys(overlay.glyphs || {}).forEach(function (g) {
            if (!overlay.glyphs[g].vb || !overlay.glyphs[g].d) {
                throw new Error('glyph ' + g + ' needs vb and d');
            }
        });
        var kb = overlay.keyBindings || {};
        if (overlay.keyBindings && !Array.isArray(kb._keyOrder)) {
            throw new Error('keyBindings need a _keyOrder array');
        }
        (kb._keyOrder || []).forEach(function (k) {
            if (k !== '-' && !kb[k]) {
                throw new Error('_keyOrder names key ' + k + ' that has no binding');
            }
        });
        Object.keys(kb).filter(function (k) { return k !== '_keyOrder'; }).forEach(function (k) {
            if (typeof kb[k].cb !== 'function' || typeof kb[k].tt !== 'string') {
                throw new Error('key ' + k + ' needs cb and tt');
            }
            checkGlyph(overlay, kb[k].gid, 'key ' + k);
        });
        Object.keys(overlay.buttons || {}).forEach(function (b) {
            var btn = overlay.buttons[b];
            if (typeof btn.cb !== 'function' || typeof btn.tt !== 'string') {
                throw new Error('button ' + b + ' needs cb and tt');
            }
            checkGlyph(overlay, btn.gid, 'button ' + b);
        });
        ['activate', 'deactivate'].forEach(function (f) {
            if (overlay[f] && typeof overlay[f] !== 'function') {
                throw new Error(f + ' must be a function');
            }
        });
    }

    fake.factory('TopoOverlayService', ['$log', 'KeyService', function ($log, ks) {
        var overlays = {}, current = null, reset = true, actionMap = {};
        var view = record.topo = {
            coreActions: [],        // core key actions run, by name
            coreSent: [],           // what the view itself sent to the server
            toolbar: [],            // the third row: the current overlay's buttons
            selectOrder: [],        // selected node ids (topoSelect.js)
            selections: {},
            selectedLinks: [],      // topoLink.js
            affinity: false,        // topoInst.js: an instance's mastership shown
            instancesVisible: true, // topoToolbar.js default prefs: insts 1, summary 1
            summaryVisible: true,
            escapes: []             // which step of the Esc chain acted
        };

        function mkGlyphId(oid, gid) {
            return gid.charAt(0) === '*' ? oid + '-' + gid.slice(1) : gid;
        }

        function hook(name) {
            var h = current && current.hooks;
            return h && typeof h[name] === 'function' ? h[name] : null;
        }

        // topoOverlay.js hooks
        var hooks = {
            escape: function () {
                var eh = hook('escape');
                return eh ? eh() : false;
            },
            emptySelect: function () {
                var cb = hook('empty');
                cb && cb();
            },
            singleSelect: function (data) {
                var cb = hook('single');
                cb && cb(data);
            },
            multiSelect: function (order) {
                var cb = hook('multi');
                cb && cb(order);
            }
        };

        // topoSelect.js updateDetail(); a single selection's hook runs when
        // the server's showDetails answer arrives (here: at once)
        function updateDetail() {
            var n = view.selectOrder.length;
            if (!n) {
                hooks.emptySelect();
            } else if (n === 1) {
                hooks.singleSelect(view.selections[view.selectOrder[0]]);
            } else {
                hooks.multiSelect(view.selectOrder.slice());
            }
        }

        // topoSelect.js deselectAll(): true if something was selected
        function deselectAll(skipUpdate) {
            var something = view.selectOrder.length > 0;
            view.selectOrder = [];
            view.selections = {};
            if (!skipUpdate) {
                updateDetail();
            }
            return something;
        }

        // topoSelect.js selectObject() for nodes; shift adds or removes
        function clickNode(data, shift) {
            if (shift && view.selections[data.id]) {
                delete view.selections[data.id];
                view.selectOrder = view.selectOrder.filter(function (id) { return id !== data.id; });
                updateDetail();
                return;
            }
            if (!shift) {
                deselectAll(true);
            }
            view.selections[data.id] = data;
            view.selectOrder.push(data.id);
            updateDetail();
        }

        // topoLink.js deselectAllLinks(): returns nothing
        function deselectAllLinks() {
            view.selectedLinks = [];
        }

        // topo.js handleEscape(): the first step that applies acts. Note that
        // topoLink.js deselectAllLinks() returns nothing, so the chain goes on.
        function handleEscape() {
            if (view.affinity) {
                view.affinity = false;
                view.escapes.push('cancelAffinity');
            } else if (hooks.escape()) {
                view.escapes.push('overlay');
            } else if (deselectAll()) {
                view.escapes.push('deselectAll');
            } else if (deselectAllLinks()) {
                view.escapes.push('deselectAllLinks');
            } else if (view.instancesVisible) {
                view.instancesVisible = false;
                view.escapes.push('hideInstances');
            } else if (view.summaryVisible) {
                view.summaryVisible = false;
                view.escapes.push('hideSummary');
            } else {
                view.escapes.push('nothing');
            }
        }

        function coreAction(name) {
            return function () {
                view.coreActions.push(name);
            };
        }

        // topo.js setUpKeys() and mergeKeys()
        function setUpKeys(overlayKeys) {
            actionMap = {};
            Object.keys(CORE_KEYS).forEach(function (k) {
                actionMap[k] = [coreAction(CORE_KEYS[k]), CORE_KEYS[k]];
            });
            actionMap.esc = handleEscape;
            actionMap._keyListener = function () {};
            actionMap._helpFormat = [[], [], []];
            if (overlayKeys && typeof overlayKeys === 'object') {
                ks.checkNotGlobal(overlayKeys);
                overlayKeys._keyOrder.forEach(function (k) {
                    var d = overlayKeys[k];
                    // NOTE (topo.js): ignore keys that are already defined
                    if (d && !actionMap[k]) {
                        actionMap[k] = [d.cb, d.tt];
                        actionMap._helpFormat[2].push(k);
                    }
                });
            }
            ks.keyBindings(actionMap);
        }

        // topoToolbar.js switchOverlayActions()
        function switchOverlayActions(oid, keyBindings) {
            var prohibits = [], kb = keyBindings || {},
                order = Array.isArray(kb._keyOrder) ? kb._keyOrder.slice() : [];
            if (keyBindings && !keyBindings._keyOrder) {
                $log.warn('switchOverlayActions: no _keyOrder property defined');
            } else {
                order = order.filter(function (k) { return ['esc', '_keyListener', '_helpFormat'].indexOf(k) < 0; });
            }
            view.toolbar = [];
            if (!order.length) {
                setUpKeys();
            } else {
                order.forEach(function (key) {
                    if (PROHIBITED.indexOf(key) > -1) {
                        prohibits.push(key);
                    } else {
                        var value = keyBindings[key];
                        view.toolbar.push({id: oid + '-' + key, key: key, gid: mkGlyphId(oid, value.gid),
                            tt: value.tt + ' (' + key + ')', cb: value.cb});
                    }
                });
                setUpKeys(keyBindings);
            }
            if (prohibits.length) {
                $log.warn('switchOverlayActions: Prohibited key bindings ignored:', prohibits);
            }
        }

        // topoOverlay.js tbSelection(): the overlay toolbar's radio buttons
        function tbSelection(id) {
            var same = current && current.overlayId === id, payload = {};
            if (reset || !same) {
                reset = false;
                if (current) {
                    current.deactivate();
                    payload.deactivate = current.overlayId;
                }
                current = id === null ? null : overlays[id];
                if (current) {
                    current.activate();
                    payload.activate = current.overlayId;
                }
                record.active = current;
                switchOverlayActions(id, current && current.keyBindings);
                view.coreSent.push({event: 'topoSelectOverlay', payload: payload});
                view.coreSent.push({event: 'requestSummary', payload: {}});
                // the new overlay hears of the current selection
                updateDetail();
            }
        }

        function register(overlay) {
            checkOverlay(overlay);
            if (overlays[overlay.overlayId]) {
                throw new Error('overlay ' + overlay.overlayId + ' is registered twice');
            }
            overlays[overlay.overlayId] = overlay;
            record.overlays.push(overlay);
        }

        setUpKeys();

        return {
            register: register,
            mkGlyphId: mkGlyphId,
            hooks: hooks,
            tbSelectionFake: tbSelection,
            clickNodeFake: clickNode,
            actionMapFake: function () { return actionMap; },
            currentFake: function () { return current; }
        };
    }]);

    // ---------------------------------------------------------------- test API

    function tov() {
        return angular.injectorFake('TopoOverlayService');
    }

    function overlay(id) {
        var o = record.overlays.filter(function (x) { return x.overlayId === id; })[0];
        if (!o) {
            throw new Error('no overlay ' + id + ' registered');
        }
        return o;
    }

    angular.extend(window.gui, {
        // a click on the overlay's radio button in the topology toolbar (null: 'no overlay')
        selectOverlay: function (id) {
            if (id !== null) {
                overlay(id);
            }
            tov().tbSelectionFake(id);
        },
        // a click on a node of the topology; shift-click adds to the selection
        clickNode: function (data, shift) {
            tov().clickNodeFake(data, !!shift);
        },
        clickLink: function (key) {
            record.topo.selectedLinks.push(key);
        },
        clickToolbar: function (key) {
            var b = record.topo.toolbar.filter(function (x) { return x.key === key; })[0];
            if (!b) {
                throw new Error('the toolbar has no overlay button for key ' + key);
            }
            b.cb();
        },
        // what the topology view does with each key: 'core:<action>', 'overlay' or 'unbound'
        keyTargets: function () {
            var map = tov().actionMapFake(), current = tov().currentFake(), kb = (current && current.keyBindings) || {},
                out = {};
            (kb._keyOrder || []).forEach(function (k) {
                var b = map[k], cb = Array.isArray(b) ? b[0] : b;
                if (!b) {
                    out[k] = 'unbound';
                } else if (CORE_KEYS[k] || k === 'esc') {
                    out[k] = 'core:' + (CORE_KEYS[k] || 'handleEscape');
                } else {
                    out[k] = kb[k] && cb === kb[k].cb ? 'overlay' : 'other';
                }
            });
            return out;
        },
        toolbar: function () {
            return record.topo.toolbar.map(function (b) { return {id: b.id, key: b.key, gid: b.gid, tt: b.tt}; });
        },
        clickDetailButton: function (id, data) {
            record.active.buttons[id].cb(data);
        },
        drawGlyphs: function (id) {
            var o = overlay(id), box = document.getElementById('glyphs'), sizes = {};
            Object.keys(o.glyphs || {}).forEach(function (g) {
                var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
                svg.setAttribute('viewBox', o.glyphs[g].vb);
                svg.setAttribute('width', '40');
                svg.setAttribute('height', '40');
                var path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
                path.setAttribute('d', o.glyphs[g].d);
                svg.appendChild(path);
                box.appendChild(svg);
                var bb = path.getBBox();
                sizes[g] = {w: bb.width, h: bb.height};
            });
            return sizes;
        }
    });
}());
