/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * FlowSocket's Java API: confirmed QoS flows ({@link org.flowsocket.api.QosFlowService}),
 * hosts and devices ({@link org.flowsocket.api.FlowSocketNodeService}), the
 * sessions of its front doors ({@link org.flowsocket.api.FlowSocketAdminService},
 * {@link org.flowsocket.api.FlowSocketService}), their immutable value types
 * and the typed error {@link org.flowsocket.api.FlowSocketException}.
 */
package org.flowsocket.api;
