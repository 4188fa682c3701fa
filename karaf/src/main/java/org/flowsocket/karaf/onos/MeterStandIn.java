/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.meter.MeterService;
import org.onosproject.net.meter.MeterServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link MeterService}: no meters.
 */
@Component(immediate = true, service = MeterService.class)
public class MeterStandIn extends MeterServiceAdapter {
}
