/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.flow.FlowRule;

import java.util.List;

/**
 * Turns what the installer reports about a flow's rules into the client's
 * error: the rules the switches refused and why, or the wait that ran out.
 */
final class FlowErrors {

    private final ObjectMapper mapper;
    private final DeviceService deviceService;

    /**
     * Creates the translator.
     *
     * @param mapper        JSON mapper for error details
     * @param deviceService ONOS device service, to tell an offline device
     */
    FlowErrors(ObjectMapper mapper, DeviceService deviceService) {
        this.mapper = mapper;
        this.deviceService = deviceService;
    }

    /**
     * Returns the client's error for a failed install or removal.
     *
     * @param error   what the installer or the removal wait reported, unwrapped
     * @param what    the operations the switches were asked for, e.g. "rule(s)"
     * @param outcome what became of the rules
     * @return the error
     */
    FlowSocketException errorFor(Throwable error, String what, String outcome) {
        if (error instanceof FlowInstaller.Refused) {
            List<FlowRule> refused = ((FlowInstaller.Refused) error).rules();
            ArrayNode details = mapper.createArrayNode();
            String why = null;
            for (FlowRule rule : refused) {
                ObjectNode ref = ruleRef(rule);
                String name = SwitchErrors.describe(rule, ref);
                why = why == null ? name : why;
                details.add(ref);
            }
            ObjectNode body = mapper.createObjectNode();
            body.set("refused", details);
            if (why == null && !refused.isEmpty() && !deviceService.isAvailable(refused.get(0).deviceId())) {
                why = "device offline";
            }
            return new FlowSocketException(ErrorCode.FLOW_REFUSED, "the switches refused " + refused.size()
                    + " " + what + ", first on "
                    + (refused.isEmpty() ? "an unnamed device" : refused.get(0).deviceId())
                    + (why == null ? "" : " (" + why + ")")
                    + "; " + outcome, null, body);
        }
        if (error instanceof FlowInstaller.TimedOut || error instanceof RuleRemovals.StillListed) {
            return new FlowSocketException(ErrorCode.CONFIRM_TIMEOUT, error.getMessage() + "; " + outcome);
        }
        if (error instanceof FlowSocketException) {
            return (FlowSocketException) error;
        }
        return new FlowSocketException(ErrorCode.INTERNAL_ERROR, "installing failed: " + error);
    }

    /**
     * Describes a rule briefly: device and flow id.
     *
     * @param rule the rule
     * @return JSON object
     */
    ObjectNode ruleRef(FlowRule rule) {
        ObjectNode ref = mapper.createObjectNode();
        ref.put("deviceId", rule.deviceId().toString());
        ref.put("flowId", OnosFlowEntries.flowIdOf(rule));
        return ref;
    }
}
