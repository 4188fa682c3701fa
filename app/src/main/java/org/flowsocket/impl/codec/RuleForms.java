/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.TrafficSelector;
import org.onosproject.net.flow.TrafficTreatment;

import java.util.Optional;

/**
 * The ONOS flow JSON that rules' matches and actions were read from, so that
 * the stored form of a flow takes that JSON as it is instead of writing it
 * again through ONOS's codecs and reading it back to prove it exact (which
 * was most of FlowSocket's own CPU per rule). JSON that ONOS's codec read into
 * a selector or treatment reads back into an equal one, by construction.
 * <p>
 * Keyed by the very selector and treatment objects the codec returned
 * (identity, held weakly), so that a rule built any other way, or whose form
 * is gone, is written and proven as before. A form is taken when the flow's
 * stored form is first written, shortly after the request is read: kept for
 * the flow's life, the forms of a million installed rules would be a heap
 * the garbage collector crosses again and again for nothing.
 */
public final class RuleForms {

    // Rules of the requests read and not yet stored: 64 requests in flight
    // on each of 16 connections at 64 rules, with room to spare.
    private static final long MAX_FORMS = 1L << 17;

    private static final String SELECTOR = "selector";
    private static final String TREATMENT = "treatment";

    private final Cache<TrafficSelector, ObjectNode> selectors =
            CacheBuilder.newBuilder().weakKeys().maximumSize(MAX_FORMS).build();
    private final Cache<TrafficTreatment, ObjectNode> treatments =
            CacheBuilder.newBuilder().weakKeys().maximumSize(MAX_FORMS).build();

    /**
     * Remembers the JSON a rule was read from by ONOS's FlowRule codec. The
     * JSON must not change afterwards.
     *
     * @param rule what the codec returned
     * @param json the flow JSON it read
     */
    public void remember(FlowRule rule, ObjectNode json) {
        JsonNode selector = json.get(SELECTOR);
        JsonNode treatment = json.get(TREATMENT);
        if (selector instanceof ObjectNode) {
            selectors.put(rule.selector(), (ObjectNode) selector);
        }
        if (treatment instanceof ObjectNode) {
            treatments.put(rule.treatment(), (ObjectNode) treatment);
        }
    }

    /**
     * Takes the JSON a selector was read from, if remembered: a second call
     * finds none.
     *
     * @param selector the selector
     * @return its JSON; not to be changed
     */
    public Optional<ObjectNode> takeSelector(TrafficSelector selector) {
        return Optional.ofNullable(selectors.asMap().remove(selector));
    }

    /**
     * Takes the JSON a treatment was read from, if remembered: a second call
     * finds none.
     *
     * @param treatment the treatment
     * @return its JSON; not to be changed
     */
    public Optional<ObjectNode> takeTreatment(TrafficTreatment treatment) {
        return Optional.ofNullable(treatments.asMap().remove(treatment));
    }
}
