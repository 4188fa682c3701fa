/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 A stand-in for the framework parts of ONOS's classic (AngularJS 1.x) GUI
 that FlowSocket's topology overlay uses, so that its scripts load and run in
 a plain page: angular.module/factory/run with array-annotated injection, and
 fakes of $log, FlashService, WebSocketService and DialogService that record
 what the overlay does. KeyService is onos-keys-fake.js; the topology view
 (its overlay service, keys, toolbar, selection and escape chain) is
 onos-topo-fake.js.
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
