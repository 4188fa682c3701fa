/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;

import java.util.Collection;
import java.util.Objects;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Rules reserved for a flow: the flow, the node that reserved them (or
 * {@link RuleIndex#STORED_FLOW}) and the rules' keys.
 */
final class Reservation {

    private final String flowId;
    private final String node;
    private final ImmutableList<String> keys;

    /**
     * Creates a reservation.
     *
     * @param flowId the flow
     * @param node   the node that reserved the rules
     * @param keys   the rules' keys
     */
    Reservation(String flowId, String node, Collection<String> keys) {
        this.flowId = checkNotNull(flowId, "flowId");
        this.node = checkNotNull(node, "node");
        this.keys = ImmutableList.copyOf(keys);
    }

    String flowId() {
        return flowId;
    }

    String node() {
        return node;
    }

    ImmutableList<String> keys() {
        return keys;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Reservation)) {
            return false;
        }
        Reservation that = (Reservation) o;
        return flowId.equals(that.flowId) && node.equals(that.node) && keys.equals(that.keys);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flowId, node, keys);
    }

    @Override
    public String toString() {
        return flowId + "@" + node + " " + keys.size() + " rule(s)";
    }
}
