/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterScope;
import org.onosproject.net.meter.MeterStore;

/**
 * Meters of ONOS 2.5.3 and later 2.5 releases, and of 2.7.0: a switch's
 * OpenFlow meters are the global scope, indexed from 1.
 */
public final class ScopedMeterRelease implements MeterRelease {

    @Override
    public MeterStore newStore() {
        return new SandboxMeterStore();
    }

    @Override
    public MeterFeatures build(MeterFeatures.Builder features, long maxMeters) {
        return features.withScope(MeterScope.globalScope())
                .withStartIndex(1)
                .withEndIndex(maxMeters)
                .build();
    }
}
