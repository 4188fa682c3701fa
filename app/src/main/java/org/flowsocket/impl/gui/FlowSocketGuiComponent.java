/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.google.common.collect.ImmutableList;
import org.flowsocket.api.FlowSocketService;
import org.flowsocket.api.Role;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionService;
import org.onosproject.ui.UiMessageHandlerFactory;
import org.onosproject.ui.UiTopoOverlayFactory;
import org.onosproject.ui.UiView;
import org.onosproject.ui.UiViewHidden;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Registers FlowSocket's topology overlay with ONOS's GUI. A component of its
 * own: it starts only where ONOS's GUI runs (it needs UiExtensionService),
 * and the command core does not depend on it.
 * <p>
 * ONOS 2.x's GUI does not tell an extension the roles of the user behind a
 * connection, and gives every logged-in user its own topology actions; GUI
 * sessions therefore get FlowSocket's {@link Role#ADMIN} role.
 */
@Component(immediate = true)
public class FlowSocketGuiComponent {

    /** Resource folder of the overlay's js.html and css.html; hidden view id. */
    public static final String RESOURCE_PATH = "fsTopov";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected UiExtensionService uiExtensionService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected FlowSocketService flowSocket;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LinkService linkService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;

    private GuiFlowIndex index;
    private UiExtension extension;

    @Activate
    protected void activate() {
        index = new GuiFlowIndex().open(flowSocket);
        FlowPathHighlighter highlighter = new FlowPathHighlighter(linkService, hostService);
        UiMessageHandlerFactory handlers = () -> ImmutableList.of(
                new FlowSocketTopoMessageHandler(flowSocket, highlighter, Role.ADMIN));
        UiTopoOverlayFactory overlays = () -> ImmutableList.of(new FlowSocketTopoOverlay(index, hostService));
        List<UiView> views = ImmutableList.of(new UiViewHidden(RESOURCE_PATH));
        extension = new UiExtension.Builder(getClass().getClassLoader(), views)
                .resourcePath(RESOURCE_PATH)
                .messageHandlerFactory(handlers)
                .topoOverlayFactory(overlays)
                .build();
        uiExtensionService.register(extension);
        log.info("FlowSocket topology overlay registered");
    }

    @Deactivate
    protected void deactivate() {
        if (extension != null) {
            uiExtensionService.unregister(extension);
            extension = null;
        }
        if (index != null) {
            index.close();
            index = null;
        }
        log.info("FlowSocket topology overlay unregistered");
    }
}
