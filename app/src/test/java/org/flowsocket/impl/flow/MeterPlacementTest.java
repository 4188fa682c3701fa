/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import org.flowsocket.api.Hop;
import org.flowsocket.api.NetworkFlowSpec;
import org.flowsocket.api.QosFlowMeter;
import org.junit.Test;
import org.onlab.packet.IpAddress;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.meter.MeterId;

import java.util.Arrays;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

/**
 * Where a flow's meters go: every device for a meter per hop, the ingress of
 * each direction when policed, and what a move to another path keeps.
 */
public class MeterPlacementTest {

    private static final DeviceId S1 = DeviceId.deviceId("of:0000000000000001");
    private static final DeviceId S2 = DeviceId.deviceId("of:0000000000000002");
    private static final DeviceId S3 = DeviceId.deviceId("of:0000000000000003");
    private static final DeviceId S4 = DeviceId.deviceId("of:0000000000000004");
    private static final IpAddress H1 = IpAddress.valueOf("10.0.0.1");
    private static final IpAddress H3 = IpAddress.valueOf("10.0.0.3");

    private static final NetworkFlowSpec POLICED = NetworkFlowSpec.builder(H1, H3).bandwidthKbps(1000L)
            .police(true).bidirectional(true).build();

    private static List<Hop> path(DeviceId... devices) {
        return Arrays.stream(devices).map(d -> new Hop(d, PortNumber.portNumber(1), PortNumber.portNumber(2)))
                .collect(java.util.stream.Collectors.toList());
    }

    private static QosFlowMeter meter(DeviceId device, long id) {
        return new QosFlowMeter(device, MeterId.meterId(id), 1000, null);
    }

    @Test
    public void meterPerHopIsOnEveryDeviceOnceAndUsedByEveryRuleThere() {
        NetworkFlowSpec spec = NetworkFlowSpec.builder(H1, H3).meter(500L, null).bidirectional(true).build();
        MeterPlacement placement = MeterPlacement.of(spec, path(S1, S2, S3));
        assertEquals(List.of(S1, S2, S3), placement.devices());
        List<QosFlowMeter> meters = List.of(meter(S1, 1), meter(S2, 2), meter(S3, 3));
        assertEquals(MeterId.meterId(2), placement.forward(1, meters));
        assertEquals(MeterId.meterId(2), placement.reverse(1, meters));
        assertEquals(MeterId.meterId(3), placement.reverse(2, meters));
    }

    @Test
    public void policedFlowHasOneMeterOnEachDirectionsIngress() {
        MeterPlacement placement = MeterPlacement.of(POLICED, path(S1, S2, S3));
        assertEquals(List.of(S1, S3), placement.devices());
        List<QosFlowMeter> meters = List.of(meter(S1, 1), meter(S3, 9));
        assertEquals(MeterId.meterId(1), placement.forward(0, meters));
        assertNull(placement.forward(1, meters));
        assertNull(placement.forward(2, meters));
        assertEquals("the way back enters at the last switch", MeterId.meterId(9), placement.reverse(2, meters));
        assertNull(placement.reverse(1, meters));
        assertNull(placement.reverse(0, meters));
        assertNull("rules planned before the meters exist have none", placement.forward(0, List.of()));
    }

    @Test
    public void aPathOfOneSwitchPolicesEachDirectionWithAMeterOfItsOwn() {
        MeterPlacement placement = MeterPlacement.of(POLICED, path(S2));
        assertEquals(List.of(S2, S2), placement.devices());
        List<QosFlowMeter> meters = List.of(meter(S2, 4), meter(S2, 5));
        assertEquals(MeterId.meterId(4), placement.forward(0, meters));
        assertEquals(MeterId.meterId(5), placement.reverse(0, meters));
        assertEquals("a move keeps both", meters, placement.kept(meters));
    }

    @Test
    public void aMoveKeepsTheIngressMeterAndAddsOneWhereTheIngressMoved() {
        List<QosFlowMeter> before = List.of(meter(S1, 1), meter(S3, 9));
        // The link s2-s3 failed: the flow goes round by s4, both ingresses stay.
        MeterPlacement around = MeterPlacement.of(POLICED, path(S1, S4, S3));
        assertEquals(before, around.kept(before));
        assertEquals(List.of(), around.missing(around.kept(before)));

        // The source host moved from s1 to s4: the forward ingress moves with it.
        MeterPlacement moved = MeterPlacement.of(POLICED, path(S4, S2, S3));
        List<QosFlowMeter> kept = moved.kept(before);
        assertEquals(Arrays.asList(null, meter(S3, 9)), kept);
        assertEquals(List.of(S4), moved.missing(kept));
        assertEquals(List.of(meter(S4, 7), meter(S3, 9)), MeterPlacement.merge(kept, List.of(meter(S4, 7))));
    }
}
