/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.protocol;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.HostId;
import org.onosproject.net.PortNumber;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static org.flowsocket.api.FlowSocketException.invalid;
import static org.flowsocket.api.FlowSocketException.missing;

/**
 * Typed, validating reader over one JSON object of a request. Every getter
 * either returns a well-formed value or throws a {@link FlowSocketException}
 * naming the field by its full path (e.g. {@code network.qos.dscp}).
 */
public final class RequestFields {

    /** Longest string accepted in any field. */
    public static final int MAX_TEXT_LENGTH = 1024;

    private final ObjectNode node;
    private final String prefix;

    private RequestFields(ObjectNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /**
     * Wraps a request object.
     *
     * @param node JSON object
     * @return reader at the root
     */
    public static RequestFields of(ObjectNode node) {
        return new RequestFields(node, "");
    }

    /**
     * Returns the wrapped JSON object.
     *
     * @return object node
     */
    public ObjectNode node() {
        return node;
    }

    /**
     * Returns the path of this object itself, e.g. {@code flows[2]}.
     *
     * @return dotted path, empty at the root
     */
    public String location() {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    /**
     * Returns the full path of a field of this object.
     *
     * @param name field name
     * @return dotted path
     */
    public String path(String name) {
        return prefix + name;
    }

    /**
     * Tells whether a field is present and not null.
     *
     * @param name field name
     * @return true if present
     */
    public boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    /**
     * Returns which one of alternative fields the request gives: none is
     * {@code MISSING_FIELD}, two or more are {@code INVALID_FIELD} naming the
     * second given, in the order named.
     *
     * @param whenNone     the field an error names when none is given
     * @param alternatives the fields of which exactly one must be given
     * @return the field given
     */
    public String exactlyOne(String whenNone, String... alternatives) {
        String choices = String.join(", ", Arrays.asList(alternatives).subList(0, alternatives.length - 1))
                + " and " + alternatives[alternatives.length - 1];
        String given = null;
        for (String name : alternatives) {
            if (!has(name)) {
                continue;
            }
            if (given != null) {
                throw invalid(path(name), "cannot be given with " + given + "; give exactly one of " + choices);
            }
            given = name;
        }
        if (given == null) {
            throw new FlowSocketException(ErrorCode.MISSING_FIELD, "give exactly one of " + choices,
                                          path(whenNone), null);
        }
        return given;
    }

    /**
     * Rejects fields other than the given ones, so that a misspelt option
     * is reported instead of silently ignored.
     *
     * @param names accepted field names
     * @return this reader
     */
    public RequestFields allowOnly(String... names) {
        Set<String> allowed = ImmutableSet.copyOf(names);
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw invalid(path(name), "is not a known field here; expected one of " + allowed);
            }
        }
        return this;
    }

    /**
     * Returns a required nested object.
     *
     * @param name field name
     * @return reader of the nested object
     */
    public RequestFields object(String name) {
        JsonNode value = required(name);
        if (!value.isObject()) {
            throw invalid(path(name), "must be an object");
        }
        return new RequestFields((ObjectNode) value, path(name) + ".");
    }

    /**
     * Returns an optional nested object.
     *
     * @param name field name
     * @return reader of the nested object, if present
     */
    public Optional<RequestFields> optObject(String name) {
        return has(name) ? Optional.of(object(name)) : Optional.empty();
    }

    /**
     * Returns a required array of at most {@code maxItems} entries.
     *
     * @param name     field name
     * @param maxItems largest accepted size
     * @return the array
     */
    public ArrayNode array(String name, int maxItems) {
        JsonNode value = required(name);
        if (!value.isArray()) {
            throw invalid(path(name), "must be an array");
        }
        if (value.size() > maxItems) {
            throw new FlowSocketException(ErrorCode.TOO_LARGE, "'" + path(name) + "' has " + value.size()
                    + " entries; at most " + maxItems + " are accepted", path(name), null);
        }
        return (ArrayNode) value;
    }

    /**
     * Returns the reader of the object at an index of an array field.
     *
     * @param name  array field name
     * @param index index in the array
     * @param item  the array element
     * @return reader of the element
     */
    public RequestFields element(String name, int index, JsonNode item) {
        String itemPath = path(name) + "[" + index + "]";
        if (item == null || !item.isObject()) {
            throw invalid(itemPath, "must be an object");
        }
        return new RequestFields((ObjectNode) item, itemPath + ".");
    }

    /**
     * Returns a required non-empty string.
     *
     * @param name field name
     * @return the string
     */
    public String text(String name) {
        JsonNode value = required(name);
        return checkText(name, value);
    }

    /**
     * Returns an optional non-empty string.
     *
     * @param name field name
     * @return the string, if present
     */
    public Optional<String> optText(String name) {
        return has(name) ? Optional.of(text(name)) : Optional.empty();
    }

    /**
     * Returns a required integer within bounds.
     *
     * @param name field name
     * @param min  smallest accepted value
     * @param max  largest accepted value
     * @return the value
     */
    public long integer(String name, long min, long max) {
        JsonNode value = required(name);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw invalid(path(name), "must be a whole number from " + min + " to " + max);
        }
        long v = value.asLong();
        if (v < min || v > max) {
            throw invalid(path(name), "must be from " + min + " to " + max + ", not " + v);
        }
        return v;
    }

    /**
     * Returns an optional integer within bounds, or a default.
     *
     * @param name         field name
     * @param min          smallest accepted value
     * @param max          largest accepted value
     * @param defaultValue value when absent
     * @return the value
     */
    public long integer(String name, long min, long max, long defaultValue) {
        return has(name) ? integer(name, min, max) : defaultValue;
    }

    /**
     * Returns an optional integer within bounds.
     *
     * @param name field name
     * @param min  smallest accepted value
     * @param max  largest accepted value
     * @return the value, if present
     */
    public Optional<Long> optInteger(String name, long min, long max) {
        return has(name) ? Optional.of(integer(name, min, max)) : Optional.empty();
    }

    /**
     * Returns a required number, fractions allowed, within bounds.
     *
     * @param name field name
     * @param min  smallest accepted value
     * @param max  largest accepted value
     * @return the value
     */
    public double decimal(String name, double min, double max) {
        JsonNode value = required(name);
        double v = value.asDouble();
        if (!value.isNumber() || Double.isNaN(v) || v < min || v > max) {
            throw invalid(path(name), "must be a number from " + min + " to " + max);
        }
        return v;
    }

    /**
     * Returns an optional boolean, or a default.
     *
     * @param name         field name
     * @param defaultValue value when absent
     * @return the value
     */
    public boolean bool(String name, boolean defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode value = node.get(name);
        if (!value.isBoolean()) {
            throw invalid(path(name), "must be true or false");
        }
        return value.asBoolean();
    }

    /**
     * Returns an enum constant named by a string field, case-insensitively.
     *
     * @param name  field name
     * @param type  enum class
     * @param <E>   enum type
     * @return the constant, if present
     */
    public <E extends Enum<E>> Optional<E> optEnum(String name, Class<E> type) {
        if (!has(name)) {
            return Optional.empty();
        }
        String text = text(name).toUpperCase(Locale.ROOT).replace('-', '_');
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return Optional.of(constant);
            }
        }
        throw invalid(path(name), "must be one of " + lowerNames(type));
    }

    /**
     * Returns a required IPv4 or IPv6 address.
     *
     * @param name field name
     * @return the address
     */
    public IpAddress ip(String name) {
        return NetworkValues.ip(text(name), path(name));
    }

    /**
     * Returns a required MAC address ({@code 00:11:22:33:44:55}).
     *
     * @param name field name
     * @return the address
     */
    public MacAddress mac(String name) {
        return NetworkValues.mac(text(name), path(name));
    }

    /**
     * Returns a VLAN id given as a number from 1 to 4094 or the string
     * {@code "None"}; absent means none.
     *
     * @param name field name
     * @return the VLAN id
     */
    public VlanId vlan(String name) {
        return has(name) ? NetworkValues.vlan(node.get(name), path(name)) : VlanId.NONE;
    }

    /**
     * Returns a required port number, given as a positive number or its
     * decimal string.
     *
     * @param name field name
     * @return the port number
     */
    public PortNumber port(String name) {
        return NetworkValues.port(required(name), path(name));
    }

    /**
     * Returns a required device id of the form {@code scheme:rest}.
     *
     * @param name field name
     * @return the device id
     */
    public DeviceId deviceId(String name) {
        return NetworkValues.deviceId(text(name), path(name));
    }

    /**
     * Returns a required host id ({@code 00:11:22:33:44:55/None} or
     * {@code 00:11:22:33:44:55/100}).
     *
     * @param name field name
     * @return the host id
     */
    public HostId hostId(String name) {
        return NetworkValues.hostId(text(name), path(name));
    }

    private String checkText(String name, JsonNode value) {
        if (!value.isTextual()) {
            throw invalid(path(name), "must be a string");
        }
        String text = value.asText();
        if (text.isEmpty()) {
            throw invalid(path(name), "must not be empty");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw invalid(path(name), "is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return text;
    }

    private JsonNode required(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw missing(path(name));
        }
        return value;
    }

    private static <E extends Enum<E>> String lowerNames(Class<E> type) {
        StringBuilder names = new StringBuilder();
        for (E constant : type.getEnumConstants()) {
            names.append(names.length() == 0 ? "" : ", ")
                    .append(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return names.toString();
    }
}
