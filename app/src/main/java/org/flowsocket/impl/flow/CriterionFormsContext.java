/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.flow.criteria.Criterion;

/**
 * ONOS's codec context, in which ONOS's criterion codec writes and reads each
 * distinct criterion once.
 * <p>
 * ONOS's selector codec writes and reads a match criterion by criterion
 * through the context's criterion codec (TrafficSelectorCodec, 2.5.0 to
 * 2.7.0), and that codec builds its table of some sixty formats at every call
 * (EncodeCriterionCodecHelper, DecodeCriterionCodecHelper): most of the time
 * of writing a rule, and of reading it back. Rules share most of their
 * criteria (the EtherType, the input port, the protocol), so the forms of
 * recent criteria are kept. A criterion is immutable; a form is read back
 * only from exactly the same JSON, and equal criteria are written the same
 * way, as {@link StoredFlowRules} already relies on for whole rules. Each
 * new rule's whole stored form is still read back and compared with the rule.
 */
final class CriterionFormsContext implements CodecContext {

    // Distinct criteria of the rules being installed or removed at once.
    private static final int CACHED_CRITERIA = 16384;

    private final CodecContext context;
    private final JsonCodec<Criterion> criteria;

    /**
     * Wraps a codec context.
     *
     * @param context ONOS's codec context
     */
    CriterionFormsContext(CodecContext context) {
        this.context = context;
        this.criteria = new CriterionForms(context);
    }

    @Override
    public ObjectMapper mapper() {
        return context.mapper();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> JsonCodec<T> codec(Class<T> entityClass) {
        return entityClass == Criterion.class ? (JsonCodec<T>) criteria : context.codec(entityClass);
    }

    @Override
    public <T> T getService(Class<T> serviceClass) {
        return context.getService(serviceClass);
    }

    // ONOS's criterion codec, each form kept as a copy nobody else holds.
    private static final class CriterionForms extends JsonCodec<Criterion> {
        private final CodecContext onos;
        private final Cache<Criterion, ObjectNode> written =
                CacheBuilder.newBuilder().maximumSize(CACHED_CRITERIA).build();
        private final Cache<ObjectNode, Criterion> read =
                CacheBuilder.newBuilder().maximumSize(CACHED_CRITERIA).build();

        CriterionForms(CodecContext onos) {
            this.onos = onos;
        }

        @Override
        public ObjectNode encode(Criterion criterion, CodecContext context) {
            ObjectNode json = written.getIfPresent(criterion);
            if (json == null) {
                json = onos.codec(Criterion.class).encode(criterion, context);
                written.put(criterion, json.deepCopy());
                return json;
            }
            return json.deepCopy();
        }

        @Override
        public Criterion decode(ObjectNode json, CodecContext context) {
            Criterion criterion = read.getIfPresent(json);
            if (criterion == null) {
                criterion = onos.codec(Criterion.class).decode(json, context);
                read.put(json.deepCopy(), criterion);
            }
            return criterion;
        }
    }
}
