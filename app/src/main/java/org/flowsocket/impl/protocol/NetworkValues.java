/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.api.FlowSocketException;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.PortNumber;

import java.util.regex.Pattern;

import static org.flowsocket.api.FlowSocketException.invalid;

/**
 * The network's identifiers as the protocol writes them: IP and MAC
 * addresses, VLAN ids, port numbers, device and host ids. Each parser
 * returns ONOS's value or throws a {@link FlowSocketException} naming the
 * field it came from; {@link RequestFields} reads request fields with them,
 * the GUI the ids its messages carry.
 */
public final class NetworkValues {

    private static final int MAX_DEVICE_ID_LENGTH = 256;

    private static final Pattern HOST_ID = Pattern.compile("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}/\\S+");

    private NetworkValues() {
    }

    /**
     * Parses an IPv4 or IPv6 address.
     *
     * @param text  the text
     * @param field path of the field it came from
     * @return the address
     */
    public static IpAddress ip(String text, String field) {
        try {
            return IpAddress.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not an IP address: " + text);
        }
    }

    /**
     * Parses a MAC address ({@code 00:11:22:33:44:55}).
     *
     * @param text  the text
     * @param field path of the field it came from
     * @return the address
     */
    public static MacAddress mac(String text, String field) {
        if (!text.matches("[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}")) {
            throw invalid(field, "is not a MAC address like 00:11:22:33:44:55: " + text);
        }
        return MacAddress.valueOf(text);
    }

    /**
     * Reads a VLAN id given as a number from 1 to 4094, its decimal string,
     * or the string {@code "None"}.
     *
     * @param value the JSON value
     * @param field path of the field it came from
     * @return the VLAN id
     */
    public static VlanId vlan(JsonNode value, String field) {
        if (value.isTextual() && "none".equalsIgnoreCase(value.asText())) {
            return VlanId.NONE;
        }
        long vlan;
        if (value.isTextual() && value.asText().matches("\\d{1,4}")) {
            vlan = Long.parseLong(value.asText());
        } else if (value.isIntegralNumber() && value.canConvertToLong()) {
            vlan = value.asLong();
        } else {
            throw invalid(field, "must be a VLAN id from 1 to 4094 or \"None\"");
        }
        if (vlan < 1 || vlan > 4094) {
            throw invalid(field, "must be a VLAN id from 1 to 4094 or \"None\", not " + vlan);
        }
        return VlanId.vlanId((short) vlan);
    }

    /**
     * Reads a port number given as a positive number or its decimal string.
     *
     * @param value the JSON value
     * @param field path of the field it came from
     * @return the port number
     */
    public static PortNumber port(JsonNode value, String field) {
        long number;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.asLong();
        } else if (value.isTextual() && value.asText().matches("\\d{1,10}")) {
            number = Long.parseLong(value.asText());
        } else {
            throw invalid(field, "must be a port number");
        }
        if (number < 1 || number > 0xffffff00L) {
            throw invalid(field, "must be a port number from 1 to 4294967040, not " + number);
        }
        return PortNumber.portNumber(number);
    }

    /**
     * Parses a device id of the form {@code scheme:rest}.
     *
     * @param text  the text
     * @param field path of the field it came from
     * @return the device id
     */
    public static DeviceId deviceId(String text, String field) {
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1 || text.length() > MAX_DEVICE_ID_LENGTH
                || text.chars().anyMatch(Character::isWhitespace)) {
            throw invalid(field, "is not a device id like of:0000000000000001: " + text);
        }
        try {
            return DeviceId.deviceId(text);
        } catch (IllegalArgumentException e) {
            // not a URI, e.g. a character a URI scheme may not hold
            throw invalid(field, "is not a device id like of:0000000000000001: " + text);
        }
    }

    /**
     * Parses a host id ({@code 00:11:22:33:44:55/None} or {@code 00:11:22:33:44:55/100}).
     *
     * @param text  the text
     * @param field path of the field it came from
     * @return the host id
     */
    public static HostId hostId(String text, String field) {
        // ONOS's HostId.hostId reads the MAC from the first 17 characters and the
        // VLAN after the 18th whatever that is: check the separator first.
        if (!HOST_ID.matcher(text).matches()) {
            throw invalid(field, "is not a host id like 00:11:22:33:44:55/None: " + text);
        }
        try {
            return HostId.hostId(text);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw invalid(field, "is not a host id like 00:11:22:33:44:55/None: " + text);
        }
    }
}
