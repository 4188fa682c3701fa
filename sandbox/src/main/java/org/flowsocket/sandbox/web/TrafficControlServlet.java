/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * The sandbox's control of the simulated traffic, at
 * {@code /sandbox/traffic/<flowId>}: {@code PUT} with
 * {@code {"bitsPerSecond":N}} sets the rate the simulated hosts send through
 * a flow handle's rules (each direction), {@code DELETE} gives it its
 * traffic class's default again. Answers 204, or 400 (bad body), 404 (no
 * such flow handle), 405 (another method).
 */
public final class TrafficControlServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Largest rate accepted: a terabit per second. */
    private static final long MAX_BITS_PER_SECOND = 1_000_000_000_000L;
    private static final int MAX_BODY = 4096;

    /** What the servlet acts on. */
    public interface FlowTraffic {
        /**
         * Sets a flow handle's rate.
         *
         * @param flowId        the flow handle
         * @param bitsPerSecond the rate
         * @throws IllegalArgumentException if there is no such flow handle
         */
        void set(String flowId, long bitsPerSecond);

        /**
         * Gives a flow handle its class's rate again.
         *
         * @param flowId the flow handle
         * @throws IllegalArgumentException if there is no such flow handle
         */
        void clear(String flowId);
    }

    private final transient FlowTraffic traffic;

    /**
     * Creates the servlet.
     *
     * @param traffic what it acts on
     */
    public TrafficControlServlet(FlowTraffic traffic) {
        this.traffic = requireNonNull(traffic);
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String flowId = flowId(request, response);
        if (flowId == null) {
            return;
        }
        byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
        long rate;
        try {
            JsonNode json = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
            JsonNode bits = json == null ? null : json.get("bitsPerSecond");
            if (body.length > MAX_BODY || bits == null || !bits.isIntegralNumber() || bits.asLong() < 0
                    || bits.asLong() > MAX_BITS_PER_SECOND || json.size() != 1) {
                throw new IllegalArgumentException("the body must be {\"bitsPerSecond\":N}, N from 0 to "
                        + MAX_BITS_PER_SECOND);
            }
            rate = bits.asLong();
        } catch (IOException | IllegalArgumentException e) {
            fail(response, HttpServletResponse.SC_BAD_REQUEST, e instanceof IllegalArgumentException
                    ? e.getMessage() : "the body is not JSON");
            return;
        }
        act(response, () -> traffic.set(flowId, rate));
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String flowId = flowId(request, response);
        if (flowId != null) {
            act(response, () -> traffic.clear(flowId));
        }
    }

    private static void act(HttpServletResponse response, Runnable action) throws IOException {
        try {
            action.run();
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (IllegalArgumentException e) {
            fail(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        }
    }

    private static String flowId(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
            fail(response, HttpServletResponse.SC_NOT_FOUND, "the path must be /sandbox/traffic/<flowId>");
            return null;
        }
        return path.substring(1);
    }

    private static void fail(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(message);
    }
}
