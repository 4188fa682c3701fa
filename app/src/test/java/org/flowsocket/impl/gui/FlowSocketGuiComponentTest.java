/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.gui;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.onosproject.cfg.ComponentConfigAdapter;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.ui.UiExtension;
import org.onosproject.ui.UiExtensionServiceAdapter;
import org.onosproject.ui.UiMessageHandler;
import org.onosproject.ui.UiTopoOverlay;
import org.onosproject.ui.UiView;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The UI extension the component registers, read through ONOS's own
 * {@link UiExtension} as both of ONOS's GUIs read it.
 */
public class FlowSocketGuiComponentTest {

    private final List<UiExtension> registered = new ArrayList<>();
    private FlowSocketGuiComponent component;

    @Before
    public void activate() {
        component = new FlowSocketGuiComponent();
        component.uiExtensionService = new UiExtensionServiceAdapter() {
            @Override
            public void register(UiExtension extension) {
                registered.add(extension);
            }

            @Override
            public void unregister(UiExtension extension) {
                registered.remove(extension);
            }
        };
        component.cfgService = new ComponentConfigAdapter();
        component.flowService = new GuiFixtures.FakeQosFlows();
        component.codecService = new CodecManager();
        component.linkService = new GuiFixtures.Links();
        component.hostService = new GuiFixtures.Hosts();
        component.activate(null);
    }

    @After
    public void deactivate() {
        if (component != null) {
            component.deactivate();
        }
    }

    private UiExtension extension() {
        assertEquals("one extension registered", 1, registered.size());
        return registered.get(0);
    }

    private static String text(InputStream in) throws IOException {
        assertNotNull(in);
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    public void onlyAHiddenViewSoGui2ShowsNoDeadNavigationEntry() {
        // GUI2 (ONOS 2.5-2.7 web/gui2: NavResource, NavService, nav.component.html) lists every
        // view that is not HIDDEN in its menu as routerLink="/<view id>", but routes only the
        // views compiled into its onos-routing.module.ts; any other entry leads nowhere.
        List<UiView> views = extension().views();
        assertEquals(1, views.size());
        assertEquals(FlowSocketGuiComponent.RESOURCE_PATH, views.get(0).id());
        assertEquals(UiView.Category.HIDDEN, views.get(0).category());
    }

    @Test
    public void classicGuiFindsTheOverlayScriptsAndStylesheet() throws IOException {
        UiExtension ext = extension();
        // the classic GUI's index.html injects these into its page
        String js = text(ext.js());
        String css = text(ext.css());
        assertTrue(js, js.contains("app/view/fsTopov/fsTopovOverlay.js"));
        assertTrue(js, js.contains("app/view/fsTopov/fsTopovService.js"));
        assertTrue(css, css.contains("app/view/fsTopov/fsTopov.css"));
        // and serves each file it names from the extension
        for (String file : List.of("fsTopovOverlay.js", "fsTopovService.js", "fsTopov.css", "fsTopov.html")) {
            assertNotNull(file, ext.resource(FlowSocketGuiComponent.RESOURCE_PATH, file));
        }
        // a missing resource would make ONOS drop the extension's views (UiExtension.views())
        assertEquals(1, ext.views().size());
    }

    @Test
    public void registersTheOverlayAndAMessageHandler() {
        UiExtension ext = extension();
        List<UiTopoOverlay> overlays = List.copyOf(ext.topoOverlayFactory().newOverlays());
        assertEquals(1, overlays.size());
        assertEquals(FlowSocketTopoOverlay.OVERLAY_ID, overlays.get(0).id());
        List<UiMessageHandler> handlers = List.copyOf(ext.messageHandlerFactory().newHandlers());
        assertEquals(1, handlers.size());
        assertTrue(handlers.get(0) instanceof FlowSocketTopoMessageHandler);
    }

    @Test
    public void deactivationUnregisters() {
        extension();
        component.deactivate();
        component = null;
        assertTrue(registered.isEmpty());
    }
}
