/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.testkit;

import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link FlowSocketClient} connects: the handshake's credentials,
 * subprotocol and further headers (e.g. Origin), and whether the client keeps
 * what it receives for later inspection. Immutable; every {@code with...}
 * returns a copy.
 */
public final class ClientConfig {

    /** FlowSocket's WebSocket subprotocol. */
    public static final String SUBPROTOCOL = "flowsocket.v1";

    private final String name;
    private final String authorization;
    private final String subprotocol;
    private final Map<String, String> headers;
    private final boolean retaining;
    private final boolean checksContract;

    private ClientConfig(String name, String authorization, String subprotocol, Map<String, String> headers,
                         boolean retaining) {
        this(name, authorization, subprotocol, headers, retaining, true);
    }

    private ClientConfig(String name, String authorization, String subprotocol, Map<String, String> headers,
                         boolean retaining, boolean checksContract) {
        this.name = name;
        this.authorization = authorization;
        this.subprotocol = subprotocol;
        this.headers = Map.copyOf(headers);
        this.retaining = retaining;
        this.checksContract = checksContract;
    }

    /**
     * HTTP BASIC credentials, offering {@value #SUBPROTOCOL}, keeping what arrives.
     *
     * @param user     user name
     * @param password password
     * @return configuration
     */
    public static ClientConfig basic(String user, String password) {
        return new ClientConfig(user, basicAuthorization(user, password), SUBPROTOCOL, Map.of(), true);
    }

    /** @return no credentials, offering {@value #SUBPROTOCOL} */
    public static ClientConfig anonymous() {
        return new ClientConfig("anonymous", null, SUBPROTOCOL, Map.of(), true);
    }

    /**
     * @param user     user name
     * @param password password
     * @return the value of an HTTP BASIC Authorization header
     */
    public static String basicAuthorization(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param value subprotocol to offer, or null to offer none
     * @return a copy offering it
     */
    public ClientConfig withSubprotocol(String value) {
        return new ClientConfig(name, authorization, value, headers, retaining, checksContract);
    }

    /**
     * @param header header name
     * @param value  value
     * @return a copy that also sends this header
     */
    public ClientConfig withHeader(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(header), Objects.requireNonNull(value));
        return new ClientConfig(name, authorization, subprotocol, more, retaining, checksContract);
    }

    /**
     * @param origin Origin header value
     * @return a copy that sends it
     */
    public ClientConfig withOrigin(String origin) {
        return withHeader("Origin", origin);
    }

    /**
     * A client that only counts events and messages instead of keeping them,
     * for long runs (benchmark, load) where keeping all would fill the heap.
     *
     * @return a copy that keeps nothing
     */
    public ClientConfig countingOnly() {
        return new ClientConfig(name, authorization, subprotocol, headers, false, checksContract);
    }

    /**
     * A client that does not check frames against the protocol's JSON
     * Schemas: for the web module's transport tests, whose stand-in command
     * core answers a test language (Echo, Delay) instead of
     * {@code flowsocket.v1}, and for measuring clients whose checks would
     * cost CPU time the measurement counts. Every suite against a real
     * FlowSocket checks.
     *
     * @return a copy that checks no frame
     */
    public ClientConfig withoutContractCheck() {
        return new ClientConfig(name, authorization, subprotocol, headers, retaining, false);
    }

    /** @return whether every frame is checked against docs/schema/ */
    public boolean checksContract() {
        return checksContract;
    }

    /** @return name used in failure messages (the user, or "anonymous") */
    public String name() {
        return name;
    }

    /** @return whether received messages, events and unmatched replies are kept */
    public boolean retaining() {
        return retaining;
    }

    /** @return Jetty's upgrade request for this handshake */
    public ClientUpgradeRequest upgradeRequest() {
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        if (subprotocol != null) {
            request.setSubProtocols(subprotocol);
        }
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        headers.forEach(request::setHeader);
        return request;
    }
}
