/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.link.LinkService;
import org.onosproject.net.link.LinkServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link LinkService}: no links.
 */
@Component(immediate = true, service = LinkService.class)
public class LinkStandIn extends LinkServiceAdapter {
}
