/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 A stand-in for the framework parts of ONOS's classic (AngularJS 1.x) GUI
 that FlowSocket's topology overlay uses, so that its scripts load and run in
 a plain page: angular.module/factory/run with array-annotated injection, and
 fakes of $log, FlashService, WebSocketService, KeyService and DialogService
 that record what the overlay does. The topology view itself (its overlay
 service, keys, toolbar, selection and escape chain) is onos-topo-fake.js.
 Where ONOS decides something the overlay depends on (which keys reach it,
 what Esc does), the fakes copy ONOS 2.5.6's web/gui/src/main/webapp/app
 code, cited at each place; those files are the same in ONOS 2.6.0 and
 2.7.0. Written for the tests; no ONOS code is loaded.
 */

(function () {
    'use strict';

    // ---------------------------------------------------------------- injector

    var modules = {}, providers = {}, instances = {}, runBlocks = [], resolving = [];

    function annotated(spec, what) {
        if (!Array.isArray(spec) || typeof spec[spec.length - 1] !== 'function') {
            throw new Error(what + ' must be array-annotated: [\'dep\', ..., function (dep, ...) {}]');
        }
        var deps = spec.slice(0, -1), fn = spec[spec.length - 1];
        if (fn.length !== deps.length) {
            throw new Error(what + ' names ' + deps.length + ' dependencies but its function takes ' + fn.length);
        }
        return {deps: deps, fn: fn};
    }

    function moduleApi(name) {
        var api = {
            name: name,
            factory: function (svc, spec) {
                if (providers[svc]) {
                    throw new Error('service ' + svc + ' is defined twice');
                }
                providers[svc] = annotated(spec, 'factory ' + svc);
                providers[svc].module = name;
                return api;
            },
            run: function (spec) {
                runBlocks.push(annotated(spec, 'run block of ' + name));
                return api;
            }
        };
        return api;
    }

    function get(svc) {
        if (Object.prototype.hasOwnProperty.call(instances, svc)) {
            return instances[svc];
        }
        var p = providers[svc];
        if (!p) {
            throw new Error('Unknown provider: ' + svc + (resolving.length ? ' <- ' + resolving.join(' <- ') : ''));
        }
        resolving.unshift(svc);
        try {
            instances[svc] = p.fn.apply(null, p.deps.map(get));
        } finally {
            resolving.shift();
        }
        return instances[svc];
    }

    window.angular = {
        module: function (name, requires) {
            if (requires !== undefined) {
                if (!Array.isArray(requires)) {
                    throw new Error('module ' + name + ': requires must be an array');
                }
                modules[name] = moduleApi(name);
            } else if (!modules[name]) {
                throw new Error('Module \'' + name + '\' is not available: load the script that defines it first');
            }
            return modules[name];
        },
        extend: function (dst) {
            for (var i = 1; i < arguments.length; i++) {
                Object.assign(dst, arguments[i]);
            }
            return dst;
        },
        // runs every run block, as AngularJS does when the app boots
        bootstrapFake: function () {
            runBlocks.forEach(function (r) {
                r.fn.apply(null, r.deps.map(get));
            });
            return runBlocks.length;
        },
        injectorFake: get
    };

    // ---------------------------------------------------------------- fakes

    var record = window.guiRecord = {
        log: [], flashes: [], sent: [], handlers: {}, overlays: [], dialogs: [], keys: [], active: null
    };

    function show(listId, text) {
        var ol = document.getElementById(listId);
        if (ol) {
            var li = document.createElement('li');
            li.textContent = text;
            ol.appendChild(li);
        }
    }

    var fake = angular.module('onosFake', []);

    fake.factory('$log', [function () {
        function logger(level) {
            return function () {
                record.log.push({level: level, args: Array.prototype.slice.call(arguments).map(String)});
            };
        }
        return {debug: logger('debug'), info: logger('info'), warn: logger('warn'), error: logger('error'),
            log: logger('log')};
    }]);

    fake.factory('FlashService', [function () {
        return {
            flash: function (msg) {
                if (typeof msg !== 'string') {
                    throw new Error('FlashService.flash takes a string, got ' + typeof msg);
                }
                record.flashes.push(msg);
                show('flashes', msg);
            }
        };
    }]);

    fake.factory('WebSocketService', [function () {
        return {
            bindHandlers: function (handlers) {
                Object.keys(handlers).forEach(function (type) {
                    if (typeof handlers[type] !== 'function') {
                        throw new Error('handler for ' + type + ' is not a function');
                    }
                    if (record.handlers[type]) {
                        throw new Error('a handler for ' + type + ' is bound already');
                    }
                    record.handlers[type] = handlers[type];
                });
            },
            unbindHandlers: function (handlers) {
                Object.keys(handlers).forEach(function (type) {
                    delete record.handlers[type];
                });
            },
            sendEvent: function (type, payload) {
                if (typeof type !== 'string') {
                    throw new Error('sendEvent needs an event type');
                }
                var copy = JSON.parse(JSON.stringify(payload === undefined ? {} : payload));
                record.sent.push({event: type, payload: copy});
                show('sent', type + ' ' + JSON.stringify(copy));
            }
        };
    }]);

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

    // As ONOS 2.5.6 fw/layer/dialog.js: OK is bound to Enter and Cancel to
    // Esc, but only once bindKeys() is called (which returns nothing); any
    // button closes the dialog and unbinds its keys.
    fake.factory('DialogService', ['KeyService', function (ks) {
        var open = null;
        function createDiv(cls) {
            var div = document.createElement('div');
            if (cls) {
                div.classList.add(cls);
            }
            return {
                node: function () { return div; },
                classed: function (c, on) { div.classList.toggle(c, on !== false); return this; }
            };
        }
        function close() {
            document.getElementById('dialog').hidden = true;
            ks.dialogKeys();
            open = null;
        }
        function openDialog(id, opts) {
            var panel = document.getElementById('dialog'), keyBindings = {};
            panel.replaceChildren();
            panel.hidden = false;
            var d = {id: id, opts: opts || {}, title: null, buttons: [], keysBound: false};
            open = d;
            record.dialogs.push(d);
            var api = {
                setTitle: function (t) {
                    d.title = t;
                    var h = document.createElement('h2');
                    h.textContent = t;
                    panel.appendChild(h);
                    return api;
                },
                addContent: function (content) {
                    if (!content || typeof content.node !== 'function') {
                        throw new Error('addContent takes a selection from createDiv');
                    }
                    panel.appendChild(content.node());
                    return api;
                },
                addOk: function (cb, text) { return button(cb, text || 'OK', 'ok', 'enter'); },
                addCancel: function (cb, text) { return button(cb, text || 'Cancel', 'cancel', 'esc'); },
                addButton: function (cb, text, key) { return button(cb, text, 'button', key); },
                bindKeys: function () {
                    d.keysBound = true;
                    ks.dialogKeys(keyBindings);
                }
            };
            function button(cb, text, kind, key) {
                var b = document.createElement('button');
                function invoke() {
                    if (cb) {
                        cb();
                    }
                    close();
                }
                b.textContent = text;
                b.dataset.kind = kind;
                b.addEventListener('click', invoke);
                if (key) {
                    keyBindings[key] = invoke;
                }
                panel.appendChild(b);
                d.buttons.push({kind: kind, text: text});
                return api;
            }
            return api;
        }
        return {
            openDialog: openDialog,
            closeDialog: function () {
                if (open) {
                    close();
                }
            },
            createDiv: createDiv,
            isOpenFake: function () { return open !== null; }
        };
    }]);

    // ---------------------------------------------------------------- test API

    window.gui = {
        boot: function () { return angular.bootstrapFake(); },
        // a message from the server, as the GUI's web socket dispatches it
        deliver: function (type, payload) {
            var h = record.handlers[type];
            if (!h) {
                throw new Error('no handler bound for ' + type);
            }
            h(payload);
        },
        clickDialog: function (kind) {
            var b = document.querySelector('#dialog button[data-kind="' + kind + '"]');
            if (!b) {
                throw new Error('the dialog has no ' + kind + ' button');
            }
            b.click();
        },
        dialogOpen: function () { return angular.injectorFake('DialogService').isOpenFake(); },
        record: record
    };
}());
