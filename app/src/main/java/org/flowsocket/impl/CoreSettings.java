/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ConnectionSettings;
import org.flowsocket.impl.flow.RerouteSettings;

import java.util.Dictionary;

import static com.google.common.base.MoreObjects.toStringHelper;
import static org.flowsocket.impl.OsgiPropertyConstants.*;

/**
 * FlowSocket's settings as last configured: the connection limits front
 * doors enforce and the default confirmation wait. Immutable; the component
 * replaces it as a whole on every change, so a reader sees one
 * configuration, never half of two.
 */
final class CoreSettings {

    /** The defaults, before any configuration. */
    static final CoreSettings DEFAULT = read(null);

    private final long confirmTimeoutMillis;
    private final ConnectionSettings connection;
    private final RerouteSettings reroute;

    private CoreSettings(long confirmTimeoutMillis, ConnectionSettings connection, RerouteSettings reroute) {
        this.confirmTimeoutMillis = confirmTimeoutMillis;
        this.connection = connection;
        this.reroute = reroute;
    }

    /**
     * Reads the component's properties; a missing or invalid value keeps
     * its default (and is logged).
     *
     * @param properties component properties, or null
     * @return settings
     */
    static CoreSettings read(Dictionary<?, ?> properties) {
        ConnectionSettingsReader reader = new ConnectionSettingsReader(properties);
        int idleTimeoutMs = reader.integer(IDLE_TIMEOUT_MS, IDLE_TIMEOUT_MS_DEFAULT, 1000, Integer.MAX_VALUE);
        ConnectionSettings connection = ConnectionSettings.builder()
                .maxFrameBytes(reader.integer(MAX_FRAME_BYTES, MAX_FRAME_BYTES_DEFAULT, 1024, 64 * 1024 * 1024))
                .maxSessions(reader.integer(MAX_SESSIONS, MAX_SESSIONS_DEFAULT, 1, 1_000_000))
                .maxInFlight(reader.integer(MAX_IN_FLIGHT, MAX_IN_FLIGHT_DEFAULT, 1, 1_000_000))
                .maxQueuedMessages(reader.integer(MAX_QUEUED_MESSAGES, MAX_QUEUED_MESSAGES_DEFAULT, 16, 10_000_000))
                .maxQueuedBytes(reader.integer(MAX_QUEUED_BYTES, MAX_QUEUED_BYTES_DEFAULT, 65536, Integer.MAX_VALUE))
                .maxSessionsPerUser(reader.integer(MAX_SESSIONS_PER_USER, MAX_SESSIONS_PER_USER_DEFAULT,
                                                   1, 1_000_000))
                .maxSessionsPerAddress(reader.integer(MAX_SESSIONS_PER_ADDRESS, MAX_SESSIONS_PER_ADDRESS_DEFAULT,
                                                      1, 1_000_000))
                .adminReservedSessions(reader.integer(ADMIN_RESERVED_SESSIONS, ADMIN_RESERVED_SESSIONS_DEFAULT,
                                                      0, 1_000_000))
                .handshakeTimeoutMillis(reader.integer(HANDSHAKE_TIMEOUT_MS, HANDSHAKE_TIMEOUT_MS_DEFAULT,
                                                       1000, 600_000))
                .maxFailedLoginsPerMinute(reader.integer(MAX_FAILED_LOGINS_PER_MINUTE,
                                                         MAX_FAILED_LOGINS_PER_MINUTE_DEFAULT, 0, 1_000_000))
                .idleTimeoutMillis(idleTimeoutMs)
                .pingIntervalMillis(reader.integer(PING_INTERVAL_MS, PING_INTERVAL_MS_DEFAULT, 100, idleTimeoutMs - 1))
                .allowedOrigins(ConnectionSettingsReader.origins(reader.text(ALLOWED_ORIGINS,
                                                                             ALLOWED_ORIGINS_DEFAULT)))
                .build();
        int confirmTimeoutMs = reader.integer(CONFIRM_TIMEOUT_MS, CONFIRM_TIMEOUT_MS_DEFAULT, 100, 120_000);
        RerouteSettings reroute = new RerouteSettings(
                reader.integer(REROUTE_HOLD_DOWN_MS, REROUTE_HOLD_DOWN_MS_DEFAULT, 0, 3_600_000),
                reader.integer(REROUTE_MAX_PER_MINUTE, REROUTE_MAX_PER_MINUTE_DEFAULT, 1, 1_000_000),
                confirmTimeoutMs);
        return new CoreSettings(confirmTimeoutMs, connection, reroute);
    }

    /**
     * Returns how long InstallFlow and RemoveFlow wait for the switches when
     * the request names no wait.
     *
     * @return ms
     */
    long confirmTimeoutMillis() {
        return confirmTimeoutMillis;
    }

    /**
     * Returns the limits and access rules front doors enforce.
     *
     * @return connection settings
     */
    ConnectionSettings connection() {
        return connection;
    }

    /**
     * Returns how network flows are healed.
     *
     * @return reroute settings
     */
    RerouteSettings reroute() {
        return reroute;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("confirmTimeoutMillis", confirmTimeoutMillis)
                .add("connection", connection).add("reroute", reroute).toString();
    }
}
