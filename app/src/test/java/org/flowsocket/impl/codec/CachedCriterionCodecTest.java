/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.CoreServiceAdapter;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * The Criterion codec FlowSocket reads rules with: ONOS's real codec
 * ({@code CodecManager} of onos-core-common) behind a cache.
 */
public class CachedCriterionCodecTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final CodecManager codecManager = new CodecManager();
    private final AtomicInteger onosReads = new AtomicInteger();
    private CodecContext context;
    private CachedCriterionCodec codec;

    @Before
    public void setUp() {
        codecManager.activate();
        context = new FlowSocketCodecContext(MAPPER, codecManager, Map.of(CoreService.class, new CoreServiceAdapter() {
            @Override
            public ApplicationId getAppId(String name) {
                return new DefaultApplicationId(1, name);
            }

            @Override
            public ApplicationId registerApplication(String name) {
                return getAppId(name);
            }
        }));
        JsonCodec<Criterion> onos = codecManager.getCodec(Criterion.class);
        codec = new CachedCriterionCodec(new JsonCodec<Criterion>() {
            @Override
            public Criterion decode(ObjectNode json, CodecContext c) {
                onosReads.incrementAndGet();
                return onos.decode(json, c);
            }
        });
    }

    private static ObjectNode json(String text) throws Exception {
        return (ObjectNode) MAPPER.readTree(text);
    }

    @Test
    public void readsEqualJsonOnceAndGivesOnosOwnCriterion() throws Exception {
        JsonCodec<Criterion> onos = codecManager.getCodec(Criterion.class);
        String ethType = "{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\"}";
        Criterion first = codec.decode(json(ethType), context);
        Criterion second = codec.decode(json("{\"ethType\":\"0x800\",\"type\":\"ETH_TYPE\"}"), context);
        assertEquals(onos.decode(json(ethType), context), first);
        assertEquals(first, second);
        assertEquals("ONOS's codec read the criterion once", 1, onosReads.get());

        Criterion dst = codec.decode(json("{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.1/32\"}"), context);
        Criterion otherDst = codec.decode(json("{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.2/32\"}"), context);
        assertNotEquals(dst, otherDst);
        assertEquals(3, onosReads.get());
    }

    @Test
    public void numberAndTextOfOneValueAreReadEachByOnos() throws Exception {
        // Not equal JSON: ONOS's codec says what each means.
        Criterion number = codec.decode(json("{\"type\":\"ETH_TYPE\",\"ethType\":2048}"), context);
        Criterion text = codec.decode(json("{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\"}"), context);
        assertEquals(number, text);
        assertEquals(2, onosReads.get());
    }

    @Test
    public void keepsACopyNotTheCallersJson() throws Exception {
        ObjectNode dscp = json("{\"type\":\"IP_DSCP\",\"ipDscp\":46}");
        Criterion ef = codec.decode(dscp, context);
        dscp.put("ipDscp", 10);
        Criterion af11 = codec.decode(dscp, context);
        assertNotEquals("the changed JSON reads as what it says now", ef, af11);
        assertEquals(ef, codec.decode(json("{\"type\":\"IP_DSCP\",\"ipDscp\":46}"), context));
    }

    @Test
    public void refusedJsonIsRefusedEachTime() throws Exception {
        for (int i = 0; i < 2; i++) {
            try {
                codec.decode(json("{\"type\":\"IPV4_DST\",\"ip\":\"not an address\"}"), context);
                fail("ONOS's codec refuses it");
            } catch (IllegalArgumentException e) {
                // as ONOS's codec
            }
        }
        assertEquals(2, onosReads.get());
        assertEquals(0, codec.size());
    }

    @Test
    public void criteriaWithNestedMembersAreNotKept() throws Exception {
        ObjectNode nested = json("{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\",\"extra\":{\"a\":1}}");
        codec.decode(nested, context);
        codec.decode(nested, context);
        assertEquals(2, onosReads.get());
        assertEquals(0, codec.size());
    }

    @Test
    public void keepsAtMostItsBound() throws Exception {
        for (int i = 0; i < CachedCriterionCodec.MAX_CRITERIA + 500; i++) {
            codec.decode(json("{\"type\":\"IPV4_DST\",\"ip\":\"10." + (i >> 16) + "." + ((i >> 8) & 255) + "."
                    + (i & 255) + "/32\"}"), context);
        }
        assertTrue("kept " + codec.size(), codec.size() <= CachedCriterionCodec.MAX_CRITERIA);
    }

    @Test
    public void onosFlowRuleCodecReadsTheMatchThroughTheCache() throws Exception {
        String rule = "{\"deviceId\":\"of:0000000000000001\",\"priority\":40000,\"isPermanent\":true,"
                + "\"appId\":\"org.flowsocket.app\",\"selector\":{\"criteria\":["
                + "{\"type\":\"ETH_TYPE\",\"ethType\":\"0x800\"},{\"type\":\"IPV4_DST\",\"ip\":\"10.0.0.%d/32\"}]},"
                + "\"treatment\":{\"instructions\":[{\"type\":\"OUTPUT\",\"port\":\"2\"}]}}";
        CodecContext plain = new CodecContext() {
            @Override
            public ObjectMapper mapper() {
                return MAPPER;
            }

            @Override
            public <T> JsonCodec<T> codec(Class<T> entityClass) {
                return codecManager.getCodec(entityClass);
            }

            @Override
            public <T> T getService(Class<T> serviceClass) {
                return context.getService(serviceClass);
            }
        };
        for (int i = 1; i <= 3; i++) {
            FlowRule cached = context.codec(FlowRule.class).decode(json(String.format(rule, i)), context);
            FlowRule onos = plain.codec(FlowRule.class).decode(json(String.format(rule, i)), plain);
            assertEquals(onos, cached);
            assertEquals(onos.id(), cached.id());
            assertEquals(onos.selector().criteria(), cached.selector().criteria());
            assertEquals(onos.treatment(), cached.treatment());
        }
        assertTrue(context.codec(Criterion.class) instanceof CachedCriterionCodec);
        assertEquals("EtherType once, three destinations", 4,
                ((CachedCriterionCodec) context.codec(Criterion.class)).size());
    }
}
