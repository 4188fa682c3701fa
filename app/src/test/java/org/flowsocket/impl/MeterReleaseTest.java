/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.impl.flow.MeterAllocator;
import org.flowsocket.api.QosFlowMeter;
import org.junit.After;
import org.junit.Test;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.Band;
import org.onosproject.net.meter.MeterRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Releasing a meter through ONOS's own {@code DefaultMeterRequest} builder
 * (whichever onos-api the tests run on) removes the very meter that was
 * added: same device, unit, burst flag and band.
 */
public class MeterReleaseTest {

    private static final DeviceId D1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId D2 = DeviceId.deviceId("of:0000000000000002");

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final FakeMeters meters = new FakeMeters();
    private final MeterAllocator allocator =
            new MeterAllocator(meters, new DefaultApplicationId(7, "org.flowsocket.app"), timer);

    @After
    public void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    public void releaseRemovesTheMeterWithItsOwnBand() {
        assertReleased(allocator.allocate(List.of(D1, D2), 512, 64L, 5000).meters());
    }

    @Test
    public void releaseRemovesAMeterWithoutBurst() {
        assertReleased(allocator.allocate(List.of(D1), 2000, null, 5000).meters());
    }

    private void assertReleased(List<QosFlowMeter> made) {
        Map<Long, MeterRequest> added = Map.copyOf(meters.live());
        allocator.release(made);
        assertTrue("every meter withdrawn: " + meters.live(), meters.live().isEmpty());
        assertEquals(made.size(), meters.removals().size());
        for (int i = 0; i < made.size(); i++) {
            MeterRequest addition = added.get(made.get(i).meterId().id());
            MeterRequest removal = meters.removals().get(i);
            assertEquals(addition.deviceId(), removal.deviceId());
            assertEquals(addition.unit(), removal.unit());
            assertEquals(addition.isBurst(), removal.isBurst());
            assertEquals(describe(addition.bands()), describe(removal.bands()));
        }
    }

    // DefaultBand has no equals.
    private static String describe(java.util.Collection<Band> bands) {
        StringBuilder out = new StringBuilder();
        bands.forEach(b -> out.append(b.type()).append(' ').append(b.rate()).append(' ').append(b.burst())
                .append(';'));
        return out.toString();
    }
}
