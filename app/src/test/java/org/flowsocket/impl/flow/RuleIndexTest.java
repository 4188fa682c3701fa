/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.junit.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;

/**
 * The leader's rule index: a flow's rules are taken all or none; a rule of
 * a flow that no longer owns it is taken over; releases let go only of the
 * releasing flow's rules; a rebuilt index keeps the first of two flows
 * naming a rule.
 */
public class RuleIndexTest {

    private final RuleIndex index = new RuleIndex();

    @Test
    public void aFlowGetsAllItsRulesOrNone() {
        assertEquals(Optional.empty(), index.reserve("fs-1", "n1", List.of("a", "b"), (flow, node) -> true));
        assertEquals(Optional.of("fs-1"), index.reserve("fs-2", "n2", List.of("c", "b"), (flow, node) -> true));
        assertEquals("nothing of fs-2 taken", Optional.empty(), index.ownerOf("c"));
        assertEquals("its own rules again", Optional.empty(),
                     index.reserve("fs-1", "n1", List.of("a", "b"), (flow, node) -> true));
        assertEquals(2, index.size());
    }

    @Test
    public void aRuleOfAFlowThatNoLongerOwnsItIsTakenOver() {
        index.reserve("fs-1", "n1", List.of("a", "b"), (flow, node) -> true);
        Set<String> gone = Set.of("fs-1");
        assertEquals(Optional.empty(),
                     index.reserve("fs-2", "n2", List.of("b", "c"), (flow, node) -> !gone.contains(flow)));
        assertEquals(Optional.of("fs-2"), index.ownerOf("b"));
        index.releaseFlow("fs-1");
        assertEquals("fs-1 let go of what it still held", Optional.empty(), index.ownerOf("a"));
        assertEquals("not of what fs-2 took over", Optional.of("fs-2"), index.ownerOf("b"));
    }

    @Test
    public void aReleaseLetsGoOnlyOfTheReleasingFlowsRules() {
        index.reserve("fs-1", "n1", List.of("a", "b"), (flow, node) -> true);
        index.release("fs-2", List.of("a"));
        assertEquals(Optional.of("fs-1"), index.ownerOf("a"));
        index.release("fs-1", List.of("a"));
        assertEquals(Optional.empty(), index.ownerOf("a"));
        assertEquals(Optional.of("fs-1"), index.ownerOf("b"));
        index.releaseFlow("fs-1");
        assertEquals(0, index.size());
    }

    @Test
    public void aRebuiltIndexKeepsTheFirstOfTwoFlowsNamingARule() {
        List<String> clashes = index.load(List.of(new Reservation("fs-1", RuleIndex.STORED_FLOW, List.of("a", "b")),
                                                  new Reservation("fs-2", "n2", List.of("b", "c"))));
        assertEquals(List.of("b"), clashes);
        assertEquals(Optional.of("fs-1"), index.ownerOf("b"));
        assertEquals(Optional.of("fs-2"), index.ownerOf("c"));
        index.clear();
        assertEquals(0, index.size());
    }
}
