/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * FlowSocket's WebSocket front door: a Jetty 9.4 WebSocket servlet that
 * authenticates the handshake, checks its origin and carries text frames
 * between clients and the command core. It holds no ONOS logic.
 */
package org.flowsocket.web;
