/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import org.onosproject.net.meter.MeterFeatures;
import org.onosproject.net.meter.MeterStore;

import java.util.ServiceLoader;

/**
 * The part of ONOS's meter API that changed between the releases the sandbox
 * runs on. ONOS 2.5.3 (and 2.7.0) added meter scopes and index ranges to
 * {@code MeterStore} and {@code MeterFeatures}; 2.5.0 to 2.5.2 and 2.6.0 have
 * neither. The sandbox is built against ONOS 2.5.6 and uses
 * {@link ScopedMeterRelease}; a class path with an onos-api without meter
 * scopes names its own implementation in
 * {@code META-INF/services/org.flowsocket.sandbox.core.MeterRelease}.
 */
public interface MeterRelease {

    /**
     * Returns a new single-instance meter store for ONOS's {@code MeterManager}.
     *
     * @return meter store
     */
    MeterStore newStore();

    /**
     * Completes the meter features a switch announces.
     *
     * @param features  builder holding what every release has (device, maximum
     *                  meters, bands, colours, band types, units, burst, stats)
     * @param maxMeters how many meters the switch has, numbered from 1
     * @return the features
     */
    MeterFeatures build(MeterFeatures.Builder features, long maxMeters);

    /**
     * Returns the implementation for the onos-api on the class path.
     *
     * @return the one named by the class path, or {@link ScopedMeterRelease}
     */
    static MeterRelease onClassPath() {
        return ServiceLoader.load(MeterRelease.class, MeterRelease.class.getClassLoader())
                .findFirst().orElseGet(ScopedMeterRelease::new);
    }
}
