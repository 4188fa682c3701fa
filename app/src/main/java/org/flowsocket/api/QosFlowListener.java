/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.event.EventListener;

/**
 * Listener of {@link QosFlowEvent}s.
 */
public interface QosFlowListener extends EventListener<QosFlowEvent> {
}
