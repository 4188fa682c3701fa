/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

/**
 * Names and defaults of FlowSocket's configurable properties
 * ({@code cfg set org.flowsocket.impl.FlowSocketManager NAME VALUE}).
 * Defaults are plain literals: ONOS's build copies their source text into
 * the component's configuration definitions.
 */
public final class OsgiPropertyConstants {

    private OsgiPropertyConstants() {
    }

    public static final String CONFIRM_TIMEOUT_MS = "confirmTimeoutMs";
    public static final int CONFIRM_TIMEOUT_MS_DEFAULT = 10000;

    public static final String MAX_FRAME_BYTES = "maxFrameBytes";
    public static final int MAX_FRAME_BYTES_DEFAULT = 1048576;

    public static final String MAX_SESSIONS = "maxSessions";
    public static final int MAX_SESSIONS_DEFAULT = 1024;

    public static final String MAX_IN_FLIGHT = "maxInFlight";
    public static final int MAX_IN_FLIGHT_DEFAULT = 256;

    public static final String MAX_QUEUED_MESSAGES = "maxQueuedMessages";
    public static final int MAX_QUEUED_MESSAGES_DEFAULT = 4096;

    public static final String MAX_QUEUED_BYTES = "maxQueuedBytes";
    public static final int MAX_QUEUED_BYTES_DEFAULT = 16777216;

    public static final String MAX_SESSIONS_PER_USER = "maxSessionsPerUser";
    public static final int MAX_SESSIONS_PER_USER_DEFAULT = 64;

    public static final String MAX_SESSIONS_PER_ADDRESS = "maxSessionsPerAddress";
    public static final int MAX_SESSIONS_PER_ADDRESS_DEFAULT = 256;

    public static final String ADMIN_RESERVED_SESSIONS = "adminReservedSessions";
    public static final int ADMIN_RESERVED_SESSIONS_DEFAULT = 16;

    public static final String HANDSHAKE_TIMEOUT_MS = "handshakeTimeoutMs";
    public static final int HANDSHAKE_TIMEOUT_MS_DEFAULT = 10000;

    public static final String MAX_FAILED_LOGINS_PER_MINUTE = "maxFailedLoginsPerMinute";
    public static final int MAX_FAILED_LOGINS_PER_MINUTE_DEFAULT = 0;

    public static final String IDLE_TIMEOUT_MS = "idleTimeoutMs";
    public static final int IDLE_TIMEOUT_MS_DEFAULT = 120000;

    public static final String PING_INTERVAL_MS = "pingIntervalMs";
    public static final int PING_INTERVAL_MS_DEFAULT = 30000;

    public static final String ALLOWED_ORIGINS = "allowedOrigins";
    public static final String ALLOWED_ORIGINS_DEFAULT = "";

    public static final String REROUTE_HOLD_DOWN_MS = "rerouteHoldDownMs";
    public static final int REROUTE_HOLD_DOWN_MS_DEFAULT = 2000;

    public static final String REROUTE_MAX_PER_MINUTE = "rerouteMaxPerMinute";
    public static final int REROUTE_MAX_PER_MINUTE_DEFAULT = 6;

    public static final String GUI_ROLE = "guiRole";
    public static final String GUI_ROLE_DEFAULT = "admin";
}
