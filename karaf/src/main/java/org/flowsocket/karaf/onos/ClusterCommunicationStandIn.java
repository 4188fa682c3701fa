/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.store.cluster.messaging.ClusterCommunicationService;
import org.onosproject.store.cluster.messaging.ClusterCommunicationServiceAdapter;
import org.osgi.service.component.annotations.Component;

/**
 * {@link ClusterCommunicationService} of a one-node ONOS. ONOS 2.5.6
 * ClusterCommunicationManager broadcasts to every member but the sender, so
 * on one node nothing is sent and no subscriber ever hears a message: what
 * onos-api's adapter does.
 */
@Component(immediate = true, service = ClusterCommunicationService.class)
public class ClusterCommunicationStandIn extends ClusterCommunicationServiceAdapter {
}
