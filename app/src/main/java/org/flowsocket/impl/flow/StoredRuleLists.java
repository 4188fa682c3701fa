/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.collect.ImmutableList;
import com.google.common.util.concurrent.UncheckedExecutionException;
import org.onosproject.net.flow.FlowRule;

import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * A flow handle's rules as the JSON array text of its stored form, written
 * by {@link StoredFlowRules}.
 * <p>
 * A handle is written when it is created and again at each change of its
 * state, and read back by every node; its rules never change (a state change
 * keeps the very same list), so the text is written once per list and read
 * once per text, for as long as the flows being installed or removed at once
 * need; a text read is kept as its list's text, so a flow read after its text
 * left the cache is not written through ONOS's codecs again. Keyed by the
 * list's identity, a list equal to another (FlowRule.equals leaves out the
 * actions) never gets the other's text; keyed by the whole
 * text, a read gets exactly the rules that text holds. Each rule is still
 * proven to read back exactly the first time it is written
 * ({@link StoredFlowRules#encode}).
 */
final class StoredRuleLists {

    // Characters of rule text each cache keeps, about as many bytes (the two
    // share the texts written here): some 1300 handles of 64 rules of about
    // 400 characters, more than the flows being installed or removed at once
    // on 16 connections with 64 requests in flight each.
    private static final long CACHED_CHARS = 32L << 20;

    private final ObjectMapper mapper;
    private final StoredFlowRules rules;
    private final Cache<List<FlowRule>, String> texts = CacheBuilder.newBuilder()
            .weakKeys().maximumWeight(CACHED_CHARS).<List<FlowRule>, String>weigher((k, v) -> v.length()).build();
    private final Cache<RulesText, List<FlowRule>> lists = CacheBuilder.newBuilder()
            .maximumWeight(CACHED_CHARS).<RulesText, List<FlowRule>>weigher((k, v) -> k.text.length()).build();

    /**
     * Creates the converter.
     *
     * @param mapper JSON mapper of ONOS's codec context
     * @param rules  the single rules' stored forms
     */
    StoredRuleLists(ObjectMapper mapper, StoredFlowRules rules) {
        this.mapper = mapper;
        this.rules = rules;
    }

    /**
     * Returns the stored form of a handle's rules.
     *
     * @param handleRules the handle's (immutable) rules
     * @return JSON array text, as the mapper writes an array of the rules' forms
     * @throws IllegalArgumentException if ONOS's flow JSON cannot hold a rule exactly
     */
    String text(List<FlowRule> handleRules) {
        try {
            return texts.get(handleRules, () -> {
                String text = mapper.writeValueAsString(array(handleRules));
                lists.put(new RulesText(text), handleRules);
                return text;
            });
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write rules as JSON", e.getCause());
        } catch (UncheckedExecutionException e) {
            throw e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
        }
    }

    /**
     * Returns the rules' stored form as a tree.
     *
     * @param handleRules the handle's rules
     * @return JSON array of the rules' forms; not to be changed
     */
    ArrayNode array(List<FlowRule> handleRules) {
        ArrayNode array = mapper.createArrayNode();
        handleRules.forEach(r -> array.add(rules.encode(r)));
        return array;
    }

    /**
     * Reads a handle's rules from their stored form.
     *
     * @param text JSON array text
     * @return the rules
     * @throws IllegalStateException if the text is not JSON
     */
    List<FlowRule> read(String text) {
        List<FlowRule> known = lists.getIfPresent(new RulesText(text));
        if (known != null) {
            return known;
        }
        JsonNode array;
        try {
            array = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored flow handle's rules are not JSON: " + text, e);
        }
        // Kept as the list's text too: a state change of the handle writes
        // its rules as they were read, and that text reads back as exactly
        // these rules, whichever release wrote it. Else every state change of
        // a flow whose text left the cache went through ONOS's codecs again.
        List<FlowRule> read = read(array);
        lists.put(new RulesText(text), read);
        texts.put(read, text);
        return read;
    }

    /**
     * Reads a handle's rules from their stored form as a tree.
     *
     * @param array JSON array
     * @return the rules
     */
    List<FlowRule> read(JsonNode array) {
        ImmutableList.Builder<FlowRule> read = ImmutableList.builder();
        array.forEach(r -> read.add(rules.decode(r)));
        return read.build();
    }

    // A rules text as a cache key. Every read of a stored handle looks its
    // rules' text up (ONOS's map decodes each read, and each event for each
    // listener), and String.hashCode reads every character of some 20 KB
    // where equals compares them many at a time: hash a sample of the
    // characters, compare them all.
    private static final class RulesText {
        private static final int SAMPLES = 256;
        private final String text;
        private final int hash;

        RulesText(String text) {
            this.text = text;
            int length = text.length();
            int step = Math.max(1, length / SAMPLES);
            int h = length;
            for (int i = length - 1; i >= 0; i -= step) {
                h = 31 * h + text.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RulesText && ((RulesText) o).hash == hash && ((RulesText) o).text.equals(text);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
