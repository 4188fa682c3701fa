/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.cli;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.flowsocket.api.FlowSocketException;
import org.flowsocket.impl.command.ListLinksCommand;
import org.onosproject.cli.net.DeviceIdCompleter;
import org.onosproject.net.Link;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkService;

import java.util.List;

/**
 * Lists the infrastructure links ONOS knows, as ListLinks does: one entry per
 * direction, in ONOS's link JSON with {@code -j}.
 */
@Service
@Command(scope = "onos", name = "flowsocket-links",
        description = "Lists the links between switches, one per direction, optionally of one device or state")
public class LinksListCommand extends FlowSocketCommand {

    @Option(name = "-d", aliases = "--device", description = "Only links leaving or entering this device")
    @Completion(DeviceIdCompleter.class)
    private String device;

    @Option(name = "-s", aliases = "--state", description = "Only links in this state: active, inactive")
    @Completion(LinkStateCompleter.class)
    private String state;

    @Override
    protected void doExecute() throws Exception {
        List<Link> links;
        try {
            links = links();
        } catch (FlowSocketException e) {
            failed(e);
            return;
        }
        if (outputJson()) {
            printJson(jsonArray(links, Link.class));
            return;
        }
        for (Link link : links) {
            print("src=%s/%s, dst=%s/%s, type=%s, state=%s", link.src().deviceId(), link.src().port(),
                  link.dst().deviceId(), link.dst().port(), link.type(), link.state());
        }
        print("%d link(s)", links.size());
    }

    private List<Link> links() {
        return ListLinksCommand.links(get(LinkService.class), get(DeviceService.class),
                                      device == null ? null : OptionValues.deviceId("--device", device),
                                      OptionValues.named("--state", state, Link.State.class).orElse(null));
    }
}
