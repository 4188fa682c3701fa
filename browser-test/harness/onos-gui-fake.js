/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 A minimal stand-in for the parts of ONOS's classic (AngularJS 1.x) GUI that
 FlowSocket's topology overlay uses, so that its scripts load and run in a
 plain page: angular.module/factory/run with array-annotated injection, and
 fakes of $log, FlashService, WebSocketService, DialogService and
 TopoOverlayService that record what the overlay does. Written for the
 tests from the services' documented behaviour; no ONOS code.
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
        log: [], flashes: [], sent: [], handlers: {}, overlays: [], dialogs: [], active: null
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

    fake.factory('DialogService', [function () {
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
        function openDialog(id, opts) {
            var panel = document.getElementById('dialog');
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
                addOk: function (cb, text) { return button(cb, text || 'OK', 'ok'); },
                addCancel: function (cb, text) { return button(cb, text || 'Cancel', 'cancel'); },
                addButton: function (cb, text) { return button(cb, text, 'button'); },
                bindKeys: function () { d.keysBound = true; return api; }
            };
            function button(cb, text, kind) {
                var b = document.createElement('button');
                b.textContent = text;
                b.dataset.kind = kind;
                b.addEventListener('click', function () {
                    if (cb) {
                        cb();
                    }
                    panel.hidden = true;
                    open = null;
                });
                panel.appendChild(b);
                d.buttons.push({kind: kind, text: text});
                return api;
            }
            return api;
        }
        return {
            openDialog: openDialog,
            closeDialog: function () {
                document.getElementById('dialog').hidden = true;
                open = null;
            },
            createDiv: createDiv,
            isOpenFake: function () { return open !== null; }
        };
    }]);

    // Checks an overlay as the topology view would before it uses it.
    var RESERVED_KEYS = ['T', 'R'];
    var CORE_GLYPHS = ['xMark', 'checkMark', 'chain', 'crown', 'switch', 'endstation', 'bird', 'flows'];

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

    fake.factory('TopoOverlayService', [function () {
        function register(overlay) {
            if (!overlay || typeof overlay.overlayId !== 'string' || !overlay.overlayId) {
                throw new Error('an overlay needs an overlayId');
            }
            if (record.overlays.some(function (o) { return o.overlayId === overlay.overlayId; })) {
                throw new Error('overlay ' + overlay.overlayId + ' is registered twice');
            }
            checkGlyph(overlay, overlay.glyphId, 'overlay');
            Object.keys(overlay.glyphs || {}).forEach(function (g) {
                var glyph = overlay.glyphs[g];
                if (!glyph.vb || !glyph.d) {
                    throw new Error('glyph ' + g + ' needs vb and d');
                }
            });
            var kb = overlay.keyBindings || {};
            (kb._keyOrder || []).forEach(function (k) {
                if (!kb[k]) {
                    throw new Error('_keyOrder names key ' + k + ' that has no binding');
                }
            });
            Object.keys(kb).filter(function (k) { return k !== '_keyOrder'; }).forEach(function (k) {
                if (RESERVED_KEYS.indexOf(k) >= 0) {
                    throw new Error('key ' + k + ' is reserved by the topology view');
                }
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
            record.overlays.push(overlay);
        }
        return {register: register};
    }]);

    // ---------------------------------------------------------------- test API

    function overlay(id) {
        var o = record.overlays.filter(function (x) { return x.overlayId === id; })[0];
        if (!o) {
            throw new Error('no overlay ' + id + ' registered');
        }
        return o;
    }

    window.gui = {
        boot: function () { return angular.bootstrapFake(); },
        activate: function (id) {
            var o = overlay(id);
            record.active = o;
            if (o.activate) {
                o.activate();
            }
        },
        deactivate: function () {
            var o = record.active;
            record.active = null;
            if (o && o.deactivate) {
                o.deactivate();
            }
        },
        pressKey: function (key) {
            var kb = record.active.keyBindings[key];
            if (!kb) {
                throw new Error('no binding for key ' + key);
            }
            kb.cb();
        },
        clickDetailButton: function (id, data) {
            record.active.buttons[id].cb(data);
        },
        hook: function (name, arg) {
            var h = record.active.hooks && record.active.hooks[name];
            return h ? h(arg) : undefined;
        },
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
        },
        record: record
    };
}());
