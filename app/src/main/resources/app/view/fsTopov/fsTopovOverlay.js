/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 FlowSocket topology overlay -- the overlay definition: toolbar buttons and
 keys, detail panel button, selection hooks. The logic is in
 fsTopovService.js.
 */

(function () {
    'use strict';

    var $log, tov, fts;

    var overlay = {
        // the same id as FlowSocketTopoOverlay.OVERLAY_ID
        overlayId: 'flowsocket-overlay',
        glyphId: '*fsLogo',
        tooltip: 'FlowSocket QoS flows',

        glyphs: {
            fsLogo: {
                vb: '0 0 110 110',
                d: 'M15,30h50l-12,-12h14l18,19l-18,19h-14l12,-12h-50z' +
                   'M95,80h-50l12,12h-14l-18,-19l18,-19h14l-12,12h50z'
            },
            fsInstall: {
                vb: '0 0 110 110',
                d: 'M45,15h20v30h30v20h-30v30h-20v-30h-30v-20h30z'
            },
            fsPath: {
                vb: '0 0 110 110',
                d: 'M10,80a10,10 0 1,0 20,0a10,10 0 1,0 -20,0z' +
                   'M45,30a10,10 0 1,0 20,0a10,10 0 1,0 -20,0z' +
                   'M80,80a10,10 0 1,0 20,0a10,10 0 1,0 -20,0z' +
                   'M22,74l26,-38l6,4l-26,38zM62,36l26,38l-6,4l-26,-38z'
            }
        },

        activate: function () {
            fts.start();
            $log.debug('FlowSocket overlay activated');
        },
        deactivate: function () {
            fts.stop();
            $log.debug('FlowSocket overlay deactivated');
        },

        // detail panel buttons, added by the server's FlowSocketTopoOverlay
        buttons: {
            fsShowNodeFlows: {
                gid: '*fsPath',
                tt: 'Highlight the FlowSocket flows through this node',
                cb: function (data) {
                    fts.showNodeFlows(data.id);
                }
            }
        },

        // Keys the topology view leaves to overlays. ONOS 2.5-2.7's topo.js
        // ignores an overlay key it binds itself (I O D H M P B G S X Z N L U
        // R E, dash, dot, F1-F5, esc), topoToolbar.js gives no button to T,
        // X, slash, backSlash or its own keys, and keys.js keeps T, slash,
        // backSlash and esc global.
        keyBindings: {
            V: {
                cb: function () { fts.openInstallDialog(); },
                tt: 'Install a QoS flow between the two selected hosts',
                gid: '*fsInstall'
            },
            F: {
                cb: function () { fts.showNextFlow(); },
                tt: 'Show the next FlowSocket flow\'s path',
                gid: '*fsPath'
            },
            K: {
                cb: function () { fts.removeShownFlow(); },
                tt: 'Remove the FlowSocket flow shown',
                gid: 'xMark'
            },
            0: {
                cb: function () { fts.clear(); },
                tt: 'Clear the FlowSocket highlights',
                gid: 'checkMark'
            },
            _keyOrder: ['V', 'F', 'K', '0']
        },

        hooks: {
            // topo.js handleEscape() stops at the first step that returns
            // true; returning false when nothing is highlighted lets Esc go
            // on to deselect the nodes, hide the panels.
            escape: function () {
                return fts.clearIfHighlighted();
            },
            empty: function () {
                fts.setSelection([]);
            },
            single: function (data) {
                fts.setSelection([data]);
            },
            multi: function (selectOrder) {
                fts.setSelection(selectOrder);
            }
        }
    };

    angular.module('ovFsTopov')
        .run(['$log', 'TopoOverlayService', 'FlowSocketTopovService',

        function (_$log_, _tov_, _fts_) {
            $log = _$log_;
            tov = _tov_;
            fts = _fts_;
            tov.register(overlay);
        }]);
}());
