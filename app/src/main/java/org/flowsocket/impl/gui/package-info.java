/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * FlowSocket in ONOS's GUI: a topology overlay whose requests call the same
 * Java services as the WebSocket's commands.
 */
package org.flowsocket.impl.gui;
