/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.TrafficClass;

/**
 * Completes traffic class names: voice, video, critical, best-effort, bulk.
 */
@Service
public class TrafficClassCompleter extends EnumNameCompleter<TrafficClass> {

    /** Creates the completer. */
    public TrafficClassCompleter() {
        super(TrafficClass.class);
    }
}
