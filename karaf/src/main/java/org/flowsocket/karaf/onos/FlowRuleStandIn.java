/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.net.flow.FlowRuleService;
import org.onosproject.net.flow.FlowRuleServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link FlowRuleService}: no rules.
 */
@Component(immediate = true, service = FlowRuleService.class)
public class FlowRuleStandIn extends FlowRuleServiceAdapter {
}
