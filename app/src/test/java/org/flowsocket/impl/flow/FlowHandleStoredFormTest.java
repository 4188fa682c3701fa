/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.QosFlow;
import org.flowsocket.impl.codec.FlowRuleJsonCodec;
import org.flowsocket.impl.codec.RuleForms;
import org.flowsocket.impl.protocol.RequestFields;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.Ip4Address;
import org.onlab.packet.IpPrefix;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.store.service.Serializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * The flow handle map's stored form costs FlowSocket CPU at every write and
 * read of a handle: what can be written once is, and the document stays the
 * same byte for byte.
 */
public class FlowHandleStoredFormTest {

    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    // More rules than the serializer keeps the single forms of (8192).
    private static final int OTHER_RULES = 16384;
    private static final int RULES_PER_HANDLE = 64;

    @Test
    public void stateChangesReuseTheRulesStoredFormWhateverWasWrittenInBetween() {
        CountingCodecs codecs = new CountingCodecs();
        Serializer serializer = DistributedQosFlowStore.serializer(codecs, new RuleForms());
        QosFlow pending = handle("fs-1", 0, 2);
        serializer.encode(pending);
        assertEquals("each rule's match is written once", 2, codecs.selectorsWritten.get());

        // The rules of the flows installed meanwhile, as under load.
        for (int h = 0; h < OTHER_RULES / RULES_PER_HANDLE; h++) {
            serializer.encode(handle("fs-" + (h + 2), 2 + h * RULES_PER_HANDLE, RULES_PER_HANDLE));
        }
        codecs.selectorsWritten.set(0);
        serializer.encode(pending.withState(QosFlow.State.INSTALLED, null));
        serializer.encode(pending.withState(QosFlow.State.REMOVING, "removal requested", "node1"));
        assertEquals("a state change writes none of the handle's rules again", 0, codecs.selectorsWritten.get());
    }

    @Test
    public void aHandleReadFromItsDocumentChangesStateWithoutWritingItsRulesAgain() throws IOException {
        // Another node wrote it, or this one long ago: its text is not known here.
        String document = new QosFlowSerializer(new OnosCodecs(), new RuleForms())
                .document(handle("fs-9", 0, RULES_PER_HANDLE));
        CountingCodecs codecs = new CountingCodecs();
        QosFlowSerializer serializer = new QosFlowSerializer(codecs, new RuleForms());
        QosFlow read = serializer.read(document);
        QosFlow removing = read.withState(QosFlow.State.REMOVING, "removal requested", "node2");
        String written = serializer.document(removing);
        assertEquals("the rules are written as they were read", 0, codecs.selectorsWritten.get());
        assertEquals(removing, new QosFlowSerializer(new OnosCodecs(), new RuleForms()).read(written));
        assertEquals(MAPPER.readTree(document).get("rules"), MAPPER.readTree(written).get("rules"));
    }

    @Test
    public void ruleReadFromFlowJsonIsStoredAsTheJsonItWasReadFromAndNotWrittenAgain() throws IOException {
        CountingCodecs codecs = new CountingCodecs();
        RuleForms forms = new RuleForms();
        QosFlowSerializer serializer = new QosFlowSerializer(codecs, forms);
        // ONOS's selector codec writes the EtherType as "0x800"; this client wrote 2048.
        ObjectNode request = (ObjectNode) MAPPER.readTree("{\"flow\": {\"deviceId\": \"" + S1 + "\","
                + " \"priority\": 40000, \"isPermanent\": true,"
                + " \"selector\": {\"criteria\": [{\"type\": \"ETH_TYPE\", \"ethType\": 2048},"
                + " {\"type\": \"IPV4_DST\", \"ip\": \"10.0.0.7/32\"}]},"
                + " \"treatment\": {\"instructions\": [{\"type\": \"OUTPUT\", \"port\": \"2\"}]}}}");
        JsonNode sent = request.get("flow").deepCopy();
        List<FlowRule> read = FlowRuleJsonCodec.decode(RequestFields.of(request), "flow", codecs, forms);
        QosFlow handle = QosFlow.builder().id("fs-5").kind(QosFlow.Kind.DEVICE).owner("onos")
                .createdMillis(1_700_000_000_000L).rules(read).actingNode("node1").build();

        ObjectNode stored = serializer.encode(handle);
        JsonNode rule = stored.get("rules").get(0);
        assertEquals(sent.get("selector"), rule.get("selector"));
        assertEquals(sent.get("treatment"), rule.get("treatment"));
        assertEquals("the match was neither written again nor read back", 0, codecs.selectorsWritten.get());
        QosFlow back = new QosFlowSerializer(new OnosCodecs(), new RuleForms()).read(serializer.document(handle));
        assertEquals(handle, back);
        assertEquals(read.get(0).treatment(), back.rules().get(0).treatment());

        // A form is taken once: the document, written again, comes from ONOS's codecs, and reads the same.
        assertEquals(handle, new QosFlowSerializer(new OnosCodecs(), new RuleForms()).read(serializer.document(handle)));
        codecs.selectorsWritten.set(0);
        // The same rule built anew is written by ONOS's codecs, as before.
        FlowRule rebuilt = DefaultFlowRule.builder().forDevice(S1).withCookie(read.get(0).id().value())
                .withPriority(40000).makePermanent()
                .withSelector(DefaultTrafficSelector.builder(read.get(0).selector()).build())
                .withTreatment(DefaultTrafficTreatment.builder(read.get(0).treatment()).build()).build();
        JsonNode written = serializer.encode(handle.toBuilder().rules(List.of(rebuilt)).build())
                .get("rules").get(0);
        assertEquals(1, codecs.selectorsWritten.get());
        assertEquals("0x800", written.get("selector").get("criteria").get(0).get("ethType").asText());
    }

    @Test
    public void rulesWhoseJsonHoldsWhatFollowsTheRulesReadBackExactly() throws IOException {
        // The reader finds the rules' end from the document's end: a client's treatment JSON
        // (kept as sent, ONOS's codec ignores the field) holding `],"meters":[` must not fool it.
        RuleForms forms = new RuleForms();
        CountingCodecs codecs = new CountingCodecs();
        QosFlowSerializer serializer = new QosFlowSerializer(codecs, forms);
        ObjectNode request = (ObjectNode) MAPPER.readTree("{\"flow\": {\"deviceId\": \"" + S1 + "\","
                + " \"priority\": 40000, \"isPermanent\": true,"
                + " \"selector\": {\"criteria\": [{\"type\": \"IPV4_DST\", \"ip\": \"10.0.0.7/32\"},"
                + " {\"type\": \"ETH_TYPE\", \"ethType\": 2048}]},"
                + " \"treatment\": {\"instructions\": [{\"type\": \"OUTPUT\", \"port\": \"2\"}],"
                + " \"meters\": [{\"deviceId\": \"of:00000000000000ff\", \"meterId\": 9}], \"x\": \"],\\\"meters\\\":[\"}}}");
        List<FlowRule> read = FlowRuleJsonCodec.decode(RequestFields.of(request), "flow", codecs, forms);
        QosFlow handle = QosFlow.builder().id("fs-6").kind(QosFlow.Kind.DEVICE).owner("onos")
                .createdMillis(1_700_000_000_000L).rules(read).build();
        String document = serializer.document(handle);
        assertTrue(document, document.indexOf("],\"meters\":[") < document.lastIndexOf("],\"meters\":["));

        QosFlowSerializer reader = new QosFlowSerializer(new OnosCodecs(), new RuleForms());
        QosFlow back = reader.read(document);
        assertEquals(handle, back);
        assertEquals(List.of(), back.meters());
        assertEquals(read.get(0).treatment(), back.rules().get(0).treatment());
        // The rules' text read is the whole array: written back, the document is the same.
        assertEquals(document, reader.document(back));
    }

    @Test
    public void documentIsTheTreeFormWrittenCompactly() throws IOException {
        QosFlowSerializer serializer = new QosFlowSerializer(new OnosCodecs(), new RuleForms());
        QosFlow installed = handle("fs-3", 0, 3).withState(QosFlow.State.INSTALLED, null);
        QosFlow removing = installed.withState(QosFlow.State.REMOVING, "removal requested", "node1");
        for (QosFlow handle : List.of(handle("fs-2", 0, 0), installed, removing)) {
            String document = serializer.document(handle);
            assertEquals(MAPPER.writeValueAsString(serializer.encode(handle)), document);
            assertEquals(handle, serializer.read(document));
        }
    }

    @Test
    public void documentStoredInFormatOneReadsAndWritesBackByteForByte() throws IOException {
        JsonNode fixture = MAPPER.readTree(getClass().getResource("qos-flow-format-1.json"));
        String stored = MAPPER.writeValueAsString(fixture);
        // A serializer that has not seen these rules parses them; then one that has.
        QosFlowSerializer serializer = new QosFlowSerializer(new OnosCodecs(), new RuleForms());
        QosFlow handle = serializer.read(stored);
        assertEquals(serializer.decode(fixture), handle);
        assertEquals(stored, serializer.document(handle));
        assertEquals(stored, serializer.document(serializer.read(stored)));
        assertEquals(stored, new QosFlowSerializer(new OnosCodecs(), new RuleForms()).document(handle));
    }

    @Test
    public void documentWithoutRulesOrOfAnotherFormatIsRefusedByName() throws IOException {
        QosFlowSerializer serializer = new QosFlowSerializer(new OnosCodecs(), new RuleForms());
        ObjectNode stored = serializer.encode(handle("fs-4", 0, 1));
        ObjectNode otherFormat = stored.deepCopy().put("format", 2);
        stored.remove("rules");
        assertTrue(refusal(serializer, stored).startsWith("stored flow handle lacks rules"));
        // The format is checked first, whatever the rules hold.
        ((ObjectNode) otherFormat.get("rules").get(0)).remove("selector");
        assertEquals("flow handle stored in format 2; this FlowSocket reads format 1",
                     refusal(serializer, otherFormat));
    }

    private static String refusal(QosFlowSerializer serializer, ObjectNode stored) throws IOException {
        try {
            serializer.read(stored.toString());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("read " + stored);
    }

    private static QosFlow handle(String id, int firstRule, int rules) {
        List<FlowRule> list = new ArrayList<>();
        for (int i = firstRule; i < firstRule + rules; i++) {
            list.add(rule(i));
        }
        return QosFlow.builder().id(id).kind(QosFlow.Kind.DEVICE).owner("onos").createdMillis(1_700_000_000_000L)
                .rules(list).actingNode("node1").build();
    }

    // Rule n matches IPv4 traffic to 10.0.0.0 + n, as the benchmark's do.
    private static FlowRule rule(int n) {
        return DefaultFlowRule.builder().forDevice(S1).withCookie(0x0007_0000_0000_0000L + n)
                .withPriority(40000).makePermanent()
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(IpPrefix.valueOf(Ip4Address.valueOf(0x0a000000 + n), 32)).build())
                .withTreatment(DefaultTrafficTreatment.builder().setIpDscp((byte) 46)
                        .setOutput(PortNumber.portNumber(2)).build())
                .build();
    }

    // ONOS's codecs, counting the matches written.
    private static final class CountingCodecs implements CodecContext {
        private final OnosCodecs codecs = new OnosCodecs();
        private final AtomicInteger selectorsWritten = new AtomicInteger();

        @Override
        public ObjectMapper mapper() {
            return codecs.mapper();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> JsonCodec<T> codec(Class<T> entityClass) {
            JsonCodec<T> codec = codecs.codec(entityClass);
            if (entityClass != TrafficSelector.class) {
                return codec;
            }
            JsonCodec<TrafficSelector> selectors = (JsonCodec<TrafficSelector>) codec;
            return (JsonCodec<T>) new JsonCodec<TrafficSelector>() {
                @Override
                public ObjectNode encode(TrafficSelector selector, CodecContext context) {
                    selectorsWritten.incrementAndGet();
                    return selectors.encode(selector, context);
                }

                @Override
                public TrafficSelector decode(ObjectNode json, CodecContext context) {
                    return selectors.decode(json, context);
                }
            };
        }

        // ONOS's FlowRule codec registers the flow's application.
        @Override
        public <T> T getService(Class<T> serviceClass) {
            if (serviceClass != CoreService.class) {
                return codecs.getService(serviceClass);
            }
            return serviceClass.cast(new CoreServiceAdapter() {
                @Override
                public ApplicationId registerApplication(String name) {
                    return new DefaultApplicationId(7, name);
                }
            });
        }
    }
}
