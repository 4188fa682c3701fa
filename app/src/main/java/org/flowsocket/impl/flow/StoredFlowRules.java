/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.impl.codec.RuleForms;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.IndexTableId;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;
import org.onosproject.net.flow.instructions.Instructions;

import java.util.Iterator;
import java.util.Optional;

/**
 * Flow rules in the stored form of flow handles: a rule's identity as plain
 * values (device id text, the 64-bit flow id, which carries the application
 * id, priority, table, timeouts) and its match and actions in ONOS's flow
 * JSON ({@code POST /onos/v1/flows}), written and read by ONOS's own codecs.
 * Both are published formats that stay the same across ONOS releases, unlike
 * Kryo class ids.
 * <p>
 * ONOS's criterion and instruction codecs are slow (each call builds its
 * table of formats): a handle's rules are written and read once per rules
 * list and text ({@link StoredRuleLists}), not here. Keeping single rules'
 * forms as well cost more than it saved: under load the rules of the flows
 * in flight outnumber any bound, and hashing a rule's form is not cheap.
 * <p>
 * A rule a client sent as ONOS flow JSON keeps the match and actions JSON
 * it was read from ({@link RuleForms}): that reads back exactly by
 * construction, so it is neither written again nor proven.
 */
final class StoredFlowRules {

    private static final String DEVICE_ID = "deviceId";
    private static final String FLOW_ID = "flowId";
    private static final String PRIORITY = "priority";
    private static final String TABLE_ID = "tableId";
    private static final String PERMANENT = "permanent";
    private static final String TIMEOUT = "timeout";
    private static final String HARD_TIMEOUT = "hardTimeout";
    private static final String REASON = "reason";
    private static final String SELECTOR = "selector";
    private static final String TREATMENT = "treatment";
    private static final String INSTRUCTIONS = "instructions";
    private static final String TYPE = "type";
    private static final String METER = "METER";
    private static final String METER_ID = "meterId";

    private final CodecContext context;
    private final RuleForms forms;

    /**
     * Creates the converter.
     *
     * @param context ONOS codec context
     * @param forms   the JSON rules were read from
     */
    StoredFlowRules(CodecContext context, RuleForms forms) {
        this.context = context;
        this.forms = forms;
    }

    /**
     * Writes a rule.
     *
     * @param rule the rule
     * @return its stored form
     * @throws IllegalArgumentException if ONOS's flow JSON cannot hold the
     *                                  rule's table, match or actions exactly
     */
    ObjectNode encode(FlowRule rule) {
        if (!(rule.table() instanceof IndexTableId)) {
            throw new IllegalArgumentException("rule " + rule.id() + " is in table " + rule.table()
                    + ", not an OpenFlow table number");
        }
        ObjectNode json = context.mapper().createObjectNode()
                .put(DEVICE_ID, rule.deviceId().toString())
                .put(FLOW_ID, rule.id().value())
                .put(PRIORITY, rule.priority())
                .put(TABLE_ID, ((IndexTableId) rule.table()).id())
                .put(PERMANENT, rule.isPermanent())
                .put(TIMEOUT, rule.timeout())
                .put(HARD_TIMEOUT, rule.hardTimeout())
                .put(REASON, rule.reason().name());
        Optional<ObjectNode> readSelector = forms.takeSelector(rule.selector());
        Optional<ObjectNode> readTreatment = forms.takeTreatment(rule.treatment());
        json.set(SELECTOR, readSelector.orElseGet(
                () -> context.codec(TrafficSelector.class).encode(rule.selector(), context)));
        json.set(TREATMENT, readTreatment.orElseGet(() -> treatment(rule.treatment())));
        if (readSelector.isPresent() && readTreatment.isPresent()) {
            return json;
        }
        // ONOS's codecs write some rare fields only as their type; refuse
        // rather than store a rule that would read back different.
        FlowRule copy;
        try {
            copy = decode(json);
        } catch (RuntimeException e) {
            copy = null;
        }
        if (copy == null || !sameStoredFields(rule, copy)) {
            throw new IllegalArgumentException("ONOS's flow JSON cannot hold rule " + rule.id()
                    + " exactly: " + rule.selector() + " " + rule.treatment());
        }
        return json;
    }

    // ONOS's instruction codec (2.5.0 to 2.7.0) writes a meter id in hex
    // (MeterId.toString) and reads it as a decimal number, so meter 10 would
    // read back as 0: the meter ids are rewritten in decimal, which it reads
    // right. It writes the treatment's meters in order, after its other
    // instructions.
    private ObjectNode treatment(TrafficTreatment treatment) {
        ObjectNode json = context.codec(TrafficTreatment.class).encode(treatment, context);
        Iterator<Instructions.MeterInstruction> meters = treatment.meters().iterator();
        for (JsonNode instruction : json.path(INSTRUCTIONS)) {
            if (METER.equals(instruction.path(TYPE).asText()) && meters.hasNext()) {
                ((ObjectNode) instruction).put(METER_ID, Long.toString(meters.next().meterId().id()));
            }
        }
        return json;
    }

    /**
     * Reads a rule.
     *
     * @param json its stored form
     * @return the rule
     */
    FlowRule decode(JsonNode json) {
        FlowRule.Builder rule = DefaultFlowRule.builder()
                .forDevice(DeviceId.deviceId(text(json, DEVICE_ID)))
                .withCookie(field(json, FLOW_ID).asLong())
                .withPriority(field(json, PRIORITY).asInt())
                .forTable(field(json, TABLE_ID).asInt())
                .withHardTimeout(field(json, HARD_TIMEOUT).asInt())
                .withReason(FlowRule.FlowRemoveReason.valueOf(text(json, REASON)))
                .withSelector(context.codec(TrafficSelector.class).decode((ObjectNode) field(json, SELECTOR), context))
                .withTreatment(context.codec(TrafficTreatment.class)
                                       .decode((ObjectNode) field(json, TREATMENT), context));
        if (field(json, PERMANENT).asBoolean()) {
            rule.makePermanent();
        } else {
            rule.makeTemporary(field(json, TIMEOUT).asInt());
        }
        return rule.build();
    }

    static JsonNode field(JsonNode json, String name) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("stored flow handle lacks " + name + ": " + json);
        }
        return value;
    }

    static String text(JsonNode json, String name) {
        return field(json, name).asText();
    }

    // Everything the stored form holds; FlowRule.equals compares only
    // device, priority, table and match.
    private static boolean sameStoredFields(FlowRule rule, FlowRule that) {
        return rule.exactMatch(that) && rule.isPermanent() == that.isPermanent()
                && rule.timeout() == that.timeout() && rule.hardTimeout() == that.hardTimeout()
                && rule.reason() == that.reason()
                && rule.treatment().allInstructions().equals(that.treatment().allInstructions());
    }
}
