/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import com.google.common.collect.ImmutableList;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.FlowRuleServiceAdapter;
import org.osgi.service.component.annotations.Component;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * {@link FlowRuleService} of switches that never answer: batches are accepted
 * and never confirmed, and no rule ever shows.
 */
@Component(immediate = true, service = FlowRuleService.class)
public class FlowRuleStandIn extends FlowRuleServiceAdapter {

    // As ONOS 2.5.6 FlowRuleManager.DEVICE_ID_NULL.
    private static final String DEVICE_ID_NULL = "Device ID cannot be null";

    /**
     * As ONOS 2.5.6 FlowRuleManager.getFlowEntries: the store's entries of
     * the device, never null (onos-api's adapter returns null).
     */
    @Override
    public Iterable<FlowEntry> getFlowEntries(DeviceId deviceId) {
        checkNotNull(deviceId, DEVICE_ID_NULL);
        return ImmutableList.of();
    }
}
