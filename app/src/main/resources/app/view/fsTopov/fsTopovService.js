/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 FlowSocket topology overlay -- the logic. Talks to the overlay's server side
 (FlowSocketTopoMessageHandler) over the GUI's web socket; the server turns
 each request into FlowSocket protocol requests and answers with events and
 topology highlights.
 */

(function () {
    'use strict';

    // injected services
    var $log, flash, wss, ds;

    // GUI events sent to the server
    var INSTALL = 'fsInstallFlow',
        SHOW = 'fsShowFlow',
        REMOVE = 'fsRemoveFlow',
        LIST = 'fsListFlows',
        SHOW_NODE = 'fsShowNodeFlows',
        CLEAR = 'fsClear';

    var CLASSES = ['voice', 'video', 'critical', 'best-effort', 'bulk'],
        DIALOG_ID = 'fs-install-dialog';

    // state
    var selectedHosts = [],
        flows = [],
        shownFlow = null,
        // whether the server highlights something of ours on the topology
        highlighted = false,
        lastClass = 'voice',
        handlers = null;

    function hostIdOf(item) {
        var id = item && typeof item === 'object' ? item.id : item;
        // host ids are mac/vlan; device ids carry no slash
        return typeof id === 'string' && id.indexOf('/') > 0 ? id : null;
    }

    function describeError(p) {
        return p.code + ': ' + p.message + (p.field ? ' (field ' + p.field + ')' : '');
    }

    // --- server events ----------------------------------------------------

    function onInstalled(handle) {
        shownFlow = handle.flowId;
        flash.flash(handle.flowId + ' ' + handle.state + ': ' + handle.rules.length + ' rule(s)');
        requestFlows();
    }

    function onShown(p) {
        shownFlow = p.flowId;
        highlighted = true;
        flash.flash(p.flowId + ' ' + p.summary + ' — ' + p.devices.length + ' switch(es)');
    }

    // the server clears the highlights when they showed the flow removed
    function forgetShown(flowId) {
        if (shownFlow === flowId) {
            shownFlow = null;
            highlighted = false;
        }
    }

    function onRemoved(handle) {
        forgetShown(handle.flowId);
        flash.flash(handle.flowId + ' ' + handle.state);
        requestFlows();
    }

    function onFlows(p) {
        flows = (p.flows || []).map(function (f) { return f.flowId; });
    }

    function onNodeFlows(p) {
        highlighted = p.flows.length > 0;
        flash.flash(p.flows.length ? 'FlowSocket flows through ' + p.id + ': ' + p.flows.join(', ')
            : 'No FlowSocket flow goes through ' + p.id);
    }

    function onFlowEvent(p) {
        if (p.flowId === shownFlow) {
            flash.flash(p.flowId + ' ' + (p.state || p.event) + (p.reason ? ' (' + p.reason + ')' : ''));
        }
        if (p.event === 'FLOW_REMOVED') {
            flows = flows.filter(function (id) { return id !== p.flowId; });
            forgetShown(p.flowId);
        } else if (flows.indexOf(p.flowId) < 0) {
            flows.push(p.flowId);
        }
    }

    function onError(p) {
        $log.warn('FlowSocket:', p.request, describeError(p));
        flash.flash(describeError(p));
    }

    // --- API ----------------------------------------------------------------

    function start() {
        if (!handlers) {
            handlers = {
                fsFlowInstalled: onInstalled,
                fsFlowShown: onShown,
                fsFlowRemoved: onRemoved,
                fsFlows: onFlows,
                fsNodeFlowsShown: onNodeFlows,
                fsFlowEvent: onFlowEvent,
                fsError: onError
            };
            wss.bindHandlers(handlers);
        }
        requestFlows();
    }

    function stop() {
        clear();
        if (handlers) {
            wss.unbindHandlers(handlers);
            handlers = null;
        }
        selectedHosts = [];
    }

    function requestFlows() {
        wss.sendEvent(LIST, {});
    }

    function setSelection(items) {
        selectedHosts = (items || []).map(hostIdOf).filter(function (id) { return id; });
    }

    function installFlow(options) {
        if (selectedHosts.length !== 2) {
            flash.flash('Select two hosts first (shift-click the second)');
            return false;
        }
        var payload = {src: selectedHosts[0], dst: selectedHosts[1]};
        Object.keys(options || {}).forEach(function (k) {
            if (options[k] !== undefined && options[k] !== '') {
                payload[k] = options[k];
            }
        });
        wss.sendEvent(INSTALL, payload);
        flash.flash('Installing a ' + (payload['class'] || 'best-effort') + ' flow ' + payload.src + ' → ' + payload.dst);
        return true;
    }

    function field(parent, label, control) {
        var l = document.createElement('label'),
            s = document.createElement('span');
        s.textContent = label;
        l.appendChild(s);
        l.appendChild(control);
        parent.appendChild(l);
        return control;
    }

    function openInstallDialog() {
        if (selectedHosts.length !== 2) {
            flash.flash('Select two hosts first (shift-click the second)');
            return;
        }
        var content = ds.createDiv(DIALOG_ID),
            el = content.node(),
            ends = document.createElement('div'),
            cls = document.createElement('select'),
            prio = document.createElement('input'),
            both = document.createElement('input');

        ends.className = 'fs-ends';
        ends.textContent = selectedHosts[0] + ' → ' + selectedHosts[1];
        el.appendChild(ends);
        CLASSES.forEach(function (c) {
            var o = document.createElement('option');
            o.value = c;
            o.textContent = c;
            cls.appendChild(o);
        });
        cls.value = lastClass;
        cls.name = 'class';
        field(el, 'Class', cls);
        prio.type = 'number';
        prio.name = 'priority';
        prio.placeholder = 'class default';
        field(el, 'Priority', prio);
        both.type = 'checkbox';
        both.name = 'bidirectional';
        both.checked = true;
        field(el, 'Both ways', both);

        ds.openDialog(DIALOG_ID, {edge: 'right'})
            .setTitle('Install a FlowSocket QoS flow')
            .addContent(content)
            .addOk(function () {
                lastClass = cls.value;
                installFlow({
                    'class': cls.value,
                    priority: prio.value === '' ? undefined : Number(prio.value),
                    bidirectional: both.checked
                });
            }, 'Install')
            .addCancel()
            .bindKeys();
    }

    function showFlow(flowId) {
        wss.sendEvent(SHOW, {flowId: flowId});
    }

    // cycles through FlowSocket's flows, highlighting each one's path
    function showNextFlow() {
        if (!flows.length) {
            flash.flash('No FlowSocket flows');
            requestFlows();
            return;
        }
        var i = flows.indexOf(shownFlow);
        showFlow(flows[(i + 1) % flows.length]);
    }

    function removeShownFlow() {
        if (!shownFlow) {
            flash.flash('Show a flow first');
            return;
        }
        wss.sendEvent(REMOVE, {flowId: shownFlow});
    }

    function showNodeFlows(nodeId) {
        shownFlow = null;
        wss.sendEvent(SHOW_NODE, {id: nodeId});
    }

    // clears the highlights; true if there were some
    function clear() {
        var cleared = highlighted;
        wss.sendEvent(CLEAR, {});
        shownFlow = null;
        highlighted = false;
        return cleared;
    }

    // for Esc: clears only what is there, and says whether it did
    function clearIfHighlighted() {
        return highlighted ? clear() : false;
    }

    angular.module('ovFsTopov', [])
        .factory('FlowSocketTopovService',
            ['$log', 'FlashService', 'WebSocketService', 'DialogService',

            function (_$log_, _flash_, _wss_, _ds_) {
                $log = _$log_;
                flash = _flash_;
                wss = _wss_;
                ds = _ds_;

                return {
                    start: start,
                    stop: stop,
                    setSelection: setSelection,
                    installFlow: installFlow,
                    openInstallDialog: openInstallDialog,
                    showFlow: showFlow,
                    showNextFlow: showNextFlow,
                    removeShownFlow: removeShownFlow,
                    showNodeFlows: showNodeFlows,
                    clear: clear,
                    clearIfHighlighted: clearIfHighlighted,
                    shownFlow: function () { return shownFlow; },
                    flows: function () { return flows.slice(); },
                    selectedHosts: function () { return selectedHosts.slice(); }
                };
            }]);
}());
