/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.onosproject.core.ApplicationId;
import org.onosproject.net.flow.FlowRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * What each row sends for its request {@code r} (rules
 * {@code r*B .. r*B+B-1}), built once and kept: every run of a row sends the
 * same requests, so only the warm-up pays for building them and the timed
 * runs spend the client's CPU on sending and receiving alone.
 */
final class RequestBodies {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final FlowRules rules;
    private final FlowRules nullRules;
    private final Map<String, List<Object>> cache = new ConcurrentHashMap<>();

    /**
     * @param rules     rules on the simulated switches
     * @param nullRules rules on the null-provider switches, or null if there are none
     */
    RequestBodies(FlowRules rules, FlowRules nullRules) {
        this.rules = rules;
        this.nullRules = nullRules;
    }

    /** @return the rules of the switches FlowSocket and REST rows use */
    FlowRules rules() {
        return rules;
    }

    /**
     * @param batch   rules per request
     * @param confirm whether FlowSocket is to wait for ONOS's confirmation
     * @param r       request number
     * @return an InstallFlow frame
     */
    String installFlow(int batch, boolean confirm, int r) {
        return (String) cached("ws/" + batch + "/" + confirm, r, i -> {
            ObjectNode req = MAPPER.createObjectNode();
            req.put("type", "InstallFlow");
            req.put("id", i);
            if (!confirm) {
                req.put("confirm", false);
            }
            req.set("flows", rules.jsonArray(i * batch, batch));
            return req.toString();
        });
    }

    /**
     * @param batch rules per request
     * @param r     request number
     * @return the same rules as {@link #installFlow}, as a frame the echo
     *         endpoint sends back and the client takes for a reply
     */
    String echoFrame(int batch, int r) {
        return (String) cached("echo/" + batch, r, i -> {
            ObjectNode req = MAPPER.createObjectNode();
            req.put("kind", "reply");
            req.put("id", i);
            req.put("status", "ok");
            req.put("type", "InstallFlow");
            req.set("flows", rules.jsonArray(i * batch, batch));
            return req.toString();
        });
    }

    /**
     * @param batch rules per request
     * @param r     request number
     * @return {path, body} of ONOS's REST request
     */
    String[] rest(int batch, int r) {
        return (String[]) cached("rest/" + batch, r, i -> {
            int first = i * batch;
            if (batch == 1) {
                return new String[]{"/flows/" + rules.device(first) + "?appId=" + Target.REST_APP,
                        rules.json(first, false).toString()};
            }
            ObjectNode body = MAPPER.createObjectNode();
            body.set("flows", rules.jsonArray(first, batch));
            return new String[]{"/flows?appId=" + Target.REST_APP, body.toString()};
        });
    }

    /**
     * @param onNull whether for the null-provider switches
     * @param app    the rules' application
     * @param batch  rules per request
     * @param r      request number
     * @return the request's rules as ONOS objects
     */
    @SuppressWarnings("unchecked")
    List<FlowRule> flowRules(boolean onNull, ApplicationId app, int batch, int r) {
        FlowRules which = onNull ? nullRules : rules;
        return (List<FlowRule>) cached("apply/" + onNull + "/" + app.id() + "/" + batch, r, i -> {
            List<FlowRule> b = new ArrayList<>(batch);
            for (int n = i * batch; n < (i + 1) * batch; n++) {
                b.add(which.rule(n, app));
            }
            return List.copyOf(b);
        });
    }

    private Object cached(String key, int r, IntFunction<Object> build) {
        List<Object> list = cache.computeIfAbsent(key, k -> new ArrayList<>());
        synchronized (list) {
            while (list.size() <= r) {
                list.add(build.apply(list.size()));
            }
            return list.get(r);
        }
    }
}
