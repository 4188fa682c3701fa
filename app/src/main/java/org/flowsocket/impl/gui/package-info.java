/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * FlowSocket in ONOS's GUI: a topology overlay whose requests go through the
 * same command core as the WebSocket, in a session with transport "gui".
 */
package org.flowsocket.impl.gui;
