/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlowMeter;
import org.flowsocket.impl.flow.MeterAllocation;
import org.junit.Test;
import org.onosproject.net.meter.Band;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

/**
 * MeterAllocator on its own: one drop meter per device, ONOS's report of
 * them, and their release.
 */
public class MeterAllocatorTest extends FlowPartsTestBase {

    @Test
    public void oneDropMeterPerDeviceReportedInstalled() throws Exception {
        MeterAllocation allocation = parts.meterAllocator.allocate(
                List.of(FakeDevices.id(1), FakeDevices.id(2)), 1500, 64L, 1000);
        allocation.installed().get(5, TimeUnit.SECONDS);
        assertEquals(2, allocation.meters().size());
        assertEquals(2, parts.meters.live().size());
        parts.meters.live().values().forEach(request -> {
            Band band = request.bands().iterator().next();
            assertEquals(Band.Type.DROP, band.type());
            assertEquals(1500, band.rate());
            assertEquals(Long.valueOf(64), band.burst());
            assertTrue(request.isBurst());
        });
        assertEquals("ADDED", parts.meterAllocator.stateOf(allocation.meters().get(0)));
    }

    @Test
    public void meterNotYetReportedIsPendingUntilOnosReadsTheSwitch() throws Exception {
        parts.meters.holdConfirmations();
        MeterAllocation allocation = parts.meterAllocator.allocate(List.of(FakeDevices.id(1)), 1500, null, 1000);
        assertFalse(allocation.installed().isDone());
        assertEquals("PENDING_ADD", parts.meterAllocator.stateOf(allocation.meters().get(0)));
        parts.meters.confirmHeld();
        allocation.installed().get(5, TimeUnit.SECONDS);
    }

    @Test
    public void refusedMeterFailsTheAllocation() throws Exception {
        parts.meters.refuseOn(FakeDevices.id(2));
        MeterAllocation allocation = parts.meterAllocator.allocate(
                List.of(FakeDevices.id(1), FakeDevices.id(2)), 1500, null, 1000);
        try {
            allocation.installed().get(5, TimeUnit.SECONDS);
            fail("a refused meter was reported installed");
        } catch (ExecutionException e) {
            FlowSocketException error = (FlowSocketException) e.getCause();
            assertEquals(ErrorCode.FLOW_REFUSED, error.code());
            assertTrue(error.getMessage(), error.getMessage().contains(FakeDevices.id(2).toString()));
        }
    }

    @Test
    public void releaseWithdrawsEveryMeter() {
        MeterAllocation allocation = parts.meterAllocator.allocate(
                List.of(FakeDevices.id(1), FakeDevices.id(3)), 800, null, 1000);
        parts.meterAllocator.release(allocation.meters());
        assertTrue(parts.meters.live().isEmpty());
        assertEquals(2, parts.meters.removals().size());
        for (QosFlowMeter meter : allocation.meters()) {
            assertEquals("NOT_IN_ONOS", parts.meterAllocator.stateOf(meter));
        }
    }
}
