/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onlab.packet.Ethernet;
import org.onlab.packet.IpPrefix;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.flow.DefaultFlowRule;
import org.onosproject.net.flow.DefaultTrafficSelector;
import org.onosproject.net.flow.DefaultTrafficTreatment;
import org.onosproject.net.flow.FlowEntry;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.net.flow.FlowRuleService;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * ONOS's REST API over HTTP on the sandbox's Jetty, against the real managers.
 */
public class RestApiTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static SandboxCore core;
    private static SimulatedNetwork network;
    private static SandboxWebServer web;
    private static final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper mapper = new ObjectMapper();

    @BeforeClass
    public static void setUp() throws Exception {
        core = SandboxCore.builder().build().start();
        network = new SimulatedNetwork(core.services(), NetworkSpec.linear(3)).start();
        web = new SandboxWebServer(new InetSocketAddress("127.0.0.1", 0), SandboxUsers.defaults(),
                core.services());
        web.start();
    }

    @AfterClass
    public static void tearDown() {
        web.close();
        network.close();
        core.close();
    }

    @Test
    public void flowsListsAnInstalledRule() throws Exception {
        ApplicationId app = core.get(CoreService.class).registerApplication("org.flowsocket.resttest");
        FlowRule rule = DefaultFlowRule.builder()
                .forDevice(S1)
                .withSelector(DefaultTrafficSelector.builder().matchEthType(Ethernet.TYPE_IPV4)
                        .matchIPDst(IpPrefix.valueOf("10.0.0.2/32")).build())
                .withTreatment(DefaultTrafficTreatment.builder().setOutput(PortNumber.portNumber(2)).build())
                .withPriority(40000).fromApp(app).makePermanent().build();
        FlowRuleService flows = core.get(FlowRuleService.class);
        flows.applyFlowRules(rule);
        waitForAdded(flows, rule);

        HttpResponse<String> response = get("/flows", "onos", "rocks");
        assertEquals(200, response.statusCode());
        JsonNode json = mapper.readTree(response.body());
        boolean found = false;
        for (JsonNode f : json.path("flows")) {
            if (f.path("id").asText().equals(Long.toString(rule.id().value()))) {
                found = true;
                assertEquals(S1.toString(), f.path("deviceId").asText());
                assertEquals("ADDED", f.path("state").asText());
                assertEquals(40000, f.path("priority").asInt());
            }
        }
        assertTrue("rule listed: " + response.body(), found);
    }

    @Test
    public void postFlowInstallsThroughTheRealManager() throws Exception {
        String body = "{\"priority\": 41000, \"isPermanent\": true, \"deviceId\": \"" + S1 + "\","
                + "\"treatment\": {\"instructions\": [{\"type\": \"OUTPUT\", \"port\": \"3\"}]},"
                + "\"selector\": {\"criteria\": [{\"type\": \"ETH_TYPE\", \"ethType\": \"0x0800\"},"
                + "{\"type\": \"IPV4_DST\", \"ip\": \"10.0.0.3/32\"}]}}";
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/flows/" + S1))
                .header("Authorization", basic("onos", "rocks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(created.body(), 201, created.statusCode());

        FlowRuleService flows = core.get(FlowRuleService.class);
        long deadline = System.currentTimeMillis() + 5000;
        boolean added = false;
        while (!added && System.currentTimeMillis() < deadline) {
            for (FlowEntry e : flows.getFlowEntries(S1)) {
                added |= e.priority() == 41000 && e.state() == FlowEntry.FlowEntryState.ADDED;
            }
            Thread.sleep(20);
        }
        assertTrue("REST-installed rule reached ADDED", added);
        assertTrue(network.flowTable(S1).stream().anyMatch(e -> e.priority() == 41000));
    }

    @Test
    public void devicesAndLinks() throws Exception {
        JsonNode devices = mapper.readTree(get("/devices", "viewer", "viewer").body());
        assertEquals(3, devices.path("devices").size());
        JsonNode links = mapper.readTree(get("/links", "onos", "rocks").body());
        assertEquals(4, links.path("links").size());
    }

    @Test
    public void basicDeviceConfigReachesTheDevice() throws Exception {
        DeviceId s2 = NetworkSpec.switchId(2);
        String cfg = "{\"devices\": {\"" + s2 + "\": {\"basic\": {\"name\": \"core-2\","
                + "\"latitude\": 40.7, \"longitude\": -74.0}}}}";
        HttpResponse<String> posted = send(HttpRequest.newBuilder(uri("/network/configuration"))
                .header("Authorization", basic("onos", "rocks"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(cfg)).build());
        assertEquals(posted.body(), 200, posted.statusCode());
        JsonNode device = mapper.readTree(get("/devices/" + s2, "onos", "rocks").body());
        assertEquals("core-2", device.path("annotations").path("name").asText());
        JsonNode stored = mapper.readTree(get("/network/configuration/devices/" + s2 + "/basic",
                "viewer", "viewer").body());
        assertEquals("core-2", stored.path("name").asText());
    }

    @Test
    public void withoutCredentialsIsUnauthorized() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/flows")).GET().build());
        assertEquals(401, response.statusCode());
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").contains("karaf"));
        assertEquals(401, get("/flows", "onos", "wrong").statusCode());
    }

    @Test
    public void viewerCannotChangeTheNetwork() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/flows/" + S1))
                .header("Authorization", basic("viewer", "viewer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(403, response.statusCode());
    }

    private static void waitForAdded(FlowRuleService flows, FlowRule rule) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            for (FlowEntry e : flows.getFlowEntries(rule.deviceId())) {
                if (e.equals(rule) && e.state() == FlowEntry.FlowEntryState.ADDED) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("rule not ADDED");
    }

    private static URI uri(String path) {
        return URI.create(web.restUri() + path);
    }

    private static HttpResponse<String> get(String path, String user, String password) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
                .GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
