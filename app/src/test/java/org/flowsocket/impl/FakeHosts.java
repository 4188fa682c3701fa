/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import com.google.common.collect.ImmutableList;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.Annotations;
import org.onosproject.net.DefaultAnnotations;
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
import org.onosproject.net.provider.AbstractProviderRegistry;
import org.onosproject.net.provider.AbstractProviderService;
import org.onosproject.net.provider.ProviderId;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * A host store behind a provider registry: what a registered provider
 * detects becomes a host, as in ONOS's HostManager. Providers are registered
 * by ONOS's own {@link AbstractProviderRegistry}, so a second primary
 * provider of one URI scheme is refused as in ONOS.
 */
class FakeHosts extends HostServiceAdapter implements HostProviderRegistry, HostAdminService {

    private final Map<HostId, Host> hosts = new ConcurrentHashMap<>();
    private final List<HostListener> listeners = new CopyOnWriteArrayList<>();
    private final Registry registry = new Registry();

    @Override
    public HostProviderService register(HostProvider provider) {
        return registry.register(provider);
    }

    /** ONOS's registry, giving each provider a service into this store. */
    private final class Registry extends AbstractProviderRegistry<HostProvider, HostProviderService> {
        @Override
        protected HostProviderService createProviderService(HostProvider provider) {
        return new ProviderService(provider);
        }
    }

    private final class ProviderService extends AbstractProviderService<HostProvider>
            implements HostProviderService {

        ProviderService(HostProvider provider) {
            super(provider);
        }

        // Locations replace the stored ones, annotations merge and a change
        // of location is HOST_MOVED with the previous host, as in ONOS's
        // DistributedHostStore.
        @Override
        public void hostDetected(HostId hostId, HostDescription d, boolean replaceIps) {
            checkValidity();
            Host before = hosts.get(hostId);
            Annotations annotations = before == null ? d.annotations()
                    : DefaultAnnotations.merge((DefaultAnnotations) before.annotations(), d.annotations());
            Host host = new DefaultHost(provider().id(), hostId, d.hwAddress(), d.vlan(), d.locations(),
                                        d.ipAddress(), d.configured(), annotations);
            hosts.put(hostId, host);
            if (before == null) {
                fire(new HostEvent(HostEvent.Type.HOST_ADDED, host));
            } else if (!before.locations().equals(host.locations())) {
                fire(new HostEvent(HostEvent.Type.HOST_MOVED, host, before));
            } else {
                fire(new HostEvent(HostEvent.Type.HOST_UPDATED, host, before));
            }
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
    }

    @Override
    public void unregister(HostProvider provider) {
        registry.unregister(provider);
    }

    @Override
    public Set<ProviderId> getProviders() {
        return registry.getProviders();
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
        return registry.getProviders().size();
    }
}
