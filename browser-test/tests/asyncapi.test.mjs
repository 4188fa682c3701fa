/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

// docs/asyncapi.yaml, read by AsyncAPI's own parser: valid AsyncAPI 3.0, its
// payloads resolve to the schemas of docs/schema/, and it names every command
// and topic those schemas know.

import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Parser, fromFile} from '@asyncapi/parser';
import {SCHEMA_DIR} from './contract.mjs';

const DOCUMENT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'asyncapi.yaml');
const common = JSON.parse(readFileSync(join(SCHEMA_DIR, 'common.json'), 'utf8')).definitions;

// A payload of the multi-format schema object holds the JSON Schema in schema.
function schemaOf(message) {
    const json = message.payload().json();
    return json.schema ?? json;
}

// The constant a request schema gives a property, also in its if/then/else branches.
function constOf(schema, property) {
    return [schema, schema.then, schema.else].map((s) => s?.properties?.[property]?.const).find((c) => c);
}

describe('docs/asyncapi.yaml', () => {
    let document;

    it('is valid AsyncAPI for AsyncAPI\'s parser', async () => {
        const {document: parsed, diagnostics} = await fromFile(new Parser(), DOCUMENT).parse();
        const errors = diagnostics.filter((d) => d.severity === 0)
            .map((d) => `${d.message} at ${d.path.join('.')}`);
        assert.deepEqual(errors, []);
        assert.ok(parsed, 'the parser gave no document');
        document = parsed;
        assert.equal(document.version(), '3.0.0');
    });

    it('has a request, with a reply, for every command', () => {
        const operations = new Map(document.operations().all().map((o) => [o.id(), o]));
        for (const command of common.commandName.enum) {
            const operation = operations.get(command[0].toLowerCase() + command.slice(1));
            assert.ok(operation, `no operation for ${command}`);
            assert.ok(operation.isSend(), `${command} is sent by clients`);
            assert.equal(constOf(schemaOf(operation.messages().all()[0]), 'type'), command,
                         `${command}'s request schema`);
            assert.ok(operation.reply(), `${command} has a reply`);
        }
    });

    it('has an event message for every topic', () => {
        const messages = document.messages().all().map(schemaOf);
        for (const topic of common.topic.enum) {
            assert.ok(messages.some((s) => constOf(s, 'topic') === topic), `no event message of ${topic}`);
        }
    });

    it('offers the subprotocol and BASIC authentication on ONOS\'s port', () => {
        const server = document.servers().get('onos');
        assert.equal(server.protocol(), 'ws');
        assert.equal(server.pathname() + document.channels().get('flowsocket').address(), '/onos/flowsocket/ws');
        assert.match(server.host(), /:8181$/);
        assert.equal(server.security()[0].all()[0].scheme().scheme(), 'basic');
    });
});
