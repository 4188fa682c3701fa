/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.codec;

import org.flowsocket.api.DeviceNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;

import java.util.Locale;
import java.util.Optional;

/**
 * The device of an AddNode request ({@code kind: device}), as
 * {@link DeviceNode}. A device given by protocol and address (or datapath
 * id) gets the id ONOS would give it.
 */
public final class DeviceNodeCodec {

    private DeviceNodeCodec() {
    }

    /**
     * Reads and validates the device of an AddNode request.
     *
     * @param f the request
     * @return the device
     * @throws FlowSocketException naming the offending field
     */
    public static DeviceNode decode(RequestFields f) {
        f.allowOnly("type", "id", "kind", "deviceId", "protocol", "ip", "port", "dpid", "deviceType", "name",
                    "driver", "managementAddress", "latitude", "longitude", "gridX", "gridY", "owner",
                    "manufacturer", "hwVersion", "swVersion", "serial", "username", "password", "replace");
        Optional<DeviceNode.Protocol> protocol = f.optEnum("protocol", DeviceNode.Protocol.class);
        DeviceNode.Builder device = DeviceNode.builder(f.has("deviceId") ? f.deviceId("deviceId")
                                                               : derivedId(f, protocol));
        f.optEnum("deviceType", Device.Type.class).ifPresent(device::type);
        for (String field : DeviceNode.TEXT_FIELDS) {
            f.optText(field).ifPresent(v -> device.text(field, v));
        }
        if (f.has("latitude") || f.has("longitude")) {
            device.geo(f.decimal("latitude", -90, 90), f.decimal("longitude", -180, 180));
        } else if (f.has("gridX") || f.has("gridY")) {
            device.grid(f.decimal("gridX", -100_000, 100_000), f.decimal("gridY", -100_000, 100_000));
        }
        protocol.ifPresent(p -> device.reachedBy(p, p.hasConfig() ? f.ip("ip") : null,
                                                 p.hasConfig() ? (int) f.integer("port", 1, 65535, p.defaultPort())
                                                         : 0,
                                                 f.optText("username").orElse(null),
                                                 f.optText("password").orElse(null)));
        return device.build();
    }

    /**
     * Names the field of a device's error as the request gave the device:
     * its id, its datapath id or its address.
     *
     * @param error   the device's error
     * @param request the request the device was read from
     * @return the error about the request's field
     */
    public static FlowSocketException asRequestField(FlowSocketException error, RequestFields request) {
        if (error.code() != ErrorCode.DUPLICATE_NODE || request.has("deviceId")) {
            return error;
        }
        String field = request.optEnum("protocol", DeviceNode.Protocol.class)
                .filter(p -> p == DeviceNode.Protocol.OPENFLOW).isPresent() ? "dpid" : "ip";
        return error.aboutField(field);
    }

    private static DeviceId derivedId(RequestFields f, Optional<DeviceNode.Protocol> protocol) {
        if (protocol.isEmpty()) {
            throw FlowSocketException.missing(f.path("deviceId"));
        }
        DeviceNode.Protocol p = protocol.get();
        if (p == DeviceNode.Protocol.OPENFLOW) {
            String dpid = f.text("dpid").replace(":", "").toLowerCase(Locale.ROOT);
            if (!dpid.matches("[0-9a-f]{1,16}")) {
                throw FlowSocketException.invalid(f.path("dpid"), "is not a datapath id of up to 16 hex digits");
            }
            return DeviceNode.openFlowId(Long.parseUnsignedLong(dpid, 16));
        }
        if (!p.hasConfig()) {
            throw FlowSocketException.invalid(f.path("protocol"), "cannot derive a device id; give deviceId");
        }
        IpAddress ip = f.ip("ip");
        return p.deviceId(ip, (int) f.integer("port", 1, 65535, p.defaultPort()));
    }
}
