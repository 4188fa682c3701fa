/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.cfg.ComponentConfigService;
import org.osgi.service.component.annotations.Component;

/**
 * {@link ComponentConfigService}: accepts property registrations.
 */
@Component(immediate = true, service = ComponentConfigService.class)
public class ComponentConfigStandIn extends ComponentConfigAdapter {
}
