/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.common.collect.ImmutableList;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.api.QosFlowRequest;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.PortNumber;

import java.util.List;
import java.util.Optional;

/**
 * Reads the shell's text arguments and options with the protocol's own rules
 * ({@link RequestFields}), so a value the WebSocket refuses the console
 * refuses too, with the same typed error naming the option.
 */
final class OptionValues {

    /** Most IP addresses one host takes, as AddNode. */
    static final int MAX_IPS = 16;

    private OptionValues() {
    }

    static DeviceId deviceId(String option, String text) {
        return field(option, text).deviceId(option);
    }

    static HostId hostId(String option, String text) {
        return field(option, text).hostId(option);
    }

    static MacAddress mac(String option, String text) {
        return field(option, text).mac(option);
    }

    static IpAddress ip(String option, String text) {
        return field(option, text).ip(option);
    }

    /**
     * Reads IP addresses separated by commas, e.g. {@code 10.0.0.1,10.0.0.2}.
     *
     * @param option option name
     * @param text   the argument
     * @return addresses, at least one
     */
    static List<IpAddress> ips(String option, String text) {
        String[] items = text.split(",", -1);
        if (items.length > MAX_IPS) {
            throw FlowSocketException.invalid(option, "holds more than " + MAX_IPS + " addresses");
        }
        ImmutableList.Builder<IpAddress> ips = ImmutableList.builder();
        for (String item : items) {
            ips.add(ip(option, item.trim()));
        }
        return ips.build();
    }

    /**
     * Reads a VLAN id: 1 to 4094, or {@code None}.
     *
     * @param option option name
     * @param text   the argument, or null for none
     * @return VLAN id
     */
    static VlanId vlan(String option, String text) {
        return text == null ? VlanId.NONE : field(option, text).vlan(option);
    }

    static PortNumber port(String option, String text) {
        return field(option, text).port(option);
    }

    /**
     * Reads a constant by its protocol name: lower case, dashes for
     * underscores ({@code best-effort}, {@code udp}, {@code installed}).
     *
     * @param option option name
     * @param text   the argument, or null
     * @param type   enum class
     * @param <E>    enum type
     * @return the constant, empty for null
     */
    static <E extends Enum<E>> Optional<E> named(String option, String text, Class<E> type) {
        return text == null ? Optional.empty() : field(option, text).optEnum(option, type);
    }

    /**
     * Checks a confirmation wait as the protocol's {@code timeoutMs}: 0 for
     * the server's default, or 100 to 120000 ms.
     *
     * @param option option name
     * @param millis the value
     * @return the value
     */
    static long timeoutMillis(String option, long millis) {
        if (millis != 0 && (millis < 100 || millis > QosFlowRequest.MAX_TIMEOUT_MILLIS)) {
            throw FlowSocketException.invalid(option, "must be from 100 to " + QosFlowRequest.MAX_TIMEOUT_MILLIS
                    + ", not " + millis);
        }
        return millis;
    }

    private static RequestFields field(String option, String text) {
        return RequestFields.of(JsonNodeFactory.instance.objectNode().put(option, text));
    }
}
