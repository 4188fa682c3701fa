/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import org.flowsocket.api.QosFlow;
import org.onosproject.net.DeviceId;
import org.onosproject.net.Host;
import org.onosproject.net.HostId;
import org.onosproject.net.host.HostService;
import org.onosproject.ui.UiTopoOverlay;
import org.onosproject.ui.topo.ButtonId;
import org.onosproject.ui.topo.PropertyPanel;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * FlowSocket's topology overlay: the summary counts FlowSocket's flows, and
 * device and host detail panels list the flows through them, with a button
 * that highlights their paths.
 */
public class FlowSocketTopoOverlay extends UiTopoOverlay {

    /** Overlay id; the same in fsTopovOverlay.js. */
    public static final String OVERLAY_ID = "flowsocket-overlay";

    /** Detail panel button: highlight the flows through the selected node. */
    public static final ButtonId SHOW_NODE_FLOWS = new ButtonId("fsShowNodeFlows");

    /** At most this many flows are listed in a detail panel. */
    static final int MAX_LISTED = 8;

    private final GuiFlowIndex index;
    private final HostService hostService;

    /**
     * Creates the overlay.
     *
     * @param index       FlowSocket's flows as the GUI sees them
     * @param hostService to find a host's addresses
     */
    public FlowSocketTopoOverlay(GuiFlowIndex index, HostService hostService) {
        super(OVERLAY_ID);
        this.index = index;
        this.hostService = hostService;
    }

    @Override
    public void modifySummary(PropertyPanel pp) {
        pp.addSeparator();
        pp.addProp("fsFlows", "FlowSocket flows", index.size());
    }

    @Override
    public void modifyDeviceDetails(PropertyPanel pp, DeviceId deviceId) {
        list(pp, index.throughDevice(deviceId));
    }

    @Override
    public void modifyHostDetails(PropertyPanel pp, HostId hostId) {
        Host host = hostService.getHost(hostId);
        Set<String> ips = host == null ? Set.of()
                : host.ipAddresses().stream().map(Object::toString).collect(Collectors.toSet());
        list(pp, index.ofAddresses(ips));
    }

    private static void list(PropertyPanel pp, List<QosFlow> flows) {
        pp.addSeparator();
        if (flows.isEmpty()) {
            pp.addProp("fsFlows", "FlowSocket flows", "none");
            return;
        }
        pp.addProp("fsFlows", "FlowSocket flows", flows.size());
        flows.stream().limit(MAX_LISTED).forEach(f -> {
            pp.addProp("fsFlow-" + f.id(), f.id(), GuiFlowIndex.describe(f));
        });
        if (flows.size() > MAX_LISTED) {
            pp.addProp("fsFlowsMore", "…", (flows.size() - MAX_LISTED) + " more");
        }
        pp.addButton(SHOW_NODE_FLOWS);
    }
}
