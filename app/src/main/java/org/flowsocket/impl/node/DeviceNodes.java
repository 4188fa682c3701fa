/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.protocol.RequestFields;
import org.onlab.packet.IpAddress;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.device.DeviceAdminService;
import org.onosproject.net.device.DeviceService;

import java.util.Locale;
import java.util.Optional;

/**
 * Provisions devices through ONOS's network configuration: the
 * {@code devices.<id>.basic} config and, for protocols ONOS connects to
 * itself (NETCONF, REST, SNMP), the protocol's config that its provider
 * acts on. OpenFlow switches connect to ONOS themselves; provisioning one
 * names it and sets its driver and location before it does.
 */
public final class DeviceNodes {

    /** Subject class key of devices in ONOS's network configuration. */
    static final String DEVICES = "devices";
    static final String BASIC = "basic";

    private static final String[] BASIC_TEXT_FIELDS = {
        "name", "driver", "managementAddress", "owner", "manufacturer", "hwVersion", "swVersion", "serial",
    };

    private final NetworkConfigService networkConfigService;
    private final DeviceService deviceService;
    private final DeviceAdminService deviceAdminService;
    private final ObjectMapper mapper;

    /**
     * Creates the provisioner.
     *
     * @param networkConfigService ONOS network configuration service
     * @param deviceService        ONOS device service
     * @param deviceAdminService   ONOS device admin service
     * @param mapper               JSON mapper
     */
    public DeviceNodes(NetworkConfigService networkConfigService, DeviceService deviceService,
                       DeviceAdminService deviceAdminService, ObjectMapper mapper) {
        this.networkConfigService = networkConfigService;
        this.deviceService = deviceService;
        this.deviceAdminService = deviceAdminService;
        this.mapper = mapper;
    }

    /**
     * Provisions a device.
     *
     * @param f the AddNode request
     * @return the device id
     */
    public DeviceId add(RequestFields f) {
        f.allowOnly("type", "id", "kind", "deviceId", "protocol", "ip", "port", "dpid", "deviceType", "name",
                    "driver", "managementAddress", "latitude", "longitude", "gridX", "gridY", "owner",
                    "manufacturer", "hwVersion", "swVersion", "serial", "username", "password", "replace");
        Optional<DeviceProtocol> protocol = f.optEnum("protocol", DeviceProtocol.class);
        DeviceId deviceId = f.has("deviceId") ? f.deviceId("deviceId") : derivedId(f, protocol);
        if (!f.bool("replace", false) && isKnown(deviceId)) {
            throw new FlowSocketException(ErrorCode.DUPLICATE_NODE, "device " + deviceId
                    + " exists or is provisioned already; send replace: true to update it",
                                          f.has("deviceId") ? "deviceId"
                                                  : protocol.get() == DeviceProtocol.OPENFLOW ? "dpid" : "ip", null);
        }
        ObjectNode basic = basicConfig(f);
        ObjectNode protocolConfig = protocol.filter(DeviceProtocol::hasConfig)
                .map(p -> protocolConfig(f, p)).orElse(null);
        try {
            networkConfigService.applyConfig(DEVICES, deviceId, BASIC, basic);
            if (protocolConfig != null) {
                networkConfigService.applyConfig(DEVICES, deviceId, protocol.get().configKey(), protocolConfig);
            }
        } catch (IllegalArgumentException e) {
            throw new FlowSocketException(ErrorCode.INVALID_FIELD, "ONOS rejected the device configuration: "
                    + e.getMessage());
        }
        return deviceId;
    }

    /**
     * Removes a device: its configuration and, if ONOS has it, the device.
     *
     * @param deviceId the device
     */
    public void remove(DeviceId deviceId) {
        if (!isKnown(deviceId)) {
            throw unknown(deviceId);
        }
        networkConfigService.removeConfig(DEVICES, deviceId, BASIC);
        for (DeviceProtocol protocol : DeviceProtocol.values()) {
            if (protocol.hasConfig()) {
                networkConfigService.removeConfig(DEVICES, deviceId, protocol.configKey());
            }
        }
        if (deviceService.getDevice(deviceId) != null) {
            deviceAdminService.removeDevice(deviceId);
        }
    }

    /**
     * Tells whether ONOS has the device or its basic configuration.
     *
     * @param deviceId the device
     * @return true if known
     */
    public boolean isKnown(DeviceId deviceId) {
        return deviceService.getDevice(deviceId) != null || basicConfigOf(deviceId) != null;
    }

    /**
     * Returns the device's basic configuration.
     *
     * @param deviceId the device
     * @return the config, or null
     */
    public BasicDeviceConfig basicConfigOf(DeviceId deviceId) {
        return networkConfigService.getConfig(deviceId, BasicDeviceConfig.class);
    }

    /**
     * Builds the error for an unknown device.
     *
     * @param deviceId the device
     * @return the error
     */
    public static FlowSocketException unknown(DeviceId deviceId) {
        return new FlowSocketException(ErrorCode.UNKNOWN_DEVICE, "device " + deviceId
                + " is neither known to ONOS nor provisioned", "deviceId", null);
    }

    private DeviceId derivedId(RequestFields f, Optional<DeviceProtocol> protocol) {
        if (protocol.isEmpty()) {
            throw FlowSocketException.missing(f.path("deviceId"));
        }
        DeviceProtocol p = protocol.get();
        if (p == DeviceProtocol.OPENFLOW) {
            String dpid = f.text("dpid").replace(":", "").toLowerCase(Locale.ROOT);
            if (!dpid.matches("[0-9a-f]{1,16}")) {
                throw FlowSocketException.invalid(f.path("dpid"), "is not a datapath id of up to 16 hex digits");
            }
            return DeviceId.deviceId(String.format("of:%016x", Long.parseUnsignedLong(dpid, 16)));
        }
        if (!p.hasConfig()) {
            throw FlowSocketException.invalid(f.path("protocol"), "cannot derive a device id; give deviceId");
        }
        IpAddress ip = f.ip("ip");
        long port = f.integer("port", 1, 65535, p.defaultPort());
        return DeviceId.deviceId(p.configKey() + ":" + ip + ":" + port);
    }

    private ObjectNode basicConfig(RequestFields f) {
        ObjectNode basic = mapper.createObjectNode();
        f.optEnum("deviceType", Device.Type.class).ifPresent(t -> basic.put("type", t.name()));
        for (String field : BASIC_TEXT_FIELDS) {
            f.optText(field).ifPresent(v -> basic.put(field, v));
        }
        if (f.has("latitude") || f.has("longitude")) {
            basic.put("locType", "geo");
            basic.put("latitude", f.decimal("latitude", -90, 90));
            basic.put("longitude", f.decimal("longitude", -180, 180));
        } else if (f.has("gridX") || f.has("gridY")) {
            basic.put("locType", "grid");
            basic.put("gridX", f.decimal("gridX", -100_000, 100_000));
            basic.put("gridY", f.decimal("gridY", -100_000, 100_000));
        }
        return basic;
    }

    private ObjectNode protocolConfig(RequestFields f, DeviceProtocol protocol) {
        ObjectNode config = mapper.createObjectNode();
        config.put("ip", f.ip("ip").toString());
        config.put("port", f.integer("port", 1, 65535, protocol.defaultPort()));
        f.optText("username").ifPresent(v -> config.put("username", v));
        f.optText("password").ifPresent(v -> config.put("password", v));
        return config;
    }

    /** Management protocols a device can be provisioned with. */
    public enum DeviceProtocol {
        NETCONF("netconf", 830), REST("rest", 443), SNMP("snmp", 161), OPENFLOW(null, 0);

        private final String configKey;
        private final int defaultPort;

        DeviceProtocol(String configKey, int defaultPort) {
            this.configKey = configKey;
            this.defaultPort = defaultPort;
        }

        /** @return the network config key and device id scheme, or null */
        public String configKey() {
            return configKey;
        }

        /** @return whether ONOS connects using a protocol config */
        public boolean hasConfig() {
            return configKey != null;
        }

        /** @return the protocol's usual port */
        public int defaultPort() {
            return defaultPort;
        }
    }
}
