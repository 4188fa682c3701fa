/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.core;

import com.google.common.collect.ImmutableSet;
import org.onosproject.cluster.NodeId;
import org.onosproject.net.Annotations;
import org.onosproject.net.DeviceId;
import org.onosproject.net.region.DefaultRegion;
import org.onosproject.net.region.Region;
import org.onosproject.net.region.RegionEvent;
import org.onosproject.net.region.RegionId;
import org.onosproject.net.region.RegionStore;
import org.onosproject.net.region.RegionStoreDelegate;
import org.onosproject.store.AbstractStore;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static com.google.common.base.Preconditions.checkArgument;
import static org.onosproject.net.region.RegionEvent.Type.REGION_ADDED;
import static org.onosproject.net.region.RegionEvent.Type.REGION_MEMBERSHIP_CHANGED;
import static org.onosproject.net.region.RegionEvent.Type.REGION_REMOVED;
import static org.onosproject.net.region.RegionEvent.Type.REGION_UPDATED;

/**
 * Single-instance region store for ONOS's real {@code RegionManager} (ONOS's own
 * region store is only in the unpublished onos-core-dist). ONOS's
 * {@code MastershipManager} needs a {@code RegionService}.
 */
public final class SandboxRegionStore extends AbstractStore<RegionEvent, RegionStoreDelegate>
        implements RegionStore {

    private final Map<RegionId, Region> regions = new ConcurrentHashMap<>();
    private final Map<RegionId, Set<DeviceId>> members = new ConcurrentHashMap<>();

    @Override
    public Set<Region> getRegions() {
        return ImmutableSet.copyOf(regions.values());
    }

    @Override
    public Region getRegion(RegionId regionId) {
        return regions.get(regionId);
    }

    @Override
    public Region getRegionForDevice(DeviceId deviceId) {
        return members.entrySet().stream().filter(e -> e.getValue().contains(deviceId))
                .map(e -> regions.get(e.getKey())).findFirst().orElse(null);
    }

    @Override
    public Set<DeviceId> getRegionDevices(RegionId regionId) {
        Set<DeviceId> devices = members.get(regionId);
        return devices == null ? ImmutableSet.of() : ImmutableSet.copyOf(devices);
    }

    @Override
    public synchronized Region createRegion(RegionId regionId, String name, Region.Type type,
                                            Annotations annots, List<Set<NodeId>> masterNodeIds) {
        checkArgument(!regions.containsKey(regionId), "Region %s already exists", regionId);
        Region region = new DefaultRegion(regionId, name, type, annots, masterNodeIds);
        regions.put(regionId, region);
        members.put(regionId, ConcurrentHashMap.newKeySet());
        notifyDelegate(new RegionEvent(REGION_ADDED, region));
        return region;
    }

    @Override
    public synchronized Region updateRegion(RegionId regionId, String name, Region.Type type,
                                            Annotations annots, List<Set<NodeId>> masterNodeIds) {
        checkArgument(regions.containsKey(regionId), "Region %s does not exist", regionId);
        Region region = new DefaultRegion(regionId, name, type, annots, masterNodeIds);
        regions.put(regionId, region);
        notifyDelegate(new RegionEvent(REGION_UPDATED, region));
        return region;
    }

    @Override
    public synchronized void removeRegion(RegionId regionId) {
        Region region = regions.remove(regionId);
        members.remove(regionId);
        if (region != null) {
            notifyDelegate(new RegionEvent(REGION_REMOVED, region));
        }
    }

    @Override
    public synchronized void addDevices(RegionId regionId, Collection<DeviceId> deviceIds) {
        Region region = regions.get(regionId);
        checkArgument(region != null, "Region %s does not exist", regionId);
        // A device belongs to one region at a time.
        members.values().forEach(s -> s.removeAll(deviceIds));
        members.get(regionId).addAll(deviceIds);
        notifyDelegate(new RegionEvent(REGION_MEMBERSHIP_CHANGED, region, getRegionDevices(regionId)));
    }

    @Override
    public synchronized void removeDevices(RegionId regionId, Collection<DeviceId> deviceIds) {
        Region region = regions.get(regionId);
        Set<DeviceId> devices = members.get(regionId);
        if (region != null && devices != null) {
            devices.removeAll(deviceIds);
            notifyDelegate(new RegionEvent(REGION_MEMBERSHIP_CHANGED, region, getRegionDevices(regionId)));
        }
    }
}
