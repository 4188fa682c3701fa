/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableMap;
import org.onlab.packet.IpAddress;
import org.onosproject.net.Device;
import org.onosproject.net.DeviceId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A device to provision in ONOS's network configuration: its basic
 * configuration (type, name, driver, location...) and, for a device ONOS
 * connects to itself (NETCONF, REST, SNMP), the address and credentials ONOS
 * uses. ONOS reports the device online once it connects.
 */
public final class DeviceNode {

    /** Basic configuration fields that hold text, as ONOS's BasicDeviceConfig names them. */
    public static final String[] TEXT_FIELDS = {
        "name", "driver", "managementAddress", "owner", "manufacturer", "hwVersion", "swVersion", "serial",
    };

    /** How ONOS reaches a device. */
    public enum Protocol {
        /** NETCONF over SSH; ONOS connects to the device. */
        NETCONF("netconf", 830),
        /** REST; ONOS connects to the device. */
        REST("rest", 443),
        /** SNMP; ONOS polls the device. */
        SNMP("snmp", 161),
        /** OpenFlow; the switch connects to ONOS. */
        OPENFLOW(null, 0);

        private final String configKey;
        private final int defaultPort;

        Protocol(String configKey, int defaultPort) {
            this.configKey = configKey;
            this.defaultPort = defaultPort;
        }

        /**
         * Returns the network configuration key and device id scheme of the
         * protocol's ONOS provider.
         *
         * @return key such as {@code netconf}, or null for OpenFlow
         */
        public String configKey() {
            return configKey;
        }

        /**
         * Tells whether ONOS needs an address to reach the device.
         *
         * @return true for NETCONF, REST and SNMP
         */
        public boolean hasConfig() {
            return configKey != null;
        }

        /**
         * Returns the port ONOS connects to by default.
         *
         * @return port, 0 for OpenFlow
         */
        public int defaultPort() {
            return defaultPort;
        }

        /**
         * Returns the device id ONOS gives a device it reaches at an address.
         *
         * @param ip   device's address
         * @param port device's port
         * @return id such as {@code netconf:10.0.0.5:830}
         */
        public DeviceId deviceId(IpAddress ip, int port) {
            checkArgument(hasConfig(), "%s devices have no address-based id", this);
            return DeviceId.deviceId(configKey + ":" + ip + ":" + port);
        }
    }

    private final DeviceId deviceId;
    private final Device.Type type;
    private final Map<String, String> text;
    private final Double latitude;
    private final Double longitude;
    private final Double gridX;
    private final Double gridY;
    private final Protocol protocol;
    private final IpAddress ip;
    private final int port;
    private final String username;
    private final String password;

    private DeviceNode(Builder b) {
        this.deviceId = b.deviceId;
        this.type = b.type;
        this.text = ImmutableMap.copyOf(b.text);
        this.latitude = b.latitude;
        this.longitude = b.longitude;
        this.gridX = b.gridX;
        this.gridY = b.gridY;
        this.protocol = b.protocol;
        this.ip = b.ip;
        this.port = b.port;
        this.username = b.username;
        this.password = b.password;
    }

    /**
     * Returns the id of an OpenFlow switch.
     *
     * @param dpid datapath id
     * @return id such as {@code of:0000000000000001}
     */
    public static DeviceId openFlowId(long dpid) {
        return DeviceId.deviceId(String.format("of:%016x", dpid));
    }

    /** @return device id */
    public DeviceId deviceId() {
        return deviceId;
    }

    /** @return device type, if set */
    public Optional<Device.Type> type() {
        return Optional.ofNullable(type);
    }

    /** @return basic text fields by name (see {@link #TEXT_FIELDS}) */
    public Map<String, String> text() {
        return text;
    }

    /** @return latitude and longitude, if the device has a geographic location */
    public Optional<double[]> geo() {
        return latitude == null ? Optional.empty() : Optional.of(new double[]{latitude, longitude});
    }

    /** @return x and y, if the device has a grid location */
    public Optional<double[]> grid() {
        return gridX == null ? Optional.empty() : Optional.of(new double[]{gridX, gridY});
    }

    /** @return how ONOS reaches the device, if given */
    public Optional<Protocol> protocol() {
        return Optional.ofNullable(protocol);
    }

    /** @return address ONOS connects to, for NETCONF, REST and SNMP */
    public IpAddress ip() {
        return ip;
    }

    /** @return port ONOS connects to, for NETCONF, REST and SNMP */
    public int port() {
        return port;
    }

    /** @return user name ONOS logs in with, or null */
    public String username() {
        return username;
    }

    /** @return password ONOS logs in with, or null */
    public String password() {
        return password;
    }

    /**
     * Returns a builder of a device.
     *
     * @param deviceId device id
     * @return builder
     */
    public static Builder builder(DeviceId deviceId) {
        Builder b = new Builder();
        b.deviceId = checkNotNull(deviceId, "deviceId");
        return b;
    }

    @Override
    public String toString() {
        // No credentials in logs.
        return toStringHelper(this).omitNullValues().add("deviceId", deviceId).add("type", type).add("text", text)
                .add("protocol", protocol).add("ip", ip).toString();
    }

    /**
     * Builder of devices.
     */
    public static final class Builder {
        private DeviceId deviceId;
        private Device.Type type;
        private final Map<String, String> text = new LinkedHashMap<>();
        private Double latitude;
        private Double longitude;
        private Double gridX;
        private Double gridY;
        private Protocol protocol;
        private IpAddress ip;
        private int port;
        private String username;
        private String password;

        private Builder() {
        }

        /**
         * Sets the device type.
         *
         * @param type e.g. {@code SWITCH}
         * @return this builder
         */
        public Builder type(Device.Type type) {
            this.type = type;
            return this;
        }

        /**
         * Sets a basic text field.
         *
         * @param field one of {@link #TEXT_FIELDS}
         * @param value value
         * @return this builder
         */
        public Builder text(String field, String value) {
            checkArgument(java.util.Arrays.asList(TEXT_FIELDS).contains(field), "not a text field: %s", field);
            text.put(field, checkNotNull(value, field));
            return this;
        }

        /**
         * Places the device on the map.
         *
         * @param latitude  -90 to 90
         * @param longitude -180 to 180
         * @return this builder
         */
        public Builder geo(double latitude, double longitude) {
            this.latitude = latitude;
            this.longitude = longitude;
            return this;
        }

        /**
         * Places the device on a grid.
         *
         * @param x x
         * @param y y
         * @return this builder
         */
        public Builder grid(double x, double y) {
            this.gridX = x;
            this.gridY = y;
            return this;
        }

        /**
         * Tells ONOS how to reach the device.
         *
         * @param protocol protocol
         * @param ip       address, for NETCONF, REST and SNMP; null for OpenFlow
         * @param port     port, for NETCONF, REST and SNMP
         * @param username user name, or null
         * @param password password, or null
         * @return this builder
         */
        public Builder reachedBy(Protocol protocol, IpAddress ip, int port, String username, String password) {
            checkArgument(!protocol.hasConfig() || ip != null, "%s needs an address", protocol);
            this.protocol = protocol;
            this.ip = ip;
            this.port = port;
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * Builds the device.
         *
         * @return device
         */
        public DeviceNode build() {
            return new DeviceNode(this);
        }
    }
}
