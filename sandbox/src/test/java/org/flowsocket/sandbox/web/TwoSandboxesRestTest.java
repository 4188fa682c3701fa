/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.sandbox.core.SandboxCore;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.junit.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.junit.Assert.assertEquals;

/**
 * Two sandboxes in one JVM each serve ONOS's REST API on their own services,
 * although ONOS's REST resources find services through one static directory.
 */
public class TwoSandboxesRestTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    public void eachServerAnswersFromItsOwnSandbox() throws Exception {
        try (SandboxCore first = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
             SimulatedNetwork firstNetwork = new SimulatedNetwork(first.services(), NetworkSpec.linear(2)).start();
             SandboxWebServer firstWeb = new SandboxWebServer(new InetSocketAddress("127.0.0.1", 0),
                     SandboxUsers.defaults(), first.services());
             SandboxCore second = SandboxCore.builder().store(SandboxCore.Store.MEMORY).build().start();
             SimulatedNetwork secondNetwork = new SimulatedNetwork(second.services(), NetworkSpec.linear(3))
                     .start();
             SandboxWebServer secondWeb = new SandboxWebServer(new InetSocketAddress("127.0.0.1", 0),
                     SandboxUsers.defaults(), second.services())) {
            firstWeb.start();
            secondWeb.start();
            // The server created first answers after the second was created.
            assertEquals(2, devices(firstWeb));
            assertEquals(3, devices(secondWeb));
            assertEquals(2, devices(firstWeb));
        }
    }

    private static int devices(SandboxWebServer web) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(web.restUri() + "/devices"))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("onos:rocks".getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(r.body(), 200, r.statusCode());
        return MAPPER.readTree(r.body()).path("devices").size();
    }
}
