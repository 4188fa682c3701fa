/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flowsocket.testkit.ClientConfig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * ONOS's REST API ({@code /onos/v1}) as one user with BASIC credentials: the
 * REST rows' requests, and the devices and rules of a server attached by URL.
 */
public final class OnosRest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final String user;
    private final String password;
    private final HttpClient httpClient;

    // Jetty's connector closes a connection idle for 30 s (its default, the
    // sandbox's); Java's client keeps one for 1200 s by default and may send
    // a request on one Jetty has just closed ("HTTP/1.1 header parser received
    // no bytes": 92 of 282,440 requests of a REST row, at a run's start after
    // other rows' runs). It drops idle connections first, if no one chose.
    static {
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "20");
        }
    }

    /**
     * @param http     the server's base URL, e.g. {@code http://127.0.0.1:8181}
     * @param user     user
     * @param password password
     */
    OnosRest(URI http, String user, String password) {
        this.base = URI.create(http + "/onos/v1");
        this.user = user;
        this.password = password;
        this.httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** @return base of ONOS's REST API, e.g. http://127.0.0.1:8181/onos/v1 */
    public URI uri() {
        return base;
    }

    /** @return the HTTP client */
    public HttpClient httpClient() {
        return httpClient;
    }

    /**
     * @param path path under /onos/v1, e.g. {@code /flows}
     * @return request builder with BASIC credentials
     */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", ClientConfig.basicAuthorization(user, password))
                .timeout(Duration.ofSeconds(60));
    }

    /**
     * POSTs JSON asynchronously.
     *
     * @param path path under /onos/v1
     * @param body JSON text
     * @return future response
     */
    public CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
        HttpRequest req = request(path).header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return httpClient.sendAsync(req, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * GETs JSON.
     *
     * @param path path under /onos/v1
     * @return parsed body
     * @throws IOException          on failure
     * @throws InterruptedException if interrupted
     */
    public JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = httpClient.send(request(path).header("Accept", "application/json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": HTTP " + r.statusCode());
        }
        return MAPPER.readTree(r.body());
    }

}
