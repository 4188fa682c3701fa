/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.store.StoreDelegate;

/**
 * Receives the {@link QosFlowEvent}s of a {@link QosFlowStore}: the changes
 * made on any node of the cluster.
 */
public interface QosFlowStoreDelegate extends StoreDelegate<QosFlowEvent> {
}
