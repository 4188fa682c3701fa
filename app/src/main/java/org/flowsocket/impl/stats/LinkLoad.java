/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.stats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.Link;
import org.onosproject.net.Port;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.device.PortStatistics;

import java.util.Optional;

/**
 * A link's load: what its source port sent since an earlier reading of the
 * port's counters (ONOS's port statistics), or, without one, over ONOS's
 * latest port statistics period ({@link DeviceService#getDeltaStatisticsForPort}),
 * as a bit rate and as a share of the link's capacity, the lower port speed
 * of its two ends. Immutable.
 */
final class LinkLoad {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final Link link;
    private final PortStatistics reading;
    private final long stamp;
    private final long packets;
    private final long bytes;
    private final long windowNanos;
    private final long capacityBps;

    private LinkLoad(Link link, PortStatistics reading, long stamp, long packets, long bytes, long windowNanos,
                     long capacityBps) {
        this.link = link;
        this.reading = reading;
        this.stamp = stamp;
        this.packets = packets;
        this.bytes = bytes;
        this.windowNanos = windowNanos;
        this.capacityBps = capacityBps;
    }

    /**
     * Reads a link's load from ONOS's port statistics.
     *
     * @param link    the link
     * @param devices ONOS's device service
     * @param earlier the source port's counters an earlier load was read from, or null
     * @return the load, or empty if ONOS has no statistics period for the source port yet
     */
    static Optional<LinkLoad> of(Link link, DeviceService devices, PortStatistics earlier) {
        ConnectPoint src = link.src();
        PortStatistics current = devices.getStatisticsForPort(src.deviceId(), src.port());
        if (current == null) {
            return Optional.empty();
        }
        long stamp = stampOf(current);
        long capacity = capacity(devices, link);
        if (earlier != null && stamp > stampOf(earlier) && current.bytesSent() >= earlier.bytesSent()
                && current.packetsSent() >= earlier.packetsSent()) {
            // Over the whole time since the earlier reading, however many ONOS periods that spans.
            return Optional.of(new LinkLoad(link, current, stamp, current.packetsSent() - earlier.packetsSent(),
                                            current.bytesSent() - earlier.bytesSent(), stamp - stampOf(earlier),
                                            capacity));
        }
        // No earlier reading, or the port restarted counting: ONOS's latest period.
        PortStatistics delta = devices.getDeltaStatisticsForPort(src.deviceId(), src.port());
        long window = delta == null ? 0 : stampOf(delta);
        if (window <= 0 || delta.bytesSent() < 0 || delta.packetsSent() < 0) {
            return Optional.empty();
        }
        return Optional.of(new LinkLoad(link, current, stamp, delta.packetsSent(), delta.bytesSent(), window,
                                        capacity));
    }

    // The counters' age: it tells one statistics reading from the next.
    static long stampOf(PortStatistics statistics) {
        return statistics.durationSec() * NANOS_PER_SECOND + statistics.durationNano();
    }

    // The slower end limits the link; a port without a speed gives none.
    private static long capacity(DeviceService devices, Link link) {
        Port src = devices.getPort(link.src());
        Port dst = devices.getPort(link.dst());
        long mbps = Math.min(src == null ? 0 : src.portSpeed(), dst == null ? Long.MAX_VALUE : dst.portSpeed());
        return mbps == Long.MAX_VALUE ? 0 : mbps * 1_000_000;
    }

    /** @return the link */
    Link link() {
        return link;
    }

    /** @return the source port's counters' age, telling one statistics reading from the next */
    long stamp() {
        return stamp;
    }

    /** @return the source port's counters this load was read up to */
    PortStatistics reading() {
        return reading;
    }

    /** @return bits per second over the period */
    long bitRate() {
        return Math.round(bytes * 8.0 * NANOS_PER_SECOND / windowNanos);
    }

    /**
     * Renders the load as LINK_STATS carries it.
     *
     * @param mapper JSON mapper
     * @return JSON object
     */
    ObjectNode toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        ObjectNode rendered = json.putObject("link");
        rendered.set("src", end(link.src(), mapper));
        rendered.set("dst", end(link.dst(), mapper));
        json.put("packets", packets);
        json.put("bytes", bytes);
        json.put("windowMs", windowNanos / 1_000_000);
        json.put("packetRate", Math.round(packets * 10.0 * NANOS_PER_SECOND / windowNanos) / 10.0);
        json.put("bitRate", bitRate());
        json.put("capacity", capacityBps);
        if (capacityBps > 0) {
            json.put("utilization", Math.round(bitRate() * 1_000_000.0 / capacityBps) / 1_000_000.0);
        } else {
            json.putNull("utilization");
        }
        return json;
    }

    // As ONOS's ConnectPointCodec writes a device's connection point.
    private static ObjectNode end(ConnectPoint point, ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("port", point.port().toString());
        json.put("device", point.deviceId().toString());
        return json;
    }
}
