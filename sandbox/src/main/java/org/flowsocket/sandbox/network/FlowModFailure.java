/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.network;

/**
 * Why a simulated switch refuses a flow rule: the OpenFlow 1.3
 * {@code OFPET_FLOW_MOD_FAILED} error codes. A refused rule is reported to
 * ONOS the way ONOS's OpenFlow provider reports a switch error: as a failed
 * {@code FlowEntry} (state FAILED) carrying {@link #ERROR_TYPE} and the code,
 * in the failed set of the batch's {@code CompletedBatchOperation}, so it
 * reaches {@code FlowRuleOperationsContext.onError}.
 */
public enum FlowModFailure {
    /** Unspecified error. */
    UNKNOWN(0),
    /** Flow not added because the table was full. */
    TABLE_FULL(1),
    /** Table does not exist. */
    BAD_TABLE_ID(2),
    /** Attempted to add an overlapping flow with CHECK_OVERLAP set. */
    OVERLAP(3),
    /** Permissions error. */
    EPERM(4),
    /** Flow not added because of an unsupported idle or hard timeout. */
    BAD_TIMEOUT(5),
    /** Unsupported or unknown command. */
    BAD_COMMAND(6),
    /** Unsupported or unknown flags. */
    BAD_FLAGS(7);

    /** OpenFlow 1.3 error type OFPET_FLOW_MOD_FAILED. */
    public static final int ERROR_TYPE = 5;

    private final int code;

    FlowModFailure(int code) {
        this.code = code;
    }

    /** @return the OpenFlow error code */
    public int code() {
        return code;
    }
}
