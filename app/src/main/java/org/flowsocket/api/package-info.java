/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * FlowSocket's public API: the command core service that front doors use.
 */
package org.flowsocket.api;
