/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.HostId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A host to add to ONOS: its MAC address and VLAN, IP addresses, where it
 * is attached and its annotations. Errors about it name its fields:
 * {@code mac}, {@code ips[i]}, {@code locations[i].deviceId} and
 * {@code locations[i].port}.
 */
public final class HostNode {

    private final MacAddress mac;
    private final VlanId vlan;
    private final List<IpAddress> ips;
    private final List<ConnectPoint> locations;
    private final Map<String, String> annotations;

    private HostNode(Builder b) {
        this.mac = checkNotNull(b.mac, "mac");
        this.vlan = checkNotNull(b.vlan, "vlan");
        this.ips = b.ips.build();
        this.locations = b.locations.build();
        this.annotations = ImmutableMap.copyOf(b.annotations);
    }

    /**
     * Returns the host's id, as ONOS makes it from MAC and VLAN.
     *
     * @return host id
     */
    public HostId id() {
        return HostId.hostId(mac, vlan);
    }

    /** @return MAC address */
    public MacAddress mac() {
        return mac;
    }

    /** @return VLAN, {@code VlanId.NONE} for none */
    public VlanId vlan() {
        return vlan;
    }

    /** @return IP addresses, possibly none */
    public List<IpAddress> ips() {
        return ips;
    }

    /** @return attachment points, at least one */
    public List<ConnectPoint> locations() {
        return locations;
    }

    /** @return annotations, e.g. {@code name} */
    public Map<String, String> annotations() {
        return annotations;
    }

    /**
     * Returns a builder of a host.
     *
     * @param mac the host's MAC address
     * @return builder
     */
    public static Builder builder(MacAddress mac) {
        Builder b = new Builder();
        b.mac = checkNotNull(mac, "mac");
        return b;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof HostNode)) {
            return false;
        }
        HostNode that = (HostNode) o;
        return mac.equals(that.mac) && vlan.equals(that.vlan) && ips.equals(that.ips)
                && locations.equals(that.locations) && annotations.equals(that.annotations);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mac, vlan, ips, locations, annotations);
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("id", id()).add("ips", ips).add("locations", locations)
                .add("annotations", annotations).toString();
    }

    /**
     * Builder of hosts.
     */
    public static final class Builder {
        private MacAddress mac;
        private VlanId vlan = VlanId.NONE;
        private final ImmutableList.Builder<IpAddress> ips = ImmutableList.builder();
        private final ImmutableList.Builder<ConnectPoint> locations = ImmutableList.builder();
        private final Map<String, String> annotations = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the VLAN.
         *
         * @param vlan VLAN, {@code VlanId.NONE} (the default) for none
         * @return this builder
         */
        public Builder vlan(VlanId vlan) {
            this.vlan = checkNotNull(vlan, "vlan");
            return this;
        }

        /**
         * Adds an IP address.
         *
         * @param ip address
         * @return this builder
         */
        public Builder ip(IpAddress ip) {
            ips.add(ip);
            return this;
        }

        /**
         * Adds an attachment point.
         *
         * @param location device and port
         * @return this builder
         */
        public Builder location(ConnectPoint location) {
            locations.add(location);
            return this;
        }

        /**
         * Sets an annotation.
         *
         * @param key   key, e.g. {@code name}
         * @param value value
         * @return this builder
         */
        public Builder annotation(String key, String value) {
            annotations.put(checkNotNull(key, "key"), checkNotNull(value, "value"));
            return this;
        }

        /**
         * Builds the host.
         *
         * @return host
         * @throws FlowSocketException MISSING_FIELD {@code locations} if it has no location
         */
        public HostNode build() {
            HostNode host = new HostNode(this);
            if (host.locations.isEmpty()) {
                throw FlowSocketException.missing("locations");
            }
            return host;
        }
    }
}
