/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 A stand-in for ONOS's KeyService (classic GUI, fw/util/keys.js), the one
 place that decides which code gets a key press: global keys first (masked
 ones never reach a view), then an open dialog's keys, then the view's key
 bindings. Copied from ONOS 2.5.6 (unchanged in 2.6.0 and 2.7.0) as far as
 the topology view and its overlays meet it; the global keys' own actions
 (quick help, theme) are only recorded. Needs onos-gui-fake.js.
 */

(function () {
    'use strict';

    var record = window.guiRecord;
    var fake = angular.module('onosKeysFake', []);

    // As ONOS 2.5.6 fw/util/keys.js (KeyService): global keys are offered
    // each key first, masked global keys never reach a view, dialog keys
    // come next and take the key, then the view's key bindings.
    fake.factory('KeyService', ['$log', function ($log) {
        var handler = {
            globalKeys: {
                backSlash: 'quickHelp',
                slash: 'quickHelp',
                esc: 'escapeKey',
                T: 'toggleTheme'
            },
            maskedKeys: {slash: 1, backSlash: 1, T: 1},
            dialogKeys: {},
            viewKeys: {}
        };
        // what the global keys' own callbacks would hide (keys.js escapeKey)
        var globalState = {navShown: false, quickHelpShown: false};

        function filterMaskedKeys(map, caller) {
            Object.keys(map).forEach(function (key) {
                if (handler.maskedKeys[key]) {
                    $log.warn(caller + ': Key "' + key + '" is reserved');
                    delete map[key];
                }
            });
        }

        function callGlobal(key) {
            var name = handler.globalKeys[key];
            record.keys.push({key: key, by: 'global', action: name});
            if (name === 'escapeKey') {
                // keys.js escapeKey: ns.hideIfShown() || qhs.hideQuickHelp()
                var hid = globalState.navShown || globalState.quickHelpShown;
                globalState.navShown = false;
                globalState.quickHelpShown = false;
                return hid;
            }
            if (name === 'quickHelp') {
                globalState.quickHelpShown = true;
            }
            return true;
        }

        // keys.js keyIn(), after the key name is worked out
        function keyIn(key) {
            if (handler.globalKeys[key] && callGlobal(key)) {
                return;
            }
            var dk = handler.dialogKeys[key];
            if (typeof dk === 'function') {
                record.keys.push({key: key, by: 'dialog'});
                dk('keyev', key);
                return;
            }
            var vk = handler.viewKeys[key],
                vcb = typeof vk === 'function' ? vk : Array.isArray(vk) && typeof vk[0] === 'function' ? vk[0] : null;
            record.keys.push({key: key, by: vcb ? 'view' : 'nobody'});
            if (vcb) {
                vcb('keyev', key);
            }
        }

        // keys.js whatKey(): the key's name from the event's keyCode
        var NAMED = {8: 'delete', 9: 'tab', 13: 'enter', 16: 'shift', 27: 'esc', 32: 'space', 37: 'leftArrow',
            38: 'upArrow', 39: 'rightArrow', 40: 'downArrow', 186: 'semicolon', 187: 'equals', 188: 'comma',
            189: 'dash', 190: 'dot', 191: 'slash', 192: 'backQuote', 219: 'openBracket', 220: 'backSlash',
            221: 'closeBracket', 222: 'quote'};
        function whatKey(code) {
            if (NAMED[code]) {
                return NAMED[code];
            }
            if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90)) {
                return String.fromCharCode(code);
            }
            return code >= 112 && code <= 123 ? 'F' + (code - 111) : null;
        }

        // keys.js installOn(body): keydown -> keyIn, with its modifier names,
        // and keys typed into text fields are the field's, except Enter and Esc
        document.addEventListener('keydown', function (event) {
            var key = whatKey(event.keyCode), modifiers = [], t = event.target.tagName.toLowerCase();
            if (!key) {
                return;
            }
            if (event.metaKey) {
                modifiers.push('cmd');
            }
            if (event.altKey) {
                modifiers.push('alt');
            }
            if (event.shiftKey) {
                modifiers.push('shift');
            }
            modifiers.push(key);
            key = modifiers.join('-');
            if (key !== 'enter' && key !== 'esc' && (t === 'input' || t === 'textarea')) {
                return;
            }
            event.stopPropagation();
            keyIn(key);
        });

        return {
            keyBindings: function (map) {
                if (map === undefined) {
                    return {globalKeys: Object.keys(handler.globalKeys), maskedKeys: Object.keys(handler.maskedKeys),
                        viewKeys: Object.keys(handler.viewKeys)};
                }
                filterMaskedKeys(map, 'setKeyBindings()');
                handler.viewKeys = map;
            },
            unbindKeys: function () {
                handler.viewKeys = {};
            },
            dialogKeys: function (map) {
                if (map === undefined) {
                    handler.dialogKeys = {};
                } else {
                    filterMaskedKeys(map, 'bindDialogKeys()');
                    handler.dialogKeys = map;
                }
            },
            // keys.js checkNotGlobal: deletes reserved global keys from the object
            checkNotGlobal: function (o) {
                var oops = Object.keys(o || {}).filter(function (k) { return handler.globalKeys[k]; });
                if (oops.length) {
                    $log.warn('Ignoring reserved global key(s):', oops.join(','));
                    oops.forEach(function (k) { delete o[k]; });
                }
            },
            keyInFake: keyIn,
            globalStateFake: globalState
        };
    }]);
}());
