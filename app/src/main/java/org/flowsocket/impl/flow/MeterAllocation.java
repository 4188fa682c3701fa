/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.QosFlowMeter;
import com.google.common.collect.ImmutableList;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Meters submitted to ONOS for one flow: their ids, known at once, and the
 * future of ONOS's report that the switches hold them all.
 */
public final class MeterAllocation {

    private static final MeterAllocation NONE =
            new MeterAllocation(ImmutableList.of(), CompletableFuture.completedFuture(null));

    private final List<QosFlowMeter> meters;
    private final CompletableFuture<Void> installed;

    MeterAllocation(List<QosFlowMeter> meters, CompletableFuture<Void> installed) {
        this.meters = ImmutableList.copyOf(meters);
        this.installed = checkNotNull(installed);
    }

    /**
     * Returns the allocation of a flow without meters.
     *
     * @return an empty allocation, installed already
     */
    public static MeterAllocation none() {
        return NONE;
    }

    /** @return the meters, one per device */
    public List<QosFlowMeter> meters() {
        return meters;
    }

    /**
     * Returns the future completed when ONOS reports every meter ADDED;
     * failed with a {@code FLOW_REFUSED} or {@code CONFIRM_TIMEOUT}
     * FlowSocketException otherwise.
     *
     * @return the future
     */
    public CompletableFuture<Void> installed() {
        return installed;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("meters", meters).add("installed", installed.isDone()).toString();
    }
}
