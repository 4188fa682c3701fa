/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.topology.TopologyService;
import org.onosproject.net.topology.TopologyServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link TopologyService} of a network with one switch and no links: no
 * paths and no topology events, as onos-api's adapter gives.
 */
@Component(immediate = true, service = TopologyService.class)
public class TopologyStandIn extends TopologyServiceAdapter {
}
