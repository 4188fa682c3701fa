/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.sandbox.network.NetworkSpec;
import org.flowsocket.sandbox.network.SimulatedNetwork;
import org.onosproject.net.ConnectPoint;
import org.onosproject.net.DeviceId;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The sandbox's fault injection, at {@code /sandbox/v1}: it takes the
 * simulated network's cables and switches down and up through
 * {@link SimulatedNetwork}'s fault methods, so ONOS sees what it sees when a
 * cable is cut or a switch disconnects.
 * <ul>
 * <li>{@code POST /links/down} and {@code /links/up} with
 * {@code {"src":"<deviceId>/<port>","dst":"<deviceId>/<port>"}}: both
 * directions of the link between those ports;</li>
 * <li>{@code POST /devices/<deviceId>/down} and {@code /up};</li>
 * <li>{@code GET /faults}: what is down, {@code {"devicesDown":[ids],
 * "linksDown":[{"src","dst"}]}}.</li>
 * </ul>
 * Taking down what is down, or bringing up what is up, changes nothing.
 * Answers 204 when done (200 with the JSON for {@code GET /faults}), 400 for a
 * bad body, an unknown port or two ports that are not the ends of a link, 404
 * for an unknown switch or path, 405 for another method, and 409 when the
 * sandbox runs real OpenFlow switches instead of the simulated network.
 * Errors are one line of text, as {@link TrafficControlServlet} answers.
 */
public final class FaultInjectionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_BODY = 4096;
    private static final String LINKS = "/links/";
    private static final String DEVICES = "/devices/";
    private static final String FAULTS = "/faults";
    private static final String DOWN = "down";
    private static final String UP = "up";
    private static final String LINK_BODY = "the body must be {\"src\":\"<deviceId>/<port>\","
            + "\"dst\":\"<deviceId>/<port>\"}";

    private final transient SimulatedNetwork network;
    private final String notSimulated;

    private FaultInjectionServlet(SimulatedNetwork network, String notSimulated) {
        this.network = network;
        this.notSimulated = notSimulated;
    }

    /**
     * Creates the servlet over a simulated network.
     *
     * @param network the network whose faults it injects
     * @return the servlet
     */
    public static FaultInjectionServlet of(SimulatedNetwork network) {
        return new FaultInjectionServlet(requireNonNull(network), null);
    }

    /**
     * Creates the servlet of a sandbox without a simulated network: it
     * answers 409 on each of its paths, with the reason.
     *
     * @param reason why there is no simulated network, e.g. real switches run instead
     * @return the servlet
     */
    public static FaultInjectionServlet notSimulated(String reason) {
        return new FaultInjectionServlet(null, requireNonNull(reason));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (!FAULTS.equals(path)) {
            if (isPost(path)) {
                methodNotAllowed(response, "POST");
            } else {
                notFound(response);
            }
            return;
        }
        if (simulated(response)) {
            response.setStatus(HttpServletResponse.SC_OK);
            response.setContentType("application/json");
            response.setCharacterEncoding("utf-8");
            MAPPER.writeValue(response.getWriter(), faults());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (FAULTS.equals(path)) {
            methodNotAllowed(response, "GET");
        } else if (path.startsWith(LINKS) && isAction(path.substring(LINKS.length()))) {
            postLink(request, response, DOWN.equals(path.substring(LINKS.length())));
        } else if (isDeviceAction(path)) {
            int slash = path.lastIndexOf('/');
            postDevice(response, path.substring(DEVICES.length(), slash), DOWN.equals(path.substring(slash + 1)));
        } else {
            notFound(response);
        }
    }

    @Override
    protected void doPut(HttpServletRequest request, HttpServletResponse response) throws IOException {
        otherMethod(request, response);
    }

    @Override
    protected void doDelete(HttpServletRequest request, HttpServletResponse response) throws IOException {
        otherMethod(request, response);
    }

    private void postLink(HttpServletRequest request, HttpServletResponse response, boolean down)
            throws IOException {
        if (!simulated(response)) {
            return;
        }
        ConnectPoint src;
        ConnectPoint dst;
        try {
            JsonNode json = linkBody(request.getInputStream().readNBytes(MAX_BODY + 1));
            src = connectPoint(json, "src");
            dst = connectPoint(json, "dst");
        } catch (IllegalArgumentException e) {
            fail(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
            return;
        }
        try {
            if (down) {
                network.linkDown(src, dst);
            } else {
                network.linkUp(src, dst);
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (IllegalArgumentException e) {
            // No such switch or port, or not the two ends of one link: the body is wrong.
            fail(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
        }
    }

    private void postDevice(HttpServletResponse response, String id, boolean down) throws IOException {
        if (!simulated(response)) {
            return;
        }
        DeviceId deviceId;
        try {
            deviceId = DeviceId.deviceId(id);
        } catch (IllegalArgumentException e) {
            fail(response, HttpServletResponse.SC_NOT_FOUND, "no simulated switch " + id);
            return;
        }
        try {
            if (down) {
                network.deviceDown(deviceId);
            } else {
                network.deviceUp(deviceId);
            }
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
        } catch (IllegalArgumentException e) {
            fail(response, HttpServletResponse.SC_NOT_FOUND, e.getMessage());
        }
    }

    private ObjectNode faults() {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode devices = json.putArray("devicesDown");
        for (DeviceId id : network.deviceIds()) {
            if (!network.isUp(id)) {
                devices.add(id.toString());
            }
        }
        ArrayNode links = json.putArray("linksDown");
        for (NetworkSpec.Link l : network.linksDown()) {
            links.addObject().put("src", text(l.one())).put("dst", text(l.two()));
        }
        return json;
    }

    private boolean simulated(HttpServletResponse response) throws IOException {
        if (network == null) {
            fail(response, HttpServletResponse.SC_CONFLICT, "not a simulated network: " + notSimulated);
            return false;
        }
        return true;
    }

    private static JsonNode linkBody(byte[] body) {
        JsonNode json;
        try {
            json = MAPPER.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON; " + LINK_BODY);
        }
        if (body.length > MAX_BODY || json == null || !json.isObject() || json.size() != 2
                || !json.path("src").isTextual() || !json.path("dst").isTextual()) {
            throw new IllegalArgumentException(LINK_BODY);
        }
        return json;
    }

    // As ONOS's REST API reads a connect point: the last '/' ends the device id.
    private static ConnectPoint connectPoint(JsonNode json, String field) {
        String value = json.get(field).asText();
        try {
            return ConnectPoint.deviceConnectPoint(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + value + "' is not <deviceId>/<port>");
        }
    }

    private static String text(ConnectPoint cp) {
        return cp.deviceId() + "/" + cp.port();
    }

    private static String path(HttpServletRequest request) {
        String path = request.getPathInfo();
        return path == null ? "" : path;
    }

    private static boolean isAction(String word) {
        return DOWN.equals(word) || UP.equals(word);
    }

    // /devices/<deviceId>/down or /up; a device id has no '/' in the simulated network.
    private static boolean isDeviceAction(String path) {
        if (!path.startsWith(DEVICES)) {
            return false;
        }
        int slash = path.lastIndexOf('/');
        return slash > DEVICES.length() && path.indexOf('/', DEVICES.length()) == slash
                && isAction(path.substring(slash + 1));
    }

    private static boolean isPost(String path) {
        return (path.startsWith(LINKS) && isAction(path.substring(LINKS.length()))) || isDeviceAction(path);
    }

    private static void otherMethod(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = path(request);
        if (FAULTS.equals(path)) {
            methodNotAllowed(response, "GET");
        } else if (isPost(path)) {
            methodNotAllowed(response, "POST");
        } else {
            notFound(response);
        }
    }

    private static void methodNotAllowed(HttpServletResponse response, String allowed) throws IOException {
        response.setHeader("Allow", allowed);
        fail(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "only " + allowed + " here");
    }

    private static void notFound(HttpServletResponse response) throws IOException {
        fail(response, HttpServletResponse.SC_NOT_FOUND, "no such path; the paths are " + String.join(", ",
                List.of("GET /sandbox/v1/faults", "POST /sandbox/v1/links/down", "POST /sandbox/v1/links/up",
                       "POST /sandbox/v1/devices/<deviceId>/down", "POST /sandbox/v1/devices/<deviceId>/up")));
    }

    private static void fail(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().println(message);
    }
}
