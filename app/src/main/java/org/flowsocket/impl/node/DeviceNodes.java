/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.DeviceNode;
import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.onosproject.net.DeviceId;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.device.DeviceAdminService;
import org.onosproject.net.device.DeviceService;

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
     * Provisions (or, with {@code replace}, updates) a device in ONOS's
     * network configuration.
     *
     * @param node    the device
     * @param replace whether a known or provisioned device is updated rather than refused
     * @return its device id
     */
    public DeviceId add(DeviceNode node, boolean replace) {
        DeviceId deviceId = node.deviceId();
        if (!replace && isKnown(deviceId)) {
            throw new FlowSocketException(ErrorCode.DUPLICATE_NODE, "device " + deviceId
                    + " exists or is provisioned already; send replace: true to update it", "deviceId", null);
        }
        ObjectNode basic = basicConfig(node);
        Optional<DeviceNode.Protocol> protocol = node.protocol().filter(DeviceNode.Protocol::hasConfig);
        try {
            networkConfigService.applyConfig(DEVICES, deviceId, BASIC, basic);
            if (protocol.isPresent()) {
                networkConfigService.applyConfig(DEVICES, deviceId, protocol.get().configKey(),
                                                 protocolConfig(node));
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
        for (DeviceNode.Protocol protocol : DeviceNode.Protocol.values()) {
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
        return isKnown(deviceId, deviceService, networkConfigService);
    }

    /**
     * Tells whether ONOS has the device or its basic configuration.
     *
     * @param deviceId             the device
     * @param deviceService        ONOS device service
     * @param networkConfigService ONOS network configuration service
     * @return true if known
     */
    public static boolean isKnown(DeviceId deviceId, DeviceService deviceService,
                                  NetworkConfigService networkConfigService) {
        return deviceService.getDevice(deviceId) != null || basicConfigOf(networkConfigService, deviceId) != null;
    }

    /**
     * Returns the device's basic configuration.
     *
     * @param deviceId the device
     * @return the config, or null
     */
    public BasicDeviceConfig basicConfigOf(DeviceId deviceId) {
        return basicConfigOf(networkConfigService, deviceId);
    }

    /**
     * Returns a device's basic configuration.
     *
     * @param networkConfigService ONOS network configuration service
     * @param deviceId             the device
     * @return the config, or null
     */
    public static BasicDeviceConfig basicConfigOf(NetworkConfigService networkConfigService, DeviceId deviceId) {
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

    // As ONOS's BasicDeviceConfig reads it.
    private ObjectNode basicConfig(DeviceNode node) {
        ObjectNode basic = mapper.createObjectNode();
        node.type().ifPresent(t -> basic.put("type", t.name()));
        node.text().forEach(basic::put);
        node.geo().ifPresent(geo -> basic.put("locType", "geo").put("latitude", geo[0]).put("longitude", geo[1]));
        node.grid().ifPresent(grid -> basic.put("locType", "grid").put("gridX", grid[0]).put("gridY", grid[1]));
        return basic;
    }

    // As the protocol's ONOS provider reads it (e.g. NetconfDeviceConfig).
    private ObjectNode protocolConfig(DeviceNode node) {
        ObjectNode config = mapper.createObjectNode();
        config.put("ip", node.ip().toString());
        config.put("port", node.port());
        if (node.username() != null) {
            config.put("username", node.username());
        }
        if (node.password() != null) {
            config.put("password", node.password());
        }
        return config;
    }

}
