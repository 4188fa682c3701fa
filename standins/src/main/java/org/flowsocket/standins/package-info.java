/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Pieces of ONOS's behaviour its test adapters lack, shared by every stand-in
 * of ONOS: the app's tests, the sandbox's in-memory store, the Karaf
 * container's stand-in services.
 */
package org.flowsocket.standins;
