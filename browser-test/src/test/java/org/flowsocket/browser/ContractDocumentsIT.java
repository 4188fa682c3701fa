/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.browser;

import org.junit.BeforeClass;
import org.junit.Test;

import java.util.Map;

/**
 * The machine-readable contract itself: docs/asyncapi.yaml read by
 * AsyncAPI's own parser ({@code @asyncapi/parser}, pinned by
 * package-lock.json), and the ajv check the browser suites run on every
 * FlowSocket frame, given right and deliberately wrong messages. Needs no
 * sandbox and no browser.
 */
public class ContractDocumentsIT {

    @BeforeClass
    public static void installPackages() throws Exception {
        NodeTests.npmCi();
    }

    @Test
    public void asyncApiDocumentIsValid() throws Exception {
        NodeTests.run("tests/asyncapi.test.mjs", "asyncapi", "", Map.of());
    }

    @Test
    public void frameCheckCatchesWrongMessages() throws Exception {
        NodeTests.run("tests/contract.test.mjs", "contract", "", Map.of());
    }
}
