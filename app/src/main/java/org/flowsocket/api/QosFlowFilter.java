/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.net.DeviceId;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * Which QoS flows to list: every given criterion must hold.
 */
public final class QosFlowFilter implements Predicate<QosFlow> {

    /** A filter every flow passes. */
    public static final QosFlowFilter ALL = builder().build();

    private final String owner;
    private final QosFlow.State state;
    private final DeviceId deviceId;

    private QosFlowFilter(Builder b) {
        this.owner = b.owner;
        this.state = b.state;
        this.deviceId = b.deviceId;
    }

    /**
     * Returns the owner a flow must have.
     *
     * @return owner, or empty for any
     */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /**
     * Returns the state a flow must be in.
     *
     * @return state, or empty for any
     */
    public Optional<QosFlow.State> state() {
        return Optional.ofNullable(state);
    }

    /**
     * Returns the device a flow must have a rule on.
     *
     * @return device, or empty for any
     */
    public Optional<DeviceId> deviceId() {
        return Optional.ofNullable(deviceId);
    }

    @Override
    public boolean test(QosFlow flow) {
        return (owner == null || owner.equals(flow.owner())) && (state == null || state == flow.state())
                && (deviceId == null || flow.touches(deviceId));
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
        if (!(o instanceof QosFlowFilter)) {
            return false;
        }
        QosFlowFilter that = (QosFlowFilter) o;
        return Objects.equals(owner, that.owner) && state == that.state && Objects.equals(deviceId, that.deviceId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, state, deviceId);
    }

    @Override
    public String toString() {
        return toStringHelper(this).omitNullValues().add("owner", owner).add("state", state)
                .add("deviceId", deviceId).toString();
    }

    /**
     * Builder of filters.
     */
    public static final class Builder {
        private String owner;
        private QosFlow.State state;
        private DeviceId deviceId;

        private Builder() {
        }

        /**
         * Keeps the flows of one owner.
         *
         * @param owner owner, or null for any
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Keeps the flows in one state.
         *
         * @param state state, or null for any
         * @return this builder
         */
        public Builder state(QosFlow.State state) {
            this.state = state;
            return this;
        }

        /**
         * Keeps the flows with a rule on one device.
         *
         * @param deviceId device, or null for any
         * @return this builder
         */
        public Builder deviceId(DeviceId deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return filter
         */
        public QosFlowFilter build() {
            return new QosFlowFilter(this);
        }
    }
}
