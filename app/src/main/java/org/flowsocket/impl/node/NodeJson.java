/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.node;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.codec.CodecContext;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.config.NetworkConfigService;
import org.onosproject.net.config.basics.BasicDeviceConfig;
import org.onosproject.net.device.DeviceService;

/**
 * Renders nodes as ONOS sees them: ONOS's own host and device JSON (its
 * codecs) plus FlowSocket's {@code kind} and {@code state}. It reads ONOS's
 * services only, so that the console renders nodes as the protocol does.
 */
public final class NodeJson {

    /** The node is known and its switch (or itself) is connected. */
    public static final String ONLINE = "online";
    /** ONOS knows the device but it is disconnected. */
    public static final String OFFLINE = "offline";
    /** Configured in ONOS but never connected yet. */
    public static final String PROVISIONED = "provisioned";
    /** A host whose attachment switches are all offline. */
    public static final String UNREACHABLE = "unreachable";
    /** The node was removed (RemoveNode replies, DEVICE_UNPROVISIONED events). */
    public static final String REMOVED = "removed";

    private final CodecContext context;
    private final DeviceService deviceService;
    private final NetworkConfigService networkConfigService;

    /**
     * Creates a renderer.
     *
     * @param context       ONOS codec context
     * @param deviceService        ONOS device service
     * @param networkConfigService ONOS network configuration service
     */
    public NodeJson(CodecContext context, DeviceService deviceService, NetworkConfigService networkConfigService) {
        this.context = context;
        this.deviceService = deviceService;
        this.networkConfigService = networkConfigService;
    }

    /**
     * Renders a host.
     *
     * @param host the host
     * @return JSON object
     */
    public ObjectNode host(Host host) {
        ObjectNode json = context.mapper().createObjectNode();
        json.put("kind", "host");
        json.put("state", isReachable(host) ? ONLINE : UNREACHABLE);
        json.setAll(context.codec(Host.class).encode(host, context));
        return json;
    }

    /**
     * Renders a device, connected or only provisioned.
     *
     * @param deviceId the device
     * @return JSON object
     */
    public ObjectNode device(DeviceId deviceId) {
        ObjectNode json = context.mapper().createObjectNode();
        json.put("kind", "device");
        Device device = deviceService.getDevice(deviceId);
        BasicDeviceConfig config = DeviceNodes.basicConfigOf(networkConfigService, deviceId);
        if (device == null) {
            json.put("state", PROVISIONED);
            json.put("id", deviceId.toString());
        } else {
            json.put("state", deviceService.isAvailable(deviceId) ? ONLINE : OFFLINE);
            json.setAll(context.codec(Device.class).encode(device, context));
        }
        json.put("provisioned", config != null);
        if (config != null) {
            json.set("config", config.node());
        }
        return json;
    }

    // A host is reachable while the switch of one of its locations is online.
    private boolean isReachable(Host host) {
        return host.locations().stream().anyMatch(l -> deviceService.isAvailable(l.deviceId()));
    }
}
