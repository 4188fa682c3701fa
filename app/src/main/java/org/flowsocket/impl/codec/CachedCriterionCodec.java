/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.JsonCodec;
import org.onosproject.net.flow.criteria.Criterion;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ONOS's Criterion codec behind a bounded cache of the criteria it has read,
 * keyed by their JSON. ONOS's {@code CriterionCodec.decode} (2.5.0 to 2.7.0)
 * builds a {@code DecodeCriterionCodecHelper}, and with it a map of some fifty
 * decoders, for every criterion it reads: about a tenth of the CPU of an
 * InstallFlow under load. A client's rules repeat most of their criteria
 * (EtherType, DSCP, protocol, a source), and a criterion ONOS read from equal
 * JSON is an equal, immutable value, so ONOS's codec reads each distinct
 * criterion once. {@code TrafficSelectorCodec.decode} asks the codec context
 * for the Criterion codec, so ONOS's FlowRule codec reads through this one.
 * <p>
 * Only criteria whose members are plain values are kept, and not the kinds
 * whose reading depends on more than their JSON (extensions, P4 matches);
 * JSON ONOS refuses is refused again each time.
 */
final class CachedCriterionCodec extends JsonCodec<Criterion> {

    /** Distinct criteria kept: a few hundred KiB at most. */
    static final long MAX_CRITERIA = 4096;

    private static final String TYPE = "type";
    private static final Set<String> NOT_KEPT = Set.of(Criterion.Type.EXTENSION.name(),
            Criterion.Type.PROTOCOL_INDEPENDENT.name());

    private final JsonCodec<Criterion> onos;
    // A plain map, emptied when full: a cache that orders its entries cost
    // as much as the reading it saved (measured under the benchmark).
    private final Map<ObjectNode, Criterion> read = new ConcurrentHashMap<>();

    /**
     * @param onos ONOS's Criterion codec
     */
    CachedCriterionCodec(JsonCodec<Criterion> onos) {
        this.onos = onos;
    }

    @Override
    public ObjectNode encode(Criterion criterion, CodecContext context) {
        return onos.encode(criterion, context);
    }

    @Override
    public Criterion decode(ObjectNode json, CodecContext context) {
        if (!keepable(json)) {
            return onos.decode(json, context);
        }
        Criterion known = read.get(json);
        if (known != null) {
            return known;
        }
        Criterion criterion = onos.decode(json, context);
        if (read.size() >= MAX_CRITERIA) {
            read.clear();
        }
        // A copy: the caller's JSON is not ours to keep, and may change.
        read.put(json.deepCopy(), criterion);
        return criterion;
    }

    private static boolean keepable(ObjectNode json) {
        if (json == null || !json.path(TYPE).isTextual() || NOT_KEPT.contains(json.get(TYPE).asText())) {
            return false;
        }
        for (Iterator<JsonNode> members = json.elements(); members.hasNext(); ) {
            if (members.next().isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    /** @return how many criteria are kept now */
    long size() {
        return read.size();
    }
}
