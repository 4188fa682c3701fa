/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.topology.PathService;
import org.onosproject.net.topology.PathServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link PathService}: no paths.
 */
@Component(immediate = true, service = PathService.class)
public class PathStandIn extends PathServiceAdapter {
}
