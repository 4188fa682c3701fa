/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;
import org.onosproject.net.PortNumber;
import org.onosproject.net.device.DeviceService;
import org.onosproject.net.link.LinkService;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

/**
 * The sandbox's fault injection over HTTP ({@link FaultInjectionServlet}) on
 * linear,3: who may use it, each answer, and that ONOS's own services see the
 * cable cut or the switch gone, and back.
 */
public class FaultInjectionHttpTest {

    private static final DeviceId S1 = NetworkSpec.switchId(1);
    private static final DeviceId S2 = NetworkSpec.switchId(2);
    private static final ConnectPoint S1_P2 = new ConnectPoint(S1, PortNumber.portNumber(2));
    private static final ConnectPoint S2_P2 = new ConnectPoint(S2, PortNumber.portNumber(2));
    private static final String S1_S2 = "{\"src\":\"" + S1 + "/2\",\"dst\":\"" + S2 + "/2\"}";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static Sandbox sandbox;
    private static LinkService links;
    private static DeviceService devices;

    @BeforeClass
    public static void start() throws Exception {
        // Nothing here is in the store: the memory store starts quicker.
        sandbox = Sandbox.builder().bind(new InetSocketAddress("127.0.0.1", 0)).topology(NetworkSpec.linear(3))
                .store(SandboxCore.Store.MEMORY).flowSocket(false).start();
        links = sandbox.core().get(LinkService.class);
        devices = sandbox.core().get(DeviceService.class);
    }

    @AfterClass
    public static void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @After
    public void everythingUpAgain() {
        sandbox.network().linkUp(S1_P2, S2_P2);
        sandbox.network().deviceIds().forEach(sandbox.network()::deviceUp);
    }

    @Test
    public void onlyAdministratorsMayInjectFaults() throws Exception {
        for (String[] call : new String[][]{{"POST", "/links/down", S1_S2}, {"POST", "/links/up", S1_S2},
                {"POST", "/devices/" + S2 + "/down", ""}, {"POST", "/devices/" + S2 + "/up", ""},
                {"GET", "/faults", null}}) {
            assertEquals(call[1], 401, send(call[0], call[1], call[2], null, null).statusCode());
            assertEquals(call[1], 401, send(call[0], call[1], call[2], "onos", "wrong").statusCode());
            assertEquals(call[1], 403, send(call[0], call[1], call[2], "viewer", "viewer").statusCode());
        }
        assertEquals(4, links.getDeviceLinks(S2).size());
        assertTrue(devices.isAvailable(S2));
    }

    @Test
    public void aLinkTakenDownVanishesBothWaysAndComesBackUp() throws Exception {
        assertNotNull(links.getLink(S1_P2, S2_P2));
        HttpResponse<String> down = admin("POST", "/links/down", S1_S2);
        assertEquals(down.body(), 204, down.statusCode());
        // As when a cable is cut: ONOS loses both directions and both ports go down.
        eventually("both directions gone", () -> links.getLink(S1_P2, S2_P2) == null
                && links.getLink(S2_P2, S1_P2) == null);
        assertFalse(devices.getPort(S1_P2).isEnabled());
        assertFalse(devices.getPort(S2_P2).isEnabled());
        // Named as the topology names the link (linear,N: from the higher switch).
        JsonNode faults = MAPPER.readTree(admin("GET", "/faults", null).body());
        assertEquals("{\"devicesDown\":[],\"linksDown\":[{\"src\":\"" + S2 + "/2\",\"dst\":\"" + S1 + "/2\"}]}",
                     faults.toString());

        // Idempotent, and either end may come first.
        assertEquals(204, admin("POST", "/links/down", "{\"src\":\"" + S2 + "/2\",\"dst\":\"" + S1 + "/2\"}")
                .statusCode());
        assertNull(links.getLink(S1_P2, S2_P2));

        assertEquals(204, admin("POST", "/links/up", S1_S2).statusCode());
        eventually("both directions back", () -> links.getLink(S1_P2, S2_P2) != null
                && links.getLink(S2_P2, S1_P2) != null);
        assertTrue(devices.getPort(S1_P2).isEnabled());
        assertEquals(204, admin("POST", "/links/up", S1_S2).statusCode());
        assertEquals(4, links.getLinkCount());
        assertEquals("{\"devicesDown\":[],\"linksDown\":[]}", admin("GET", "/faults", null).body());
    }

    @Test
    public void aDeviceTakenDownIsUnavailableUntilBroughtUp() throws Exception {
        HttpResponse<String> down = admin("POST", "/devices/" + S2 + "/down", null);
        assertEquals(down.body(), 204, down.statusCode());
        eventually("switch 2 unavailable, its links gone", () -> !devices.isAvailable(S2)
                && links.getDeviceLinks(S2).isEmpty());
        assertEquals("{\"devicesDown\":[\"" + S2 + "\"],\"linksDown\":[]}", admin("GET", "/faults", null).body());
        assertEquals(204, admin("POST", "/devices/" + S2 + "/down", null).statusCode());
        assertFalse(devices.isAvailable(S2));

        assertEquals(204, admin("POST", "/devices/" + S2 + "/up", null).statusCode());
        eventually("switch 2 back with its four links", () -> devices.isAvailable(S2)
                && links.getDeviceLinks(S2).size() == 4);
        assertEquals(204, admin("POST", "/devices/" + S2 + "/up", null).statusCode());
        assertTrue(devices.isAvailable(S2));
    }

    @Test
    public void badRequestsAreRefusedWithTheReason() throws Exception {
        assertRefused(400, "/links/down", "{\"src\":", "not JSON");
        assertRefused(400, "/links/down", "[]", "the body must be");
        assertRefused(400, "/links/down", "{\"src\":\"" + S1 + "/2\"}", "the body must be");
        assertRefused(400, "/links/down", "{\"src\":\"" + S1 + "/2\",\"dst\":\"" + S2 + "/2\",\"both\":true}",
                      "the body must be");
        assertRefused(400, "/links/down", "{\"src\":\"" + S1 + "/2\",\"dst\":2}", "the body must be");
        assertRefused(400, "/links/down", "{\"src\":\"" + S1 + "\",\"dst\":\"" + S2 + "/2\"}",
                      "src '" + S1 + "' is not <deviceId>/<port>");
        assertRefused(400, "/links/down", "{\"src\":\"" + S1 + "/x\",\"dst\":\"" + S2 + "/2\"}",
                      "is not <deviceId>/<port>");
        assertRefused(400, "/links/up", "{\"src\":\"" + S1 + "/9\",\"dst\":\"" + S2 + "/2\"}",
                      S1 + " has no port 9");
        assertRefused(400, "/links/down", "{\"src\":\"of:00000000000000aa/1\",\"dst\":\"" + S2 + "/2\"}",
                      "No simulated switch of:00000000000000aa");
        // Real ports, but not the two ends of one cable.
        assertRefused(400, "/links/down", "{\"src\":\"" + S1 + "/1\",\"dst\":\"" + S2 + "/2\"}", "No link");
        assertRefused(404, "/devices/of:00000000000000aa/down", null, "No simulated switch of:00000000000000aa");
        assertRefused(404, "/devices/of:00000000000000aa/up", null, "No simulated switch");
        assertRefused(404, "/devices/" + S1 + "/reboot", null, "no such path");
        assertRefused(404, "/links/sideways", S1_S2, "no such path");
        assertEquals(405, admin("GET", "/links/down", null).statusCode());
        assertEquals(405, admin("PUT", "/devices/" + S1 + "/down", "").statusCode());
        assertEquals(405, admin("POST", "/faults", "").statusCode());
        // Nothing was changed by any of them.
        assertEquals(4, links.getLinkCount());
        assertEquals(3, devices.getAvailableDeviceCount());
    }

    @Test
    public void withRealSwitchesInsteadOfTheSimulatedNetworkItRefusesWith409() throws Exception {
        try (Sandbox openflow = Sandbox.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .openflow(new InetSocketAddress("127.0.0.1", 0)).topology(NetworkSpec.parse("none"))
                .store(SandboxCore.Store.MEMORY).flowSocket(false).start()) {
            URI base = openflow.web().controlUri();
            for (String[] call : new String[][]{{"POST", "/links/down", S1_S2}, {"POST", "/links/up", S1_S2},
                    {"POST", "/devices/" + S1 + "/down", ""}, {"POST", "/devices/" + S1 + "/up", ""},
                    {"GET", "/faults", null}}) {
                HttpResponse<String> r = send(base, call[0], call[1], call[2], "onos", "rocks");
                assertEquals(call[1], 409, r.statusCode());
                assertTrue(r.body(), r.body().startsWith("not a simulated network: "));
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertRefused(int status, String path, String body, String words) throws Exception {
        HttpResponse<String> r = admin("POST", path, body);
        assertEquals(path + " " + body + ": " + r.body(), status, r.statusCode());
        assertTrue(r.body(), r.body().contains(words));
        assertTrue(r.headers().firstValue("Content-Type").orElse(""), r.headers().firstValue("Content-Type")
                .orElse("").startsWith("text/plain"));
    }

    private static HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return send(method, path, body, "onos", "rocks");
    }

    private static HttpResponse<String> send(String method, String path, String body, String user,
                                             String password) throws Exception {
        return send(sandbox.web().controlUri(), method, path, body, user, password);
    }

    private static HttpResponse<String> send(URI control, String method, String path, String body, String user,
                                             String password) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(control + Sandbox.FAULTS_PATH + path))
                .timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(what, System.nanoTime() < deadline);
            Thread.sleep(20);
        }
    }
}
