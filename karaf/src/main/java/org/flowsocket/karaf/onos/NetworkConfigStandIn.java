/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.NetworkConfigServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link NetworkConfigService}: no configuration.
 */
@Component(immediate = true, service = NetworkConfigService.class)
public class NetworkConfigStandIn extends NetworkConfigServiceAdapter {
}
