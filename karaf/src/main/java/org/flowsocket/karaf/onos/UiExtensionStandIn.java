/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.ui.UiExtensionService;
import org.onosproject.ui.UiExtensionServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link UiExtensionService} (ONOS's GUI): accepts and drops registrations.
 */
@Component(immediate = true, service = UiExtensionService.class)
public class UiExtensionStandIn extends UiExtensionServiceAdapter {
}
