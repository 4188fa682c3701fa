/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.impl.codec.NetworkFlowSpecCodec;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.MeterId;

import java.io.IOException;

import static org.flowsocket.impl.flow.StoredFlowRules.field;
import static org.flowsocket.impl.flow.StoredFlowRules.text;

/**
 * Writes a flow handle as one JSON document, the same on every ONOS release:
 * FlowSocket's own fields as plain values, ONOS identifiers in their text
 * form, rules as {@link StoredFlowRules} writes them, a network flow's spec
 * as the text of the InstallFlow {@code network} object that requests it
 * ({@link NetworkFlowSpecCodec}), every default resolved. {@code KryoNamespaces.API}, which
 * this replaces, numbers ONOS's classes in an order that grows between
 * releases, so a node of one release could not read what another wrote.
 */
final class QosFlowSerializer extends Serializer<QosFlow> {

    /** Version of the document; a reader refuses one it does not know. */
    static final int FORMAT = 1;

    private static final String FORMAT_FIELD = "format";
    private static final String ID = "id";
    private static final String KIND = "kind";
    private static final String OWNER = "owner";
    private static final String CREATED_MILLIS = "createdMillis";
    private static final String STATE = "state";
    private static final String REASON = "reason";
    private static final String SPEC = "spec";
    private static final String RULES = "rules";
    private static final String METERS = "meters";
    private static final String DEVICE_ID = "deviceId";
    private static final String METER_ID = "meterId";
    private static final String RATE_KBPS = "rateKbps";
    private static final String BURST_KB = "burstKb";

    private final CodecContext context;
    private final StoredFlowRules rules;

    /**
     * Creates the serializer.
     *
     * @param context ONOS codec context, for the rules' match and actions
     */
    QosFlowSerializer(CodecContext context) {
        super(false, true);
        this.context = context;
        this.rules = new StoredFlowRules(context);
    }

    @Override
    public void write(Kryo kryo, Output output, QosFlow handle) {
        try {
            output.writeString(context.mapper().writeValueAsString(encode(handle)));
        } catch (JsonProcessingException e) {
            throw new KryoException("Cannot write flow handle " + handle.id(), e);
        }
    }

    @Override
    public QosFlow read(Kryo kryo, Input input, Class<QosFlow> type) {
        String document = input.readString();
        try {
            return decode(context.mapper().readTree(document));
        } catch (IOException | RuntimeException e) {
            throw new KryoException("Cannot read stored flow handle " + document, e);
        }
    }

    /**
     * Returns a handle's stored form.
     *
     * @param handle the handle
     * @return the JSON document
     */
    ObjectNode encode(QosFlow handle) {
        ObjectNode json = context.mapper().createObjectNode()
                .put(FORMAT_FIELD, FORMAT)
                .put(ID, handle.id())
                .put(KIND, handle.kind().name())
                .put(OWNER, handle.owner())
                .put(CREATED_MILLIS, handle.createdMillis())
                .put(STATE, handle.state().name())
                .put(REASON, handle.reason())
                .put(SPEC, handle.spec().map(this::specText).orElse(null));
        ArrayNode storedRules = json.putArray(RULES);
        handle.rules().forEach(r -> storedRules.add(this.rules.encode(r)));
        ArrayNode meters = json.putArray(METERS);
        handle.meters().forEach(m -> meters.addObject()
                .put(DEVICE_ID, m.deviceId().toString())
                .put(METER_ID, m.meterId().id())
                .put(RATE_KBPS, m.rateKbps())
                .put(BURST_KB, m.burstKb()));
        return json;
    }

    /**
     * Reads a handle's stored form.
     *
     * @param json the JSON document
     * @return the handle
     */
    QosFlow decode(JsonNode json) {
        int format = field(json, FORMAT_FIELD).asInt();
        if (format != FORMAT) {
            throw new IllegalStateException("flow handle stored in format " + format
                    + "; this FlowSocket reads format " + FORMAT);
        }
        ImmutableList.Builder<FlowRule> handleRules = ImmutableList.builder();
        field(json, RULES).forEach(r -> handleRules.add(rules.decode(r)));
        ImmutableList.Builder<QosFlowMeter> meters = ImmutableList.builder();
        field(json, METERS).forEach(m -> meters.add(new QosFlowMeter(DeviceId.deviceId(text(m, DEVICE_ID)),
                MeterId.meterId(field(m, METER_ID).asLong()), field(m, RATE_KBPS).asLong(),
                m.hasNonNull(BURST_KB) ? m.get(BURST_KB).asLong() : null)));
        return QosFlow.builder()
                .id(text(json, ID))
                .kind(QosFlow.Kind.valueOf(text(json, KIND)))
                .owner(text(json, OWNER))
                .createdMillis(field(json, CREATED_MILLIS).asLong())
                .state(QosFlow.State.valueOf(text(json, STATE)))
                .reason(optionalText(json, REASON))
                .spec(spec(optionalText(json, SPEC)))
                .rules(handleRules.build())
                .meters(meters.build())
                .build();
    }

    // Text, not a nested object: format 1 has always kept the spec so.
    private String specText(NetworkFlowSpec spec) {
        return NetworkFlowSpecCodec.encode(spec, context.mapper()).toString();
    }

    private NetworkFlowSpec spec(String text) {
        return text == null ? null : NetworkFlowSpecCodec.decodeText(text, context.mapper());
    }

    private static String optionalText(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
