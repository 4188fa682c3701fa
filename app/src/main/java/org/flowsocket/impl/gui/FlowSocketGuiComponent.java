/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import org.flowsocket.api.QosFlow;
import org.flowsocket.api.QosFlowService;
import org.flowsocket.api.Role;
import org.flowsocket.impl.codec.FlowSocketCodecContext;
import org.onosproject.cfg.ComponentConfigService;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.CodecService;
import org.onosproject.net.host.HostService;
import org.onosproject.net.link.LinkService;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionService;
import org.onosproject.ui.UiMessageHandlerFactory;
import org.onosproject.ui.UiTopoOverlayFactory;
import org.onosproject.ui.UiView;
import org.onosproject.ui.UiViewHidden;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.flowsocket.impl.OsgiPropertyConstants.GUI_ROLE;
import static org.flowsocket.impl.OsgiPropertyConstants.GUI_ROLE_DEFAULT;

/**
 * Registers FlowSocket's topology overlay with ONOS's GUI. A component of its
 * own: it starts only where ONOS's GUI runs (it needs UiExtensionService),
 * and the command core does not depend on it.
 * <p>
 * The overlay shows in the classic GUI only. GUI2, which ONOS 2.5-2.7 start
 * by default, loads no extension scripts and routes only the views compiled
 * into it, while it lists every view that is not hidden in its menu; the one
 * view registered here is therefore hidden, so GUI2 shows no menu entry that
 * leads nowhere. GUI2 users reach the web console through the application's
 * url in GUI2's Applications view.
 * <p>
 * ONOS 2.x's GUI does not tell an extension the roles of the user behind a
 * connection, and gives every logged-in user its own topology actions; GUI
 * sessions therefore get one role for all, {@code guiRole}: {@code admin}
 * by default, {@code viewer} where GUI users must not change the network.
 */
@Component(immediate = true, property = GUI_ROLE + "=" + GUI_ROLE_DEFAULT)
public class FlowSocketGuiComponent {

    /** Resource folder of the overlay's js.html and css.html; hidden view id. */
    public static final String RESOURCE_PATH = "fsTopov";

    private final Logger log = LoggerFactory.getLogger(getClass());

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected UiExtensionService uiExtensionService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected ComponentConfigService cfgService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected QosFlowService flowService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected CodecService codecService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected LinkService linkService;

    @Reference(cardinality = ReferenceCardinality.MANDATORY)
    protected HostService hostService;

    /** FlowSocket role of every GUI user: admin or viewer. */
    private String guiRole = GUI_ROLE_DEFAULT;

    private GuiFlowIndex index;
    private UiExtension extension;

    @Activate
    protected void activate(ComponentContext context) {
        cfgService.registerProperties(getClass());
        modified(context);
        index = new GuiFlowIndex(flowService).open();
        FlowPathHighlighter highlighter = new FlowPathHighlighter(linkService, hostService);
        // Flows reach the GUI in the protocol's form: FlowSocket's codec in ONOS's codec service.
        CodecContext codecs = new FlowSocketCodecContext(new ObjectMapper(), codecService,
                                                          ImmutableMap.of(HostService.class, hostService));
        Function<QosFlow, ObjectNode> flowJson = flow -> codecs.codec(QosFlow.class).encode(flow, codecs);
        UiMessageHandlerFactory handlers = () -> ImmutableList.of(
                new FlowSocketTopoMessageHandler(flowService, hostService, flowJson, highlighter, role()));
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

    @Modified
    protected void modified(ComponentContext context) {
        Object value = context == null ? null : context.getProperties().get(GUI_ROLE);
        String role = value == null ? GUI_ROLE_DEFAULT : value.toString().trim().toLowerCase(Locale.ROOT);
        if (!role.equals("admin") && !role.equals("viewer")) {
            log.warn("Ignoring {}={}: it must be admin or viewer; keeping {}", GUI_ROLE, value, guiRole);
            return;
        }
        guiRole = role;
        log.info("GUI users act with FlowSocket's {} role", guiRole);
    }

    private Role role() {
        return "viewer".equals(guiRole) ? Role.VIEWER : Role.ADMIN;
    }

    @Deactivate
    protected void deactivate() {
        cfgService.unregisterProperties(getClass(), false);
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
