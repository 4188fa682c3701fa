/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// The hook every browser suite's FlowSocket frames pass through (contract.mjs):
// messages as docs/protocol.md shows them keep the contract; deliberately wrong
// ones break it, with the reason and the schema path.

import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {ContractMonitor, requestViolation, serverMessageViolation} from './contract.mjs';

const HANDLE = {
    flowId: 'fs-7', kind: 'network', state: 'INSTALLED', owner: 'onos', createdAt: 1795640000000,
    spec: {src: '10.0.0.1', dst: '10.0.0.3', protocol: 'udp', dstPort: 5060, class: 'voice', priority: 50000,
           qos: {dscp: 46, queue: 2, meterKbps: 512}, bidirectional: true, timeout: 0, reroute: true},
    rules: [{deviceId: 'of:0000000000000001', flowId: '562950960467285'}],
    path: [{deviceId: 'of:0000000000000001', inPort: '1', outPort: '2'}],
    meters: [{deviceId: 'of:0000000000000001', meterId: 1, state: 'ADDED'}],
};

describe('the protocol contract in the browser suites', () => {
    it('lets documented messages pass', () => {
        assert.equal(serverMessageViolation({kind: 'reply', id: 'q1', type: 'InstallFlow', status: 'ok',
                                             result: HANDLE}), null);
        assert.equal(serverMessageViolation({kind: 'event', topic: 'flows', event: 'FLOW_REMOVED', time: 1,
                                             data: {flowId: 'fs-7'}, seq: 1}), null);
        assert.equal(requestViolation({type: 'InstallFlow', id: 'q1', network: {src: '10.0.0.1', dst: '10.0.0.3',
                                       protocol: 'udp', dstPort: 5060, class: 'voice'}}), null);
    });

    it('refuses wrong messages with the reason and the schema path', () => {
        const why = serverMessageViolation({kind: 'event', topic: 'flows', event: 'FLOW_REMOVED', time: 1,
                                            data: {flowId: 'fs-7'}, seq: 1, id: 3});
        assert.match(why, /must NOT have additional properties/);
        assert.match(why, /schema path #\//);
        assert.match(serverMessageViolation({kind: 'reply', id: 1, type: 'InstallFlow', status: 'ok',
                                             result: {...HANDLE, state: 'SORT_OF'}}), /state/);
        assert.match(serverMessageViolation({kind: 'reply', id: 1, type: 'GetFlow', status: 'error',
                                             error: {code: 'NOT_A_CODE', message: 'x'}}), /code/);
        assert.match(requestViolation({type: 'InstallFlow', id: 'x', network: {src: '10.0.0.1', dst: '10.0.0.3',
                                       class: 'platinum'}}), /class/);
    });

    it('reports an ok reply to a request the contract refuses', () => {
        const reported = [];
        const monitor = new ContractMonitor((why) => reported.push(why));
        monitor.sent(JSON.stringify({type: 'ListFlows', id: 'a', state: 'SOMEHOW'}));
        monitor.received(JSON.stringify({kind: 'reply', id: 'a', type: 'ListFlows', status: 'error',
                                         error: {code: 'INVALID_FIELD', message: 'no such state', field: 'state'}}));
        assert.deepEqual(reported, []);
        monitor.sent(JSON.stringify({type: 'ListFlows', id: 'b', state: 'SOMEHOW'}));
        monitor.received(JSON.stringify({kind: 'reply', id: 'b', type: 'ListFlows', status: 'ok',
                                         result: {flows: []}}));
        assert.equal(reported.length, 1);
        assert.match(reported[0], /^the server accepted a request the contract refuses/);
        monitor.received('{nope');
        assert.match(reported[1], /^not JSON from the server/);
    });

    it('reports an ok result of a Batch item the contract refuses', () => {
        const reported = [];
        const monitor = new ContractMonitor((why) => reported.push(why));
        const unknown = {id: 0, type: 'GetFlow', status: 'error',
                         error: {code: 'UNKNOWN_FLOW', message: 'no flow has id fs-1', flowId: 'fs-1'}};
        const batch = JSON.stringify({type: 'Batch', id: 'b', requests: [{type: 'GetFlow', flowId: 'fs-1'},
                                                                         {type: 'ListFlows', state: 'SOMEHOW'}]});
        monitor.sent(batch);
        monitor.received(JSON.stringify({kind: 'reply', id: 'b', type: 'Batch', status: 'ok', result: {
            count: 2, failed: 2, results: [unknown, {id: 1, type: 'ListFlows', status: 'error',
                                                     error: {code: 'INVALID_FIELD', message: 'x', field: 'state'}}]}}));
        assert.deepEqual(reported, []);
        monitor.sent(batch);
        monitor.received(JSON.stringify({kind: 'reply', id: 'b', type: 'Batch', status: 'ok', result: {
            count: 2, failed: 1, results: [unknown, {id: 1, type: 'ListFlows', status: 'ok', result: {flows: []}}]}}));
        assert.equal(reported.length, 1);
        assert.match(reported[0], /^the server accepted Batch item 1/);
    });
});
