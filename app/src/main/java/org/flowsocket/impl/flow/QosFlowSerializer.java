/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.impl.codec.NetworkFlowSpecCodec;
import org.flowsocket.impl.codec.RuleForms;
import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import com.google.common.collect.ImmutableList;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.meter.MeterId;

import java.io.IOException;
import java.util.List;

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
    // Added in format 1 without changing it: older readers skip it, and only
    // a flow being installed or removed has it.
    private static final String ACTING_NODE = "actingNode";
    // Added in format 1 the same way: absent in a handle an older FlowSocket stored.
    private static final String CREATED_BY = "createdBy";
    private static final String RULES = "rules";
    // Where the rules end: the meters follow them in every document format 1
    // has written, and then at most the path, neither of which holds this.
    private static final String RULES_THEN_METERS = "],\"meters\":[";
    private static final String METERS = "meters";
    private static final String DEVICE_ID = "deviceId";
    private static final String METER_ID = "meterId";
    private static final String RATE_KBPS = "rateKbps";
    private static final String BURST_KB = "burstKb";
    private static final String PATH = "path";
    private static final String IN_PORT = "inPort";
    private static final String OUT_PORT = "outPort";

    private final CodecContext context;
    private final StoredRuleLists rules;

    /**
     * Creates the serializer.
     *
     * @param context ONOS codec context, for the rules' match and actions
     * @param forms   the JSON rules were read from, taken as their stored form
     */
    QosFlowSerializer(CodecContext context, RuleForms forms) {
        super(false, true);
        this.context = context;
        this.rules = new StoredRuleLists(context.mapper(), new StoredFlowRules(context, forms));
    }

    @Override
    public void write(Kryo kryo, Output output, QosFlow handle) {
        try {
            output.writeString(document(handle));
        } catch (JsonProcessingException e) {
            throw new KryoException("Cannot write flow handle " + handle.id(), e);
        }
    }

    @Override
    public QosFlow read(Kryo kryo, Input input, Class<QosFlow> type) {
        String document = input.readString();
        try {
            return read(document);
        } catch (IOException | RuntimeException e) {
            throw new KryoException("Cannot read stored flow handle " + document, e);
        }
    }

    /**
     * Returns a handle's stored form as text: {@link #encode}'s document
     * written compactly, its rules' text written once for the handle's life.
     *
     * @param handle the handle
     * @return the JSON text
     * @throws JsonProcessingException if Jackson cannot write it
     */
    String document(QosFlow handle) throws JsonProcessingException {
        ObjectNode json = context.mapper().createObjectNode();
        return context.mapper().writeValueAsString(
                tree(json, handle, json.rawValueNode(new RawValue(rules.text(handle.rules())))));
    }

    /**
     * Reads a handle's stored form from text. The rules' text is taken as it
     * is, not built into a tree: a text read or written before reads as the
     * same rules.
     *
     * @param document the JSON text
     * @return the handle
     * @throws IOException if the text is not JSON
     */
    QosFlow read(String document) throws IOException {
        ObjectMapper mapper = context.mapper();
        ObjectNode json = mapper.createObjectNode();
        String rulesText = null;
        try (JsonParser parser = mapper.getFactory().createParser(document)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return decode(mapper.readTree(document));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.getCurrentName();
                if (parser.nextToken() == JsonToken.START_ARRAY && RULES.equals(name)) {
                    int start = (int) parser.getTokenLocation().getCharOffset();
                    // Found from the end, the rules' text is taken without
                    // reading through it (some 20 KB for 64 rules; ONOS's map
                    // decodes each read, and each event for each listener).
                    int end = document.lastIndexOf(RULES_THEN_METERS);
                    if (end > start) {
                        rulesText = document.substring(start, end + 1);
                        mapper.readTree("{" + document.substring(end + 2)).fields()
                                .forEachRemaining(f -> json.set(f.getKey(), f.getValue()));
                        break;
                    }
                    parser.skipChildren();
                    rulesText = document.substring(start, (int) parser.getTokenLocation().getCharOffset() + 1);
                } else {
                    json.set(name, mapper.readTree(parser));
                }
            }
        }
        return decode(json, rulesText);
    }

    /**
     * Returns a handle's stored form.
     *
     * @param handle the handle
     * @return the JSON document
     */
    ObjectNode encode(QosFlow handle) {
        return tree(context.mapper().createObjectNode(), handle, rules.array(handle.rules()));
    }

    // The fields in their stored order, the rules' form as given.
    private ObjectNode tree(ObjectNode json, QosFlow handle, JsonNode storedRules) {
        json.put(FORMAT_FIELD, FORMAT)
                .put(ID, handle.id())
                .put(KIND, handle.kind().name())
                .put(OWNER, handle.owner())
                .put(CREATED_MILLIS, handle.createdMillis())
                .put(STATE, handle.state().name())
                .put(REASON, handle.reason())
                .put(SPEC, handle.spec().map(this::specText).orElse(null));
        if (handle.actingNode() != null) {
            json.put(ACTING_NODE, handle.actingNode());
        }
        if (handle.createdBy() != null) {
            json.put(CREATED_BY, handle.createdBy());
        }
        json.set(RULES, storedRules);
        ArrayNode meters = json.putArray(METERS);
        handle.meters().forEach(m -> meters.addObject()
                .put(DEVICE_ID, m.deviceId().toString())
                .put(METER_ID, m.meterId().id())
                .put(RATE_KBPS, m.rateKbps())
                .put(BURST_KB, m.burstKb()));
        // Only a network flow has a path; a handle without one reads as before paths were kept.
        if (!handle.path().isEmpty()) {
            ArrayNode path = json.putArray(PATH);
            handle.path().forEach(h -> path.addObject()
                    .put(DEVICE_ID, h.deviceId().toString())
                    .put(IN_PORT, h.inPort().toString())
                    .put(OUT_PORT, h.outPort().toString()));
        }
        return json;
    }

    /**
     * Reads a handle's stored form.
     *
     * @param json the JSON document
     * @return the handle
     */
    QosFlow decode(JsonNode json) {
        return decode(json, null);
    }

    // The rules' text as it was stored, or null to read them from the document.
    private QosFlow decode(JsonNode json, String rulesText) {
        int format = field(json, FORMAT_FIELD).asInt();
        if (format != FORMAT) {
            throw new IllegalStateException("flow handle stored in format " + format
                    + "; this FlowSocket reads format " + FORMAT);
        }
        List<FlowRule> handleRules = rulesText != null ? rules.read(rulesText) : rules.read(field(json, RULES));
        ImmutableList.Builder<QosFlowMeter> meters = ImmutableList.builder();
        field(json, METERS).forEach(m -> meters.add(new QosFlowMeter(DeviceId.deviceId(text(m, DEVICE_ID)),
                MeterId.meterId(field(m, METER_ID).asLong()), field(m, RATE_KBPS).asLong(),
                m.hasNonNull(BURST_KB) ? m.get(BURST_KB).asLong() : null)));
        // Written by every FlowSocket that reroutes; absent in a handle an older one stored.
        ImmutableList.Builder<Hop> path = ImmutableList.builder();
        json.path(PATH).forEach(h -> path.add(new Hop(DeviceId.deviceId(text(h, DEVICE_ID)),
                PortNumber.fromString(text(h, IN_PORT)), PortNumber.fromString(text(h, OUT_PORT)))));
        return QosFlow.builder()
                .id(text(json, ID))
                .kind(QosFlow.Kind.valueOf(text(json, KIND)))
                .owner(text(json, OWNER))
                .createdMillis(field(json, CREATED_MILLIS).asLong())
                .state(QosFlow.State.valueOf(text(json, STATE)))
                .reason(optionalText(json, REASON))
                .spec(spec(optionalText(json, SPEC)))
                .actingNode(optionalText(json, ACTING_NODE))
                .createdBy(optionalText(json, CREATED_BY))
                .rules(handleRules)
                .meters(meters.build())
                .path(path.build())
                .build();
    }

    // Text, not a nested object: format 1 has always kept the spec so. The default reroute (true) is
    // left out, so that a node of an older FlowSocket, which knows no such field, reads the spec.
    private String specText(NetworkFlowSpec spec) {
        ObjectNode json = NetworkFlowSpecCodec.encode(spec, context.mapper());
        if (spec.reroute()) {
            json.remove("reroute");
        }
        return json.toString();
    }

    private NetworkFlowSpec spec(String text) {
        return text == null ? null : NetworkFlowSpecCodec.decodeText(text, context.mapper());
    }

    private static String optionalText(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
