/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import org.flowsocket.api.RuleSample;
import org.flowsocket.api.TrafficRate;
import org.junit.Test;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

/**
 * Rates from two readings of a rule's counters, across counter restarts.
 */
public class RuleSampleTest {

    @Test
    public void rateIsTheDifferenceOverTheTimeBetweenTheReadings() {
        RuleSample earlier = new RuleSample(100, 100_000, 10, 1_000_000);
        RuleSample later = new RuleSample(600, 725_000, 15, 1_005_000);
        TrafficRate rate = later.since(earlier);
        assertEquals(500, rate.packets());
        assertEquals(625_000, rate.bytes());
        assertEquals(1_000_000, rate.bitRate());
        assertEquals(100.0, rate.packetRate(), 1e-9);
        assertEquals(1_000_000, rate.fromMillis());
        assertEquals(1_005_000, rate.toMillis());
        assertFalse(rate.restarted());
    }

    @Test
    public void lowerCountersMeanTheSwitchRestartedCounting() {
        RuleSample earlier = new RuleSample(600, 725_000, 15, 1_005_000);
        RuleSample later = new RuleSample(200, 250_000, 2, 1_010_000);
        TrafficRate rate = later.since(earlier);
        assertTrue(rate.restarted());
        assertEquals(250_000, rate.bytes());
        assertEquals(1_008_000, rate.fromMillis());      // two seconds of life before the reading
        assertEquals(1_000_000, rate.bitRate());
    }

    @Test
    public void aReinstalledRuleWithTheSameCountersIsToldByItsLife() {
        RuleSample earlier = new RuleSample(600, 725_000, 15, 1_005_000);
        RuleSample later = new RuleSample(700, 800_000, 1, 1_010_000);
        assertTrue(later.since(earlier).restarted());
        assertEquals(800_000, later.since(earlier).bytes());
    }

    @Test
    public void withoutAnEarlierReadingTheRateCoversTheRulesLife() {
        RuleSample only = new RuleSample(50, 62_500, 5, 2_000_000);
        TrafficRate rate = only.since(null);
        assertFalse(rate.restarted());
        assertEquals(1_995_000, rate.fromMillis());
        assertEquals(100_000, rate.bitRate());
    }

    @Test
    public void aNewRuleWithoutLifeHasNoRateYet() {
        TrafficRate rate = new RuleSample(0, 0, 0, 2_000_000).since(null);
        assertEquals(0, rate.bitRate());
        assertEquals(0.0, rate.packetRate(), 0);
    }

    @Test
    public void onlyLaterReadingsAreNewer() {
        RuleSample a = new RuleSample(1, 1, 1, 1000);
        assertTrue(a.newerThan(null));
        assertFalse(a.newerThan(new RuleSample(1, 1, 1, 1000)));
        assertTrue(a.newerThan(new RuleSample(1, 1, 1, 999)));
    }
}
