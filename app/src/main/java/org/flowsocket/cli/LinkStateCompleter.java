/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.onosproject.net.Link;

/**
 * Completes link states: active, inactive.
 */
@Service
public class LinkStateCompleter extends EnumNameCompleter<Link.State> {

    /** Creates the completer. */
    public LinkStateCompleter() {
        super(Link.State.class);
    }
}
