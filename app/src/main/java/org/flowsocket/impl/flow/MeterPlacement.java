/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlowMeter;
import org.onosproject.net.DeviceId;
import org.onosproject.net.meter.MeterId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Where a network flow's meters go on a path, and which rule uses which.
 * A flow's meters are kept in the order of {@link #devices()}, which is what
 * ties a meter to its rules:
 * <ul>
 * <li>{@code qos.meterKbps}: one meter on every device of the path, used by
 * every rule of the flow on that device (both directions);</li>
 * <li>{@code qos.police}: one meter on the ingress device of the forward
 * direction (the path's first device), then, for a bidirectional flow, one on
 * the ingress of the reverse direction (the path's last device), each used
 * by that direction's first rule only. A path of one device gets two meters
 * there: a direction's rate is policed on its own, not the sum of both.</li>
 * </ul>
 */
final class MeterPlacement {

    private final NetworkFlowSpec spec;
    private final List<Hop> path;
    private final List<DeviceId> devices;

    private MeterPlacement(NetworkFlowSpec spec, List<Hop> path) {
        this.spec = spec;
        this.path = ImmutableList.copyOf(path);
        ImmutableList.Builder<DeviceId> devices = ImmutableList.builder();
        if (spec.police() && !path.isEmpty()) {
            devices.add(path.get(0).deviceId());
            if (spec.bidirectional()) {
                devices.add(path.get(path.size() - 1).deviceId());
            }
        } else if (spec.meterKbps().isPresent()) {
            devices.addAll(QosFlowPlanner.devicesOf(path));
        }
        this.devices = devices.build();
    }

    /**
     * Returns the placement of a flow's meters on a path.
     *
     * @param spec the flow
     * @param path hops from source to destination host
     * @return placement
     */
    static MeterPlacement of(NetworkFlowSpec spec, List<Hop> path) {
        return new MeterPlacement(spec, path);
    }

    /**
     * Returns the device of each meter the flow needs on this path, in the
     * order the flow keeps its meters; a device may appear twice.
     *
     * @return devices, empty for a flow without meters
     */
    List<DeviceId> devices() {
        return devices;
    }

    /**
     * Returns the meter a forward rule uses.
     *
     * @param hop    index of the hop on the path
     * @param meters the flow's meters, in the order of {@link #devices()}, or
     *               empty to plan rules without meters
     * @return meter id, or null for none
     */
    MeterId forward(int hop, List<QosFlowMeter> meters) {
        return meterAt(hop, 0, 0, meters);
    }

    /**
     * Returns the meter a reverse rule uses.
     *
     * @param hop    index of the hop on the path (the reverse direction
     *               enters at the last one)
     * @param meters the flow's meters, in the order of {@link #devices()}, or
     *               empty to plan rules without meters
     * @return meter id, or null for none
     */
    MeterId reverse(int hop, List<QosFlowMeter> meters) {
        return meterAt(hop, path.size() - 1, 1, meters);
    }

    // The policing meter of a direction is the one at its index in the flow's meters.
    private MeterId meterAt(int hop, int ingressHop, int policeIndex, List<QosFlowMeter> meters) {
        if (meters.isEmpty()) {
            return null;
        }
        checkArgument(meters.size() == devices.size(), "%s meters for %s devices", meters.size(), devices.size());
        if (spec.police()) {
            return hop == ingressHop ? meters.get(policeIndex).meterId() : null;
        }
        DeviceId device = path.get(hop).deviceId();
        return meters.stream().filter(m -> m.deviceId().equals(device)).map(QosFlowMeter::meterId)
                .findFirst().orElse(null);
    }

    /**
     * Returns, for each device of {@link #devices()}, a meter of the flow
     * that a move to this path keeps: one already on that device, each used
     * once. A policed flow whose ingress stays keeps its meter; one whose
     * source host moved to another switch gets a meter there.
     *
     * @param current the flow's meters now
     * @return per device, the meter kept or null where one must be allocated
     */
    List<QosFlowMeter> kept(List<QosFlowMeter> current) {
        List<QosFlowMeter> free = new ArrayList<>(current);
        List<QosFlowMeter> kept = new ArrayList<>();
        for (DeviceId device : devices) {
            QosFlowMeter found = free.stream().filter(m -> m.deviceId().equals(device)).findFirst().orElse(null);
            free.remove(found);
            kept.add(found);
        }
        return kept;
    }

    /**
     * Returns the devices where {@link #kept} found no meter, in order.
     *
     * @param kept the result of {@link #kept}
     * @return devices needing a new meter
     */
    List<DeviceId> missing(List<QosFlowMeter> kept) {
        List<DeviceId> missing = new ArrayList<>();
        for (int i = 0; i < devices.size(); i++) {
            if (kept.get(i) == null) {
                missing.add(devices.get(i));
            }
        }
        return missing;
    }

    /**
     * Fills the gaps of {@link #kept} with newly allocated meters, keeping
     * the order of {@link #devices()}.
     *
     * @param kept  the result of {@link #kept}
     * @param added meters allocated on {@link #missing}, in its order
     * @return the flow's meters on this path
     */
    static List<QosFlowMeter> merge(List<QosFlowMeter> kept, List<QosFlowMeter> added) {
        Iterator<QosFlowMeter> next = added.iterator();
        ImmutableList.Builder<QosFlowMeter> meters = ImmutableList.builder();
        for (QosFlowMeter meter : kept) {
            meters.add(meter != null ? meter : next.next());
        }
        return meters.build();
    }
}
