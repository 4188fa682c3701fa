/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import org.onosproject.event.AbstractEvent;

import static com.google.common.base.MoreObjects.toStringHelper;

/**
 * A change of a QoS flow, on any node of the cluster.
 */
public final class QosFlowEvent extends AbstractEvent<QosFlowEvent.Type, QosFlow> {

    /** What happened to the flow. */
    public enum Type {
        /** The flow was stored, state PENDING. */
        FLOW_ADDED,
        /** The flow changed, e.g. its state; {@link #prevSubject()} is how it was. */
        FLOW_UPDATED,
        /** The flow was forgotten: removed, or FAILED and expired; the subject is its last value. */
        FLOW_REMOVED
    }

    private final QosFlow prevSubject;

    /**
     * Creates an event.
     *
     * @param type        event type
     * @param flow        the flow as it is now, or as it was last for FLOW_REMOVED
     * @param prevSubject the flow before the change, or null
     */
    public QosFlowEvent(Type type, QosFlow flow, QosFlow prevSubject) {
        super(type, flow);
        this.prevSubject = prevSubject;
    }

    /**
     * Returns the flow before an update.
     *
     * @return previous value, or null if there is none
     */
    public QosFlow prevSubject() {
        return prevSubject;
    }

    /**
     * Tells whether the flow's state changed with this event: always for
     * FLOW_ADDED and FLOW_REMOVED.
     *
     * @return true if the state is new
     */
    public boolean stateChanged() {
        return prevSubject == null || type() == Type.FLOW_REMOVED || prevSubject.state() != subject().state();
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("type", type()).add("flow", subject()).add("time", time()).toString();
    }
}
