/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.example;

import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.IpProto;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.TrafficClass;
import org.onlab.packet.IpAddress;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;

import java.util.concurrent.CompletableFuture;

/**
 * Another ONOS application as docs/java-api.md shows it: it gives each
 * call a voice-class path through the network, confirmed by the switches,
 * through FlowSocket's exported API alone.
 */
@Component(immediate = true, service = VoiceCalls.class)
public class VoiceCalls {

    /** Owner of the flows this application installs. */
    static final String APP_NAME = "org.example.voicecalls";

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected QosFlowService qosFlowService;

    /**
     * Reserves both directions of a SIP/RTP call between two hosts.
     *
     * @param caller caller's IP address
     * @param callee callee's IP address
     * @return the flow, INSTALLED once every switch on the path confirmed it
     */
    public CompletableFuture<QosFlow> call(IpAddress caller, IpAddress callee) {
        NetworkFlowSpec voice = NetworkFlowSpec.builder(caller, callee)
                .protocol(IpProto.UDP).trafficClass(TrafficClass.VOICE).bidirectional(true).build();
        return qosFlowService.install(QosFlowRequest.builder().network(voice).owner(APP_NAME).build());
    }

    /**
     * Releases a call's flow: every rule and meter it made.
     *
     * @param flowId the flow's id
     * @return the flow as it was, once the switches confirmed the removal
     */
    public CompletableFuture<QosFlow> hangUp(String flowId) {
        return qosFlowService.remove(flowId, false, 0);
    }

    /**
     * Tells a user why a call could not be placed or released.
     *
     * @param error what a future of this application failed with
     * @return the error code, the message and the offending field, if any
     */
    public static String whyNot(Throwable error) {
        if (!(error instanceof FlowSocketException)) {
            return "unexpected failure: " + error;
        }
        FlowSocketException e = (FlowSocketException) error;
        return e.code() + ": " + e.getMessage() + (e.field() == null ? "" : " (" + e.field() + ")");
    }
}
