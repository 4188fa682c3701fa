/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableSet;
import org.onlab.packet.IpAddress;
import org.onlab.packet.MacAddress;
import org.onlab.packet.VlanId;
import org.onosproject.net.Annotations;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DefaultAnnotations;
import org.onosproject.net.DefaultHost;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.HostLocation;
import org.onosproject.net.host.HostDescription;
import org.onosproject.net.host.HostEvent;
import org.onosproject.net.host.HostStore;
import org.onosproject.net.host.HostStoreDelegate;
import org.onosproject.net.provider.ProviderId;
import org.onosproject.store.AbstractStore;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkState;
import static org.onosproject.net.DefaultAnnotations.merge;
import static org.onosproject.net.host.HostEvent.Type.HOST_ADDED;
import static org.onosproject.net.host.HostEvent.Type.HOST_AUX_MOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_MOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_REMOVED;
import static org.onosproject.net.host.HostEvent.Type.HOST_SUSPENDED;
import static org.onosproject.net.host.HostEvent.Type.HOST_UNSUSPENDED;
import static org.onosproject.net.host.HostEvent.Type.HOST_UPDATED;

/**
 * Single-instance host store that stores hosts as ONOS 2.5.6's
 * {@code DistributedHostStore} (in the unpublished onos-core-dist) does,
 * where ONOS's published {@code SimpleHostStore} differs: a host keeps every
 * location it is described with (multi-homing), a description with other
 * locations replaces them and is HOST_MOVED with the previous host, a
 * description that changes nothing raises no event, a configured host is not
 * overridden by a learnt one, and annotations merge. Each change is computed
 * from the stored host and the event raised from the previous and the new
 * value, as the distributed store's map listener (HostLocationTracker) does.
 */
public final class SandboxHostStore extends AbstractStore<HostEvent, HostStoreDelegate> implements HostStore {

    private final Map<HostId, DefaultHost> hosts = new ConcurrentHashMap<>();

    // As DistributedHostStore.shouldUpdate.
    private static boolean shouldUpdate(DefaultHost existingHost, ProviderId providerId,
                                        HostDescription hostDescription, boolean replaceIps) {
        if (existingHost == null) {
            return true;
        }
        // Avoid overriding configured host with learnt host
        if (existingHost.configured() && !hostDescription.configured()) {
            return false;
        }
        if (!Objects.equals(existingHost.providerId(), providerId)
                || !Objects.equals(existingHost.mac(), hostDescription.hwAddress())
                || !Objects.equals(existingHost.vlan(), hostDescription.vlan())
                || !Objects.equals(existingHost.innerVlan(), hostDescription.innerVlan())
                || !Objects.equals(existingHost.tpid(), hostDescription.tpid())
                || !Objects.equals(existingHost.locations(), hostDescription.locations())
                || !Objects.equals(existingHost.auxLocations(), hostDescription.auxLocations())) {
            return true;
        }
        if (replaceIps) {
            if (!Objects.equals(hostDescription.ipAddress(), existingHost.ipAddresses())) {
                return true;
            }
        } else if (!existingHost.ipAddresses().containsAll(hostDescription.ipAddress())) {
            return true;
        }
        return hostDescription.annotations().keys().stream()
                .anyMatch(k -> !Objects.equals(hostDescription.annotations().value(k),
                                               existingHost.annotations().value(k)));
    }

    // As DistributedHostStore.createOrUpdateHost: the event goes to the delegate, none is returned.
    @Override
    public HostEvent createOrUpdateHost(ProviderId providerId, HostId hostId, HostDescription hostDescription,
                                        boolean replaceIps) {
        change(hostId, (id, existingHost) -> {
            if (!shouldUpdate(existingHost, providerId, hostDescription, replaceIps)) {
                return existingHost;
            }
            final Set<IpAddress> addresses;
            if (existingHost == null || replaceIps) {
                addresses = ImmutableSet.copyOf(hostDescription.ipAddress());
            } else {
                addresses = new HashSet<>(existingHost.ipAddresses());
                addresses.addAll(hostDescription.ipAddress());
            }
            final Annotations annotations = existingHost == null ? hostDescription.annotations()
                    : merge((DefaultAnnotations) existingHost.annotations(), hostDescription.annotations());
            return new DefaultHost(providerId, hostId, hostDescription.hwAddress(), hostDescription.vlan(),
                                   hostDescription.locations(), hostDescription.auxLocations(), addresses,
                                   hostDescription.innerVlan(), hostDescription.tpid(),
                                   hostDescription.configured(), false, annotations);
        });
        return null;
    }

    @Override
    public HostEvent removeHost(HostId hostId) {
        change(hostId, (id, existingHost) -> null);
        return null;
    }

    @Override
    public HostEvent removeIp(HostId hostId, IpAddress ipAddress) {
        change(hostId, (id, existingHost) -> {
            if (existingHost == null) {
                return null;
            }
            checkSameHost(hostId, existingHost);
            Set<IpAddress> addresses = existingHost.ipAddresses();
            if (addresses == null || !addresses.contains(ipAddress)) {
                return existingHost;
            }
            addresses = new HashSet<>(addresses);
            addresses.remove(ipAddress);
            return copy(existingHost, existingHost.locations(), ImmutableSet.copyOf(addresses),
                        existingHost.suspended());
        });
        return null;
    }

    // As DistributedHostStore.appendLocation: a move within a switch replaces
    // the location on that switch; locations on other switches stay.
    @Override
    public void appendLocation(HostId hostId, HostLocation location) {
        change(hostId, (id, existingHost) -> {
            if (existingHost == null) {
                return null;
            }
            checkSameHost(hostId, existingHost);
            Set<HostLocation> newLocations = new HashSet<>();
            newLocations.add(location);
            existingHost.locations().stream().filter(loc -> !loc.deviceId().equals(location.deviceId()))
                    .forEach(newLocations::add);
            return copy(existingHost, newLocations, existingHost.ipAddresses(), existingHost.suspended());
        });
    }

    // As DistributedHostStore.removeLocation: removing the last location removes the host.
    @Override
    public void removeLocation(HostId hostId, HostLocation location) {
        change(hostId, (id, existingHost) -> {
            if (existingHost == null) {
                return null;
            }
            checkSameHost(hostId, existingHost);
            Set<HostLocation> locations = new HashSet<>(existingHost.locations());
            locations.remove(location);
            return locations.isEmpty() ? null
                    : copy(existingHost, locations, existingHost.ipAddresses(), existingHost.suspended());
        });
    }

    // As DistributedHostStore.suspend and unsuspend, including their remapping
    // function answering null (so removing the host) when the host is already
    // in the requested state.
    @Override
    public void suspend(HostId hostId) {
        change(hostId, (id, existingHost) -> existingHost != null && !existingHost.suspended()
                ? copy(existingHost, existingHost.locations(), existingHost.ipAddresses(), true) : null);
    }

    @Override
    public void unsuspend(HostId hostId) {
        change(hostId, (id, existingHost) -> existingHost != null && existingHost.suspended()
                ? copy(existingHost, existingHost.locations(), existingHost.ipAddresses(), false) : null);
    }

    @Override
    public int getHostCount() {
        return hosts.size();
    }

    @Override
    public Iterable<Host> getHosts() {
        return ImmutableSet.copyOf(hosts.values());
    }

    @Override
    public Host getHost(HostId hostId) {
        return hosts.get(hostId);
    }

    @Override
    public Set<Host> getHosts(VlanId vlanId) {
        return filter(host -> Objects.equals(host.vlan(), vlanId));
    }

    @Override
    public Set<Host> getHosts(MacAddress mac) {
        return filter(host -> Objects.equals(host.mac(), mac));
    }

    @Override
    public Set<Host> getHosts(IpAddress ip) {
        return filter(host -> host.ipAddresses().contains(ip));
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint connectPoint) {
        return getConnectedHosts(connectPoint, false);
    }

    @Override
    public Set<Host> getConnectedHosts(ConnectPoint connectPoint, boolean matchAuxLocations) {
        if (matchAuxLocations) {
            return filter(host -> host.auxLocations() != null && host.auxLocations().contains(connectPoint));
        }
        return filter(host -> host.locations().contains(connectPoint));
    }

    @Override
    public Set<Host> getConnectedHosts(DeviceId deviceId) {
        return filter(host -> host.locations().stream().anyMatch(l -> l.deviceId().equals(deviceId)));
    }

    private Set<Host> filter(Predicate<DefaultHost> predicate) {
        return ImmutableSet.copyOf(hosts.values().stream().filter(predicate).collect(Collectors.toSet()));
    }

    // Applies a change as the distributed map's compute does (null removes),
    // then raises the event its HostLocationTracker raises for it.
    private void change(HostId hostId, BiFunction<HostId, DefaultHost, DefaultHost> remapping) {
        HostEvent event;
        synchronized (this) {
            DefaultHost previous = hosts.get(hostId);
            DefaultHost next = remapping.apply(hostId, previous);
            if (next == previous) {
                return;
            }
            if (next == null) {
                hosts.remove(hostId);
            } else {
                hosts.put(hostId, next);
            }
            event = eventFor(previous, next);
        }
        if (event != null) {
            notifyDelegate(event);
        }
    }

    // As DistributedHostStore.HostLocationTracker.
    private static HostEvent eventFor(DefaultHost prevHost, DefaultHost host) {
        if (prevHost == null) {
            return new HostEvent(HOST_ADDED, host);
        }
        if (host == null) {
            return new HostEvent(HOST_REMOVED, prevHost);
        }
        if (host.suspended() && !prevHost.suspended()) {
            return new HostEvent(HOST_SUSPENDED, host, prevHost);
        } else if (!host.suspended() && prevHost.suspended()) {
            return new HostEvent(HOST_UNSUSPENDED, host, prevHost);
        } else if (!Objects.equals(prevHost.locations(), host.locations())) {
            return new HostEvent(HOST_MOVED, host, prevHost);
        } else if (!Objects.equals(prevHost.auxLocations(), host.auxLocations())) {
            return new HostEvent(HOST_AUX_MOVED, host, prevHost);
        } else if (!Objects.equals(prevHost, host)) {
            return new HostEvent(HOST_UPDATED, host, prevHost);
        }
        return null;
    }

    private static void checkSameHost(HostId hostId, DefaultHost existingHost) {
        checkState(Objects.equals(hostId.mac(), existingHost.mac()), "Existing and new MAC addresses differ.");
        checkState(Objects.equals(hostId.vlanId(), existingHost.vlan()), "Existing and new VLANs differ.");
    }

    private static DefaultHost copy(DefaultHost host, Set<HostLocation> locations, Set<IpAddress> ips,
                                    boolean suspended) {
        return new DefaultHost(host.providerId(), host.id(), host.mac(), host.vlan(), locations,
                               host.auxLocations(), ips, host.innerVlan(), host.tpid(), host.configured(),
                               suspended, host.annotations());
    }
}
