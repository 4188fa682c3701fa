/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.Optional;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What to install as one QoS flow: either a {@link NetworkFlowSpec} (FlowSocket
 * computes the path and a rule per hop) or ONOS flow rules given device by
 * device; who owns it; and how long to wait for the switches.
 */
public final class QosFlowRequest {

    /** Longest confirmation wait a caller may ask for, ms. */
    public static final long MAX_TIMEOUT_MILLIS = 120_000;

    private final NetworkFlowSpec network;
    private final List<FlowRule> rules;
    private final String owner;
    private final boolean confirm;
    private final long timeoutMillis;

    private QosFlowRequest(Builder b) {
        this.network = b.network;
        this.rules = b.rules;
        this.owner = b.owner;
        this.confirm = b.confirm;
        this.timeoutMillis = b.timeoutMillis;
    }

    /**
     * Returns the network flow to install, if this is a network request.
     *
     * @return the spec, or empty for a request of rules
     */
    public Optional<NetworkFlowSpec> network() {
        return Optional.ofNullable(network);
    }

    /**
     * Returns the rules to install, for a request of rules.
     *
     * @return rules, empty for a network request
     */
    public List<FlowRule> rules() {
        return rules;
    }

    /**
     * Returns who owns the flow, e.g. a user or an application name.
     *
     * @return owner
     */
    public String owner() {
        return owner;
    }

    /**
     * Tells whether the install future waits for the switches' confirmation;
     * if not, it completes with the PENDING flow as soon as it is stored.
     *
     * @return true to wait
     */
    public boolean confirm() {
        return confirm;
    }

    /**
     * Returns how long to wait for the switches.
     *
     * @return ms, or 0 for the configured default
     */
    public long timeoutMillis() {
        return timeoutMillis;
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
    public String toString() {
        return toStringHelper(this).add("network", network).add("rules", rules.size()).add("owner", owner)
                .add("confirm", confirm).add("timeoutMillis", timeoutMillis).toString();
    }

    /**
     * Builder of QoS flow requests.
     */
    public static final class Builder {
        private NetworkFlowSpec network;
        private List<FlowRule> rules = ImmutableList.of();
        private String owner;
        private boolean confirm = true;
        private long timeoutMillis;

        private Builder() {
        }

        /**
         * Asks for a network flow.
         *
         * @param spec the flow between two hosts
         * @return this builder
         */
        public Builder network(NetworkFlowSpec spec) {
            this.network = checkNotNull(spec, "spec");
            return this;
        }

        /**
         * Asks for ONOS flow rules. Their application id is replaced by
         * FlowSocket's, so that the flow can track them.
         *
         * @param rules at least one rule
         * @return this builder
         */
        public Builder rules(List<FlowRule> rules) {
            this.rules = ImmutableList.copyOf(rules);
            return this;
        }

        /**
         * Sets the owner.
         *
         * @param owner user or application name
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Sets whether the future waits for the switches (the default).
         *
         * @param confirm true to wait
         * @return this builder
         */
        public Builder confirm(boolean confirm) {
            this.confirm = confirm;
            return this;
        }

        /**
         * Sets how long to wait for the switches.
         *
         * @param millis 100 to {@value #MAX_TIMEOUT_MILLIS} ms, or 0 for the configured default
         * @return this builder
         */
        public Builder timeoutMillis(long millis) {
            this.timeoutMillis = millis;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return request
         * @throws FlowSocketException naming the field ({@code owner},
         *         {@code network}, {@code rules}, {@code timeoutMillis}) if the
         *         request lacks one or has an invalid one
         */
        public QosFlowRequest build() {
            if (owner == null) {
                throw FlowSocketException.missing("owner");
            }
            if (network == null && rules.isEmpty()) {
                throw FlowSocketException.missing("network");
            }
            if (network != null && !rules.isEmpty()) {
                throw FlowSocketException.invalid("rules", "cannot be given with a network flow");
            }
            checkTimeout(timeoutMillis);
            return new QosFlowRequest(this);
        }
    }

    /**
     * Checks how long a caller asks to wait for the switches.
     *
     * @param millis 0 for the configured default, or 100 to {@value #MAX_TIMEOUT_MILLIS} ms
     * @throws FlowSocketException with code {@link ErrorCode#INVALID_FIELD} and
     *         field {@code timeoutMillis} if it is out of range
     */
    public static void checkTimeout(long millis) {
        if (millis != 0 && (millis < 100 || millis > MAX_TIMEOUT_MILLIS)) {
            throw FlowSocketException.invalid("timeoutMillis", "must be 0 or from 100 to " + MAX_TIMEOUT_MILLIS
                    + ", not " + millis);
        }
    }
}
