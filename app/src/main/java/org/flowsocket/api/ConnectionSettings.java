/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableSet;

import java.util.Set;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkArgument;

/**
 * Limits and access rules that front doors enforce on their connections.
 * Operators change them through ONOS's component configuration
 * ({@code cfg set org.flowsocket.impl.FlowSocketManager ...}).
 */
public final class ConnectionSettings {

    /** Defaults used when nothing is configured. */
    public static final ConnectionSettings DEFAULT = builder().build();

    private final int maxFrameBytes;
    private final int maxSessions;
    private final int maxInFlight;
    private final int maxQueuedMessages;
    private final int maxQueuedBytes;
    private final int maxSessionsPerUser;
    private final int maxSessionsPerAddress;
    private final int adminReservedSessions;
    private final long handshakeTimeoutMillis;
    private final int maxFailedLoginsPerMinute;
    private final long idleTimeoutMillis;
    private final long pingIntervalMillis;
    private final Set<String> allowedOrigins;

    private ConnectionSettings(Builder b) {
        checkArgument(b.maxFrameBytes >= 1024, "maxFrameBytes must be at least 1024");
        checkArgument(b.maxSessions >= 1, "maxSessions must be positive");
        checkArgument(b.maxInFlight >= 1, "maxInFlight must be positive");
        checkArgument(b.maxQueuedMessages >= 16, "maxQueuedMessages must be at least 16");
        checkArgument(b.maxQueuedBytes >= 65536, "maxQueuedBytes must be at least 65536");
        checkArgument(b.maxSessionsPerUser >= 1, "maxSessionsPerUser must be positive");
        checkArgument(b.maxSessionsPerAddress >= 1, "maxSessionsPerAddress must be positive");
        checkArgument(b.adminReservedSessions >= 0, "adminReservedSessions must not be negative");
        checkArgument(b.handshakeTimeoutMillis >= 1000, "handshakeTimeoutMillis must be at least 1000");
        checkArgument(b.maxFailedLoginsPerMinute >= 0, "maxFailedLoginsPerMinute must not be negative");
        checkArgument(b.idleTimeoutMillis >= 1000, "idleTimeoutMillis must be at least 1000");
        checkArgument(b.pingIntervalMillis >= 100 && b.pingIntervalMillis < b.idleTimeoutMillis,
                      "pingIntervalMillis must be at least 100 and below idleTimeoutMillis");
        this.maxFrameBytes = b.maxFrameBytes;
        this.maxSessions = b.maxSessions;
        this.maxInFlight = b.maxInFlight;
        this.maxQueuedMessages = b.maxQueuedMessages;
        this.maxQueuedBytes = b.maxQueuedBytes;
        this.maxSessionsPerUser = b.maxSessionsPerUser;
        this.maxSessionsPerAddress = b.maxSessionsPerAddress;
        // A reserve as large as the cap would lock every viewer out.
        this.adminReservedSessions = Math.min(b.adminReservedSessions, b.maxSessions - 1);
        this.handshakeTimeoutMillis = b.handshakeTimeoutMillis;
        this.maxFailedLoginsPerMinute = b.maxFailedLoginsPerMinute;
        this.idleTimeoutMillis = b.idleTimeoutMillis;
        this.pingIntervalMillis = b.pingIntervalMillis;
        this.allowedOrigins = ImmutableSet.copyOf(b.allowedOrigins);
    }

    /** @return largest accepted text frame, in bytes */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    /** @return most concurrent sessions on this node */
    public int maxSessions() {
        return maxSessions;
    }

    /** @return most unanswered requests per session */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** @return most outbound messages queued for a slow client before it is dropped */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /**
     * Returns the most outbound text queued for a slow client before it is
     * dropped, counted in characters of JSON text (bytes, for ASCII text),
     * including the message being written.
     *
     * @return outbound byte budget per connection
     */
    public int maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** @return most concurrent sessions of one user on this node */
    public int maxSessionsPerUser() {
        return maxSessionsPerUser;
    }

    /** @return most concurrent sessions from one remote IP address on this node */
    public int maxSessionsPerAddress() {
        return maxSessionsPerAddress;
    }

    /** @return sessions of {@link #maxSessions()} that only admins may take (at most maxSessions - 1) */
    public int adminReservedSessions() {
        return adminReservedSessions;
    }

    /** @return longest time from an accepted handshake to an open connection, in ms */
    public long handshakeTimeoutMillis() {
        return handshakeTimeoutMillis;
    }

    /**
     * Returns how many failed logins one remote address may make per minute
     * before FlowSocket refuses its requests (HTTP 429) for the rest of that
     * minute; 0 turns the limit off, as ONOS's REST API has none.
     *
     * @return failed logins per address and minute, or 0
     */
    public int maxFailedLoginsPerMinute() {
        return maxFailedLoginsPerMinute;
    }

    /** @return how long a silent connection lives, in ms */
    public long idleTimeoutMillis() {
        return idleTimeoutMillis;
    }

    /** @return how often the server pings a connection, in ms */
    public long pingIntervalMillis() {
        return pingIntervalMillis;
    }

    /**
     * Returns the origins allowed besides the server's own origin, each as
     * {@code scheme://host[:port]}; {@code *} allows any origin.
     *
     * @return allowed origins
     */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /**
     * Returns a new builder with the defaults.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("maxFrameBytes", maxFrameBytes).add("maxSessions", maxSessions)
                .add("maxInFlight", maxInFlight).add("maxQueuedMessages", maxQueuedMessages)
                .add("maxQueuedBytes", maxQueuedBytes).add("maxSessionsPerUser", maxSessionsPerUser)
                .add("maxSessionsPerAddress", maxSessionsPerAddress)
                .add("adminReservedSessions", adminReservedSessions)
                .add("handshakeTimeoutMillis", handshakeTimeoutMillis)
                .add("maxFailedLoginsPerMinute", maxFailedLoginsPerMinute)
                .add("idleTimeoutMillis", idleTimeoutMillis).add("pingIntervalMillis", pingIntervalMillis)
                .add("allowedOrigins", allowedOrigins).toString();
    }

    /**
     * Builder of connection settings.
     */
    public static final class Builder {
        private int maxFrameBytes = 1024 * 1024;
        private int maxSessions = 1024;
        private int maxInFlight = 256;
        private int maxQueuedMessages = 4096;
        private int maxQueuedBytes = 16 * 1024 * 1024;
        private int maxSessionsPerUser = 64;
        private int maxSessionsPerAddress = 256;
        private int adminReservedSessions = 16;
        private long handshakeTimeoutMillis = 10_000;
        private int maxFailedLoginsPerMinute = 0;
        private long idleTimeoutMillis = 120_000;
        private long pingIntervalMillis = 30_000;
        private Set<String> allowedOrigins = ImmutableSet.of();

        private Builder() {
        }

        /**
         * Sets the largest accepted frame.
         *
         * @param bytes size in bytes
         * @return this builder
         */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = bytes;
            return this;
        }

        /**
         * Sets the session cap.
         *
         * @param sessions number of sessions
         * @return this builder
         */
        public Builder maxSessions(int sessions) {
            this.maxSessions = sessions;
            return this;
        }

        /**
         * Sets the per-session in-flight cap.
         *
         * @param requests number of requests
         * @return this builder
         */
        public Builder maxInFlight(int requests) {
            this.maxInFlight = requests;
            return this;
        }

        /**
         * Sets the per-session outbound queue cap.
         *
         * @param messages number of messages
         * @return this builder
         */
        public Builder maxQueuedMessages(int messages) {
            this.maxQueuedMessages = messages;
            return this;
        }

        /**
         * Sets the per-session outbound byte budget.
         *
         * @param bytes characters of queued JSON text
         * @return this builder
         */
        public Builder maxQueuedBytes(int bytes) {
            this.maxQueuedBytes = bytes;
            return this;
        }

        /**
         * Sets the per-user session cap.
         *
         * @param sessions number of sessions
         * @return this builder
         */
        public Builder maxSessionsPerUser(int sessions) {
            this.maxSessionsPerUser = sessions;
            return this;
        }

        /**
         * Sets the per-address session cap.
         *
         * @param sessions number of sessions
         * @return this builder
         */
        public Builder maxSessionsPerAddress(int sessions) {
            this.maxSessionsPerAddress = sessions;
            return this;
        }

        /**
         * Sets how many sessions of the node-wide cap only admins may take.
         *
         * @param sessions number of sessions
         * @return this builder
         */
        public Builder adminReservedSessions(int sessions) {
            this.adminReservedSessions = sessions;
            return this;
        }

        /**
         * Sets the handshake timeout.
         *
         * @param millis timeout in ms
         * @return this builder
         */
        public Builder handshakeTimeoutMillis(long millis) {
            this.handshakeTimeoutMillis = millis;
            return this;
        }

        /**
         * Sets the failed-login limit per address and minute.
         *
         * @param logins failed logins, 0 for no limit
         * @return this builder
         */
        public Builder maxFailedLoginsPerMinute(int logins) {
            this.maxFailedLoginsPerMinute = logins;
            return this;
        }

        /**
         * Sets the idle timeout.
         *
         * @param millis timeout in ms
         * @return this builder
         */
        public Builder idleTimeoutMillis(long millis) {
            this.idleTimeoutMillis = millis;
            return this;
        }

        /**
         * Sets the ping interval.
         *
         * @param millis interval in ms
         * @return this builder
         */
        public Builder pingIntervalMillis(long millis) {
            this.pingIntervalMillis = millis;
            return this;
        }

        /**
         * Sets the allowed foreign origins.
         *
         * @param origins origins such as {@code https://console.example.net}
         * @return this builder
         */
        public Builder allowedOrigins(Set<String> origins) {
            this.allowedOrigins = origins;
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return settings
         * @throws IllegalArgumentException if a value is out of range
         */
        public ConnectionSettings build() {
            return new ConnectionSettings(this);
        }
    }
}
