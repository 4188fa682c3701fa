/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

import java.util.Map;

/**
 * Names the OpenFlow 1.3 error a switch answered a rule with, when ONOS's
 * southbound passed it on (a failed {@link FlowEntry} carries the error
 * type and code of the switch's OFPT_ERROR).
 */
final class SwitchErrors {

    private static final String[] TYPES = {
        "HELLO_FAILED", "BAD_REQUEST", "BAD_ACTION", "BAD_INSTRUCTION", "BAD_MATCH", "FLOW_MOD_FAILED",
        "GROUP_MOD_FAILED", "PORT_MOD_FAILED", "TABLE_MOD_FAILED", "QUEUE_OP_FAILED", "SWITCH_CONFIG_FAILED",
        "ROLE_REQUEST_FAILED", "METER_MOD_FAILED", "TABLE_FEATURES_FAILED",
    };

    // The codes of the types a flow rule can fail with (OpenFlow 1.3.5, section 7.4.4).
    private static final Map<Integer, String[]> CODES = Map.of(
            2, new String[]{"BAD_TYPE", "BAD_LEN", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_OUT_PORT",
                "BAD_ARGUMENT", "EPERM", "TOO_MANY", "BAD_QUEUE", "BAD_OUT_GROUP", "MATCH_INCONSISTENT",
                "UNSUPPORTED_ORDER", "BAD_TAG", "BAD_SET_TYPE", "BAD_SET_LEN", "BAD_SET_ARGUMENT"},
            3, new String[]{"UNKNOWN_INST", "UNSUP_INST", "BAD_TABLE_ID", "UNSUP_METADATA",
                "UNSUP_METADATA_MASK", "BAD_EXPERIMENTER", "BAD_EXP_TYPE", "BAD_LEN", "EPERM"},
            4, new String[]{"BAD_TYPE", "BAD_LEN", "BAD_TAG", "BAD_DL_ADDR_MASK", "BAD_NW_ADDR_MASK",
                "BAD_WILDCARDS", "BAD_FIELD", "BAD_VALUE", "BAD_MASK", "BAD_PREREQ", "DUP_FIELD", "EPERM"},
            5, new String[]{"UNKNOWN", "TABLE_FULL", "BAD_TABLE_ID", "OVERLAP", "EPERM", "BAD_TIMEOUT",
                "BAD_COMMAND", "BAD_FLAGS"},
            12, new String[]{"UNKNOWN", "METER_EXISTS", "INVALID_METER", "UNKNOWN_METER", "BAD_COMMAND",
                "BAD_FLAGS", "BAD_RATE", "BAD_BURST", "BAD_BAND", "BAD_BAND_VALUE", "OUT_OF_METERS",
                "OUT_OF_BANDS"});

    private SwitchErrors() {
    }

    /**
     * Adds the switch's error to a refused rule's description, if known.
     *
     * @param rule the refused rule
     * @param json its description
     * @return the error's name, e.g. {@code BAD_ACTION/BAD_OUT_PORT}, or null
     */
    static String describe(FlowRule rule, ObjectNode json) {
        if (!(rule instanceof FlowEntry) || ((FlowEntry) rule).errType() < 0) {
            return null;
        }
        int type = ((FlowEntry) rule).errType();
        int code = ((FlowEntry) rule).errCode();
        String typeName = type < TYPES.length ? TYPES[type] : "TYPE_" + type;
        String[] codes = CODES.get(type);
        String name = typeName + "/" + (codes != null && code >= 0 && code < codes.length ? codes[code] : "CODE_" + code);
        json.put("errType", type);
        json.put("errCode", code);
        json.put("switchError", name);
        return name;
    }
}
