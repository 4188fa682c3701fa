/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import java.util.Objects;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Who a client is and through which front door it came in.
 */
public final class ClientIdentity {

    private final String user;
    private final Role role;
    private final String remoteAddress;
    private final String transport;

    private ClientIdentity(Builder builder) {
        this.user = checkNotNull(builder.user, "user");
        this.role = checkNotNull(builder.role, "role");
        this.remoteAddress = builder.remoteAddress == null ? "" : builder.remoteAddress;
        this.transport = checkNotNull(builder.transport, "transport");
    }

    /**
     * Returns the authenticated user name.
     *
     * @return user name
     */
    public String user() {
        return user;
    }

    /**
     * Returns the user's role.
     *
     * @return role
     */
    public Role role() {
        return role;
    }

    /**
     * Returns the client's address as the transport saw it.
     *
     * @return remote address, or empty when not applicable
     */
    public String remoteAddress() {
        return remoteAddress;
    }

    /**
     * Returns the front door the client used, such as "websocket" or "cli".
     *
     * @return transport name
     */
    public String transport() {
        return transport;
    }

    /**
     * Returns a new builder.
     *
     * @return builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ClientIdentity)) {
            return false;
        }
        ClientIdentity that = (ClientIdentity) o;
        return user.equals(that.user) && role == that.role
                && remoteAddress.equals(that.remoteAddress) && transport.equals(that.transport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(user, role, remoteAddress, transport);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("user", user).add("role", role)
                .add("remote", remoteAddress).add("transport", transport).toString();
    }

    /**
     * Builder of client identities.
     */
    public static final class Builder {
        private String user;
        private Role role = Role.VIEWER;
        private String remoteAddress;
        private String transport;

        private Builder() {
        }

        /**
         * Sets the user name.
         *
         * @param user user name
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * Sets the role.
         *
         * @param role role
         * @return this builder
         */
        public Builder role(Role role) {
            this.role = role;
            return this;
        }

        /**
         * Sets the remote address.
         *
         * @param remoteAddress address as text
         * @return this builder
         */
        public Builder remoteAddress(String remoteAddress) {
            this.remoteAddress = remoteAddress;
            return this;
        }

        /**
         * Sets the front door name.
         *
         * @param transport transport name
         * @return this builder
         */
        public Builder transport(String transport) {
            this.transport = transport;
            return this;
        }

        /**
         * Builds the identity.
         *
         * @return client identity
         */
        public ClientIdentity build() {
            return new ClientIdentity(this);
        }
    }
}
