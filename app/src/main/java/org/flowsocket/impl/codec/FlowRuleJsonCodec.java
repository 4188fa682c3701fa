/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.impl.protocol.RequestFields;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an InstallFlow request ({@code flows} or {@code flow}): ONOS
 * flow JSON as ONOS's REST API takes it ({@code POST /onos/v1/flows}), read
 * by ONOS's own FlowRule codec after FlowSocket's bounds checks.
 */
public final class FlowRuleJsonCodec {

    /** Most rules one request may carry. */
    public static final int MAX_RULES = 1000;

    /** Longest flow timeout, in seconds: OpenFlow's timeouts are 16-bit. */
    static final int MAX_FLOW_TIMEOUT = 65535;

    /** Highest OpenFlow table number (255 means all tables). */
    static final int MAX_TABLE_ID = 254;

    private FlowRuleJsonCodec() {
    }

    /**
     * Reads the rules of an InstallFlow request.
     *
     * @param request the request
     * @param field   {@code flows} (an array) or {@code flow} (one rule)
     * @param codecs  ONOS codec context
     * @param forms   remembers the JSON each rule was read from, for its stored form
     * @return the rules, at least one
     * @throws FlowSocketException naming the offending field
     */
    public static List<FlowRule> decode(RequestFields request, String field, CodecContext codecs,
                                        RuleForms forms) {
        List<FlowRule> rules = new ArrayList<>();
        // Checked once and whether or not a rule needs it: a malformed
        // deviceId is the client's mistake even when every rule names its own.
        String defaultDevice = request.has("deviceId") ? request.deviceId("deviceId").toString() : null;
        if (request.has("flows")) {
            JsonNode items = request.array(field, MAX_RULES);
            for (int i = 0; i < items.size(); i++) {
                rules.add(rule(request.element(field, i, items.get(i)), defaultDevice, codecs, forms));
            }
        } else {
            rules.add(rule(request.object(field), defaultDevice, codecs, forms));
        }
        if (rules.isEmpty()) {
            throw FlowSocketException.invalid(field, "must hold at least one flow");
        }
        return rules;
    }

    // ONOS's own FlowRule codec reads the flow, as POST /onos/v1/flows does;
    // the rule always belongs to FlowSocket so that its handle can track it.
    private static FlowRule rule(RequestFields flow, String defaultDevice, CodecContext codecs,
                                 RuleForms forms) {
        // The request was parsed for this call alone: the flow's own node is
        // completed in place for ONOS's codec (a copy per rule cost more
        // than the rest of FlowSocket's checks).
        ObjectNode copy = flow.node();
        if (!copy.has("deviceId") && defaultDevice != null) {
            copy.put("deviceId", defaultDevice);
        }
        RequestFields checked = RequestFields.of(copy);
        if (!checked.has("deviceId")) {
            throw FlowSocketException.missing(flow.path("deviceId"));
        }
        if (flow.has("deviceId")) {
            flow.deviceId("deviceId");
        }
        // ONOS's codec reads a selector or treatment that is not an object as
        // no selector (match all) or no treatment: refuse it instead.
        flow.optObject("selector");
        flow.optObject("treatment");
        flow.integer("priority", 0, 65535);
        // ONOS's codec reads these with asInt()/asBoolean(): 2^31 wraps to a
        // negative timeout and "yes" reads as false, and a table id out of
        // OpenFlow's range is stored and then refused by the switch.
        flow.optInteger("timeout", 0, MAX_FLOW_TIMEOUT);
        flow.bool("isPermanent", false);
        checkTableId(flow);
        if (!copy.has("isPermanent")) {
            copy.put("isPermanent", !copy.has("timeout"));
        }
        copy.put("appId", FlowSocketService.APP_NAME);
        try {
            FlowRule rule = codecs.codec(FlowRule.class).decode(copy, codecs);
            forms.remember(rule, copy);
            return rule;
        } catch (IllegalArgumentException e) {
            // ONOS's codecs say which member is wrong in their messages
            throw FlowSocketException.invalid(flow.location(),
                                              "is not a flow ONOS can read: " + e.getMessage());
        } catch (RuntimeException e) {
            // other failures carry no message meant for a client
            throw FlowSocketException.invalid(flow.location(), "is not a flow ONOS can read");
        }
    }

    // A table is an OpenFlow table number (0 to 254; 255 means "all tables")
    // or, for P4 devices, a table name.
    private static void checkTableId(RequestFields flow) {
        if (!flow.has("tableId")) {
            return;
        }
        JsonNode table = flow.node().get("tableId");
        if (table.isTextual() && !table.asText().matches("-?\\d+")) {
            flow.text("tableId");
            return;
        }
        boolean number = table.isIntegralNumber() || table.isTextual();
        long id = table.isTextual() && table.asText().length() <= 10 ? Long.parseLong(table.asText())
                : table.canConvertToLong() ? table.asLong() : -1;
        if (!number || id < 0 || id > MAX_TABLE_ID) {
            throw FlowSocketException.invalid(flow.path("tableId"), "must be a table number from 0 to "
                    + MAX_TABLE_ID + " or a P4 table name");
        }
    }
}
