/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.QosFlow;

/**
 * Completes flow states: pending, installed, degraded, failed, removing.
 */
@Service
public class FlowStateCompleter extends EnumNameCompleter<QosFlow.State> {

    /** Creates the completer. */
    public FlowStateCompleter() {
        super(QosFlow.State.class);
    }
}
