/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.impl.command.NodeKind;

/**
 * Completes node kinds: host, device.
 */
@Service
public class NodeKindCompleter extends EnumNameCompleter<NodeKind> {

    /** Creates the completer. */
    public NodeKindCompleter() {
        super(NodeKind.class);
    }
}
