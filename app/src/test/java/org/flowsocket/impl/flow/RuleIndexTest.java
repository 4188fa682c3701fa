/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.junit.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
        assertTrue(index.reserve("fs-1", "n1", List.of("a", "b"), Map.of()).reserved());
        RuleIndex.Outcome undecided = index.reserve("fs-2", "n2", List.of("c", "b"), Map.of());
        assertEquals("whether fs-1 still owns its rules is asked", Set.of(new RuleIndex.Owner("fs-1", "n1")),
                     undecided.undecided);
        assertEquals("nothing of fs-2 taken yet", Optional.empty(), index.ownerOf("c"));
        assertEquals("fs-1 owns them", "fs-1",
                     index.reserve("fs-2", "n2", List.of("c", "b"), Map.of("fs-1@n1", true)).owner);
        assertEquals("nothing of fs-2 taken", Optional.empty(), index.ownerOf("c"));
        assertTrue("its own rules again", index.reserve("fs-1", "n1", List.of("a", "b"), Map.of()).reserved());
        assertEquals(2, index.size());
    }

    @Test
    public void aRuleOfAFlowThatNoLongerOwnsItIsTakenOver() {
        index.reserve("fs-1", "n1", List.of("a", "b"), Map.of());
        assertTrue(index.reserve("fs-2", "n2", List.of("b", "c"), Map.of("fs-1@n1", false)).reserved());
        assertEquals(Optional.of("fs-2"), index.ownerOf("b"));
        index.releaseFlow("fs-1");
        assertEquals("fs-1 let go of what it still held", Optional.empty(), index.ownerOf("a"));
        assertEquals("not of what fs-2 took over", Optional.of("fs-2"), index.ownerOf("b"));
    }

    @Test
    public void aReleaseLetsGoOnlyOfTheReleasingFlowsRules() {
        index.reserve("fs-1", "n1", List.of("a", "b"), Map.of());
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
