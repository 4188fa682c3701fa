/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * What FlowSocket remembers of one InstallFlow: the rules it created, the
 * meters it allocated and the state the client sees. A network flow also
 * carries the {@link NetworkFlowSpec} it was planned from; a flow of rules
 * given device by device is its rules alone. Immutable; built with
 * {@link #builder()}, changed with {@link #toBuilder()}.
 */
public final class QosFlow {

    /** Where a flow handle is in its life. */
    public enum State {
        /** Submitted; the switches have not confirmed yet. */
        PENDING,
        /** Every rule confirmed by its switch. */
        INSTALLED,
        /** A rule was removed behind FlowSocket's back or its device went offline. */
        DEGRADED,
        /** The switches refused or did not confirm; the rules were withdrawn. */
        FAILED,
        /** RemoveFlow is in progress. */
        REMOVING
    }

    /** How the flow was described. */
    public enum Kind {
        /** ONOS flow JSON, rules given device by device. */
        DEVICE,
        /** Source and destination IPs with QoS; rules computed per hop. */
        NETWORK
    }

    private final String id;
    private final Kind kind;
    private final String owner;
    private final long createdMillis;
    private final State state;
    private final String reason;
    private final NetworkFlowSpec spec;
    private final List<FlowRule> rules;
    private final List<QosFlowMeter> meters;
    private final String actingNode;
    private final String createdBy;
    private final List<Hop> path;

    private QosFlow(Builder b) {
        this.id = checkNotNull(b.id, "id");
        this.kind = checkNotNull(b.kind, "kind");
        this.owner = checkNotNull(b.owner, "owner");
        this.createdMillis = b.createdMillis;
        this.state = checkNotNull(b.state, "state");
        this.reason = b.reason;
        this.spec = b.spec;
        // The kind says whether there is a spec, so no reader meets a network flow without one.
        checkArgument((kind == Kind.NETWORK) == (spec != null), kind == Kind.NETWORK
                ? "a NETWORK flow needs its network spec" : "a DEVICE flow takes no network spec");
        this.rules = ImmutableList.copyOf(b.rules);
        this.meters = ImmutableList.copyOf(b.meters);
        this.actingNode = b.actingNode;
        this.createdBy = b.createdBy;
        this.path = ImmutableList.copyOf(b.path);
    }

    /** @return handle id, unique in the cluster */
    public String id() {
        return id;
    }

    /** @return how the flow was described */
    public Kind kind() {
        return kind;
    }

    /** @return user who installed the flow */
    public String owner() {
        return owner;
    }

    /** @return creation time, epoch ms */
    public long createdMillis() {
        return createdMillis;
    }

    /** @return current state */
    public State state() {
        return state;
    }

    /** @return why the state is what it is, or null */
    public String reason() {
        return reason;
    }

    /**
     * Returns what a network flow was planned from, every default resolved.
     *
     * @return the spec of a {@link Kind#NETWORK} flow; empty for a {@link Kind#DEVICE} flow
     */
    public Optional<NetworkFlowSpec> spec() {
        return Optional.ofNullable(spec);
    }

    /** @return the rules this flow created */
    public List<FlowRule> rules() {
        return rules;
    }

    /** @return the meters this flow allocated */
    public List<QosFlowMeter> meters() {
        return meters;
    }

    /**
     * Returns the cluster node installing or removing this flow: the one that
     * settles it when the switches answer. Survivors settle the flows of a
     * node that left the cluster.
     *
     * @return ONOS node id while PENDING or REMOVING, else null
     */
    public String actingNode() {
        return actingNode;
    }

    /**
     * Returns the cluster node the flow was created through, which reserved
     * its rules: the store releases them in one call each by naming it.
     *
     * @return ONOS node id, or null for a flow an earlier release stored
     */
    public String createdBy() {
        return createdBy;
    }

    /**
     * Returns the switches a network flow crosses from its source host to
     * its destination host; a bidirectional flow's way back is the same
     * path reversed.
     *
     * @return hops in order, empty for a flow given device by device
     */
    public List<Hop> path() {
        return path;
    }

    /**
     * Tells whether the flow has a rule on a device.
     *
     * @param deviceId device
     * @return true if one of its rules is there
     */
    public boolean touches(DeviceId deviceId) {
        return rules.stream().anyMatch(r -> r.deviceId().equals(deviceId));
    }

    /**
     * Returns a copy in another state.
     *
     * @param newState state
     * @param newReason reason, or null
     * @return the updated handle
     */
    public QosFlow withState(State newState, String newReason) {
        // Only a flow being installed or removed has a node acting on it.
        return toBuilder().state(newState).reason(newReason)
                .actingNode(newState == State.PENDING || newState == State.REMOVING ? actingNode : null).build();
    }

    /**
     * Returns a copy in another state, with the node that now acts on it.
     *
     * @param newState   PENDING or REMOVING
     * @param newReason  reason, or null
     * @param actingNode ONOS node id of the node installing or removing it
     * @return the updated handle
     */
    public QosFlow withState(State newState, String newReason, String actingNode) {
        return toBuilder().state(newState).reason(newReason).actingNode(actingNode).build();
    }

    /**
     * Returns a builder initialised from this handle.
     *
     * @return builder
     */
    public Builder toBuilder() {
        return builder().id(id).kind(kind).owner(owner).createdMillis(createdMillis).state(state)
                .reason(reason).spec(spec).rules(rules).meters(meters).actingNode(actingNode).createdBy(createdBy).path(path);
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
        if (!(o instanceof QosFlow)) {
            return false;
        }
        QosFlow that = (QosFlow) o;
        return createdMillis == that.createdMillis && id.equals(that.id) && kind == that.kind
                && owner.equals(that.owner) && state == that.state && Objects.equals(reason, that.reason)
                && Objects.equals(spec, that.spec) && rules.equals(that.rules) && meters.equals(that.meters)
                && Objects.equals(actingNode, that.actingNode) && Objects.equals(createdBy, that.createdBy)
                && path.equals(that.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, owner, createdMillis, state, reason, spec, rules, meters, actingNode, createdBy,
                            path);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("id", id).add("kind", kind).add("state", state)
                .add("reason", reason).add("spec", spec).add("rules", rules.size()).add("meters", meters.size())
                .toString();
    }

    /**
     * Builder of flow handles.
     */
    public static final class Builder {
        private String id;
        private Kind kind;
        private String owner;
        private long createdMillis = System.currentTimeMillis();
        private State state = State.PENDING;
        private String reason;
        private NetworkFlowSpec spec;
        private List<FlowRule> rules = ImmutableList.of();
        private List<QosFlowMeter> meters = ImmutableList.of();
        private String actingNode;
        private String createdBy;
        private List<Hop> path = ImmutableList.of();

        private Builder() {
        }

        /**
         * Sets the id.
         *
         * @param id handle id
         * @return this builder
         */
        public Builder id(String id) {
            this.id = id;
            return this;
        }

        /**
         * Sets the kind.
         *
         * @param kind kind
         * @return this builder
         */
        public Builder kind(Kind kind) {
            this.kind = kind;
            return this;
        }

        /**
         * Sets the owner.
         *
         * @param owner user name
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Sets the creation time.
         *
         * @param millis epoch ms
         * @return this builder
         */
        public Builder createdMillis(long millis) {
            this.createdMillis = millis;
            return this;
        }

        /**
         * Sets the state.
         *
         * @param state state
         * @return this builder
         */
        public Builder state(State state) {
            this.state = state;
            return this;
        }

        /**
         * Sets the reason for the state.
         *
         * @param reason text or null
         * @return this builder
         */
        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        /**
         * Sets what a network flow was planned from; a {@link Kind#NETWORK}
         * flow needs one, a {@link Kind#DEVICE} flow has none.
         *
         * @param spec the spec, or null
         * @return this builder
         */
        public Builder spec(NetworkFlowSpec spec) {
            this.spec = spec;
            return this;
        }

        /**
         * Sets the rules.
         *
         * @param rules rules
         * @return this builder
         */
        public Builder rules(List<FlowRule> rules) {
            this.rules = rules;
            return this;
        }

        /**
         * Sets the meters.
         *
         * @param meters meters
         * @return this builder
         */
        public Builder meters(List<QosFlowMeter> meters) {
            this.meters = meters;
            return this;
        }

        /**
         * Sets the node installing or removing the flow.
         *
         * @param nodeId ONOS node id, or null
         * @return this builder
         */
        public Builder actingNode(String nodeId) {
            this.actingNode = nodeId;
            return this;
        }

        /**
         * Sets the node the flow was created through.
         *
         * @param nodeId ONOS node id, or null
         * @return this builder
         */
        public Builder createdBy(String nodeId) {
            this.createdBy = nodeId;
            return this;
        }

        /**
         * Sets the path of a network flow.
         *
         * @param path hops from source to destination host
         * @return this builder
         */
        public Builder path(List<Hop> path) {
            this.path = path;
            return this;
        }

        /**
         * Builds the handle.
         *
         * @return flow handle
         * @throws NullPointerException if the id, kind, owner or state is missing
         * @throws IllegalArgumentException if a network flow has no spec or a device flow has one
         */
        public QosFlow build() {
            return new QosFlow(this);
        }
    }
}
