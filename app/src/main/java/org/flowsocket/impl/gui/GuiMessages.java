/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

/**
 * The messages between the overlay's JavaScript (fsTopovOverlay.js) and its
 * message handler, by their event names.
 */
final class GuiMessages {

    // From the GUI.
    static final String INSTALL_FLOW = "fsInstallFlow";
    static final String SHOW_FLOW = "fsShowFlow";
    static final String REMOVE_FLOW = "fsRemoveFlow";
    static final String LIST_FLOWS = "fsListFlows";
    static final String SHOW_NODE_FLOWS = "fsShowNodeFlows";
    static final String CLEAR = "fsClear";

    // To the GUI.
    static final String FLOW_INSTALLED = "fsFlowInstalled";
    static final String FLOW_SHOWN = "fsFlowShown";
    static final String FLOW_REMOVED = "fsFlowRemoved";
    static final String FLOWS = "fsFlows";
    static final String NODE_FLOWS_SHOWN = "fsNodeFlowsShown";
    static final String FLOW_EVENT = "fsFlowEvent";
    static final String ERROR = "fsError";

    private GuiMessages() {
    }
}
