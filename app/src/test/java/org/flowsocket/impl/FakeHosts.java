/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostAdminService;
import org.onosproject.net.host.HostDescription;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostListener;
import org.onosproject.net.host.HostProvider;
import org.onosproject.net.host.HostProviderRegistry;
import org.onosproject.net.host.HostProviderService;
import org.onosproject.net.host.HostServiceAdapter;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A host store behind a provider registry: what a registered provider
 * detects becomes a host, as in ONOS's HostManager with its simple store.
 */
class FakeHosts extends HostServiceAdapter implements HostProviderRegistry, HostAdminService {

    private final Map<HostId, Host> hosts = new ConcurrentHashMap<>();
    private final Map<ProviderId, HostProvider> providers = new ConcurrentHashMap<>();
    private final List<HostListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public HostProviderService register(HostProvider provider) {
        providers.put(provider.id(), provider);
        return new HostProviderService() {
            @Override
            public void hostDetected(HostId hostId, HostDescription d, boolean replaceIps) {
                boolean existed = hosts.containsKey(hostId);
                Host host = new DefaultHost(provider.id(), hostId, d.hwAddress(), d.vlan(), d.locations(),
                                            d.ipAddress(), d.configured(), d.annotations());
                hosts.put(hostId, host);
                fire(new HostEvent(existed ? HostEvent.Type.HOST_UPDATED : HostEvent.Type.HOST_ADDED, host));
            }

            @Override
            public void hostVanished(HostId hostId) {
                removeHost(hostId);
            }

            @Override
            public void removeIpFromHost(HostId hostId, IpAddress ipAddress) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void removeLocationFromHost(HostId hostId, HostLocation location) {
                throw new UnsupportedOperationException();
            }

            @Override
            public HostProvider provider() {
                return provider;
            }
        };
    }

    @Override
    public void unregister(HostProvider provider) {
        providers.remove(provider.id());
    }

    @Override
    public Set<ProviderId> getProviders() {
        return ImmutableSet.copyOf(providers.keySet());
    }

    @Override
    public void removeHost(HostId hostId) {
        Host host = hosts.remove(hostId);
        if (host != null) {
            fire(new HostEvent(HostEvent.Type.HOST_REMOVED, host));
        }
    }

    private void fire(HostEvent event) {
        listeners.forEach(l -> l.event(event));
    }

    @Override
    public int getHostCount() {
        return hosts.size();
    }

    @Override
    public Iterable<Host> getHosts() {
        return ImmutableList.copyOf(hosts.values());
    }

    @Override
    public Host getHost(HostId hostId) {
        return hosts.get(hostId);
    }

    @Override
    public Set<Host> getHostsByIp(IpAddress ip) {
        return hosts.values().stream().filter(h -> h.ipAddresses().contains(ip)).collect(Collectors.toSet());
    }

    @Override
    public Set<Host> getHostsByMac(MacAddress mac) {
        return hosts.values().stream().filter(h -> h.mac().equals(mac)).collect(Collectors.toSet());
    }

    @Override
    public Set<Host> getHostsByVlan(VlanId vlanId) {
        return hosts.values().stream().filter(h -> h.vlan().equals(vlanId)).collect(Collectors.toSet());
    }

    @Override
    public Set<Host> getConnectedHosts(DeviceId deviceId) {
        return hosts.values().stream().filter(h -> h.locations().stream()
                .anyMatch(l -> l.deviceId().equals(deviceId))).collect(Collectors.toSet());
    }

    @Override
    public void addListener(HostListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(HostListener listener) {
        listeners.remove(listener);
    }

    int providerCount() {
        return providers.size();
    }
}
