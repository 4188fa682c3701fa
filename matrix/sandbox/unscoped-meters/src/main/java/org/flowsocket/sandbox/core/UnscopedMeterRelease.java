/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterStore;

/**
 * Meters of ONOS 2.5.0 to 2.5.2 and 2.6.0: no meter scopes or index ranges;
 * a switch's meter ids run from 1 to below its maximum. Compiled against
 * ONOS 2.5.0's API and found by {@link MeterRelease#onClassPath()}.
 */
public final class UnscopedMeterRelease implements MeterRelease {

    @Override
    public MeterStore newStore() {
        return new UnscopedMeterStore();
    }

    @Override
    public MeterFeatures build(MeterFeatures.Builder features, long maxMeters) {
        return features.build();
    }
}
