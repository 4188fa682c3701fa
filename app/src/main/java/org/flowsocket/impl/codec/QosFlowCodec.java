/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.QosFlow;
import org.flowsocket.impl.flow.FlowLifecycle;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;

/**
 * Renders flow handles for replies and events. The brief form lists rule
 * references; the detailed form adds each rule's live state and the rule
 * itself in ONOS's own flow JSON.
 */
public final class QosFlowCodec {

    private final CodecContext context;
    private final FlowLifecycle lifecycle;

    /**
     * Creates a renderer.
     *
     * @param context   ONOS codec context
     * @param lifecycle source of live rule entries
     */
    public QosFlowCodec(CodecContext context, FlowLifecycle lifecycle) {
        this.context = context;
        this.lifecycle = lifecycle;
    }

    /**
     * Renders a handle.
     *
     * @param handle   the handle
     * @param detailed whether to add live rule states and rule JSON
     * @return JSON object
     */
    public ObjectNode encode(QosFlow handle, boolean detailed) {
        ObjectNode json = context.mapper().createObjectNode();
        json.put("flowId", handle.id());
        json.put("kind", handle.kind().name().toLowerCase());
        json.put("state", handle.state().name());
        if (handle.reason() != null) {
            json.put("reason", handle.reason());
        }
        json.put("owner", handle.owner());
        json.put("createdAt", handle.createdMillis());
        handle.spec().ifPresent(spec -> json.set("spec", NetworkFlowSpecCodec.encode(spec, context.mapper())));
        ArrayNode rules = json.putArray("rules");
        for (FlowRule rule : handle.rules()) {
            ObjectNode ref = lifecycle.ruleRef(rule);
            if (detailed) {
                addRuleState(ref, rule, lifecycle.entryOf(rule), context);
            }
            rules.add(ref);
        }
        ArrayNode meters = json.putArray("meters");
        handle.meters().forEach(m -> meters.addObject().put("deviceId", m.deviceId().toString())
                .put("meterId", m.meterId().id()).put("state", lifecycle.meterState(m)));
        return json;
    }

    /**
     * Returns this renderer as ONOS's codec of flows, for ONOS's codec
     * service: the brief form, as InstallFlow and ListFlows give it.
     *
     * @return JSON codec of flows
     */
    public JsonCodec<QosFlow> asJsonCodec() {
        return new JsonCodec<QosFlow>() {
            @Override
            public ObjectNode encode(QosFlow flow, CodecContext context) {
                return QosFlowCodec.this.encode(flow, false);
            }
        };
    }

    /**
     * Adds what the detailed form tells of a rule to its reference: its
     * state in ONOS ({@code NOT_IN_ONOS} without an entry), its counters and
     * the rule in ONOS's flow JSON. The console's get-flow uses it too.
     *
     * @param ref     the rule's reference, as the brief form has it
     * @param rule    the rule
     * @param entry   ONOS's entry of the rule, or null
     * @param context ONOS codec context
     * @return the reference
     */
    public static ObjectNode addRuleState(ObjectNode ref, FlowRule rule, FlowEntry entry, CodecContext context) {
        ref.put("state", entry == null ? "NOT_IN_ONOS" : entry.state().name());
        if (entry != null) {
            ref.put("packets", entry.packets());
            ref.put("bytes", entry.bytes());
        }
        ref.set("rule", context.codec(FlowRule.class).encode(rule, context));
        return ref;
    }
}
