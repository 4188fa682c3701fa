/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import java.util.List;

/**
 * The traffic of flow handles, measured from ONOS's flow statistics.
 */
public interface FlowTrafficService {

    /**
     * Returns flows' traffic over ONOS's latest statistics period: between
     * the last two flow statistics ONOS got of each rule (before the second,
     * since the rule's installation).
     *
     * @param flows the flow handles
     * @return each flow's traffic, in the same order
     */
    List<FlowTraffic> latestTraffic(List<QosFlow> flows);
}
