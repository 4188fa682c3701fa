/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.flowsocket.api.QosFlow;
import org.flowsocket.impl.codec.RuleForms;
import org.flowsocket.impl.flow.DistributedQosFlowStore;
import org.onosproject.codec.CodecContext;
import org.onosproject.codec.impl.CodecManager;
import org.onosproject.core.ApplicationId;
import org.onosproject.core.CoreService;
import org.onosproject.core.DefaultApplicationId;
import org.onosproject.net.DeviceId;
import org.onosproject.net.flow.FlowRule;
import org.onosproject.store.service.Serializer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What FlowSocket's flow handles cost in their stored form, per rule, alone
 * and on one thread: each write of a handle goes through the handle map's
 * serializer and back once (the least a write costs: ONOS's map, and the
 * sandbox's memory store with it, also decode at every read and, for each
 * listener, at every event), over
 * a handle's life as the benchmark's {@code flowsocket-ws} row lives it
 * (created PENDING with 64 rules, INSTALLED once 64 later handles were
 * created, REMOVING after all were installed), on the benchmark's rules.
 * Measured for rules as FlowSocket builds them (a network flow's: written
 * through ONOS's codecs and proven) and as a client sends them (ONOS flow
 * JSON read by ONOS's FlowRule codec, untimed, whose JSON the stored form
 * takes).
 * <p>
 * {@code java -cp flowsocket-bench.jar org.flowsocket.bench.StoreFormCost [handles] [rounds]}
 */
public final class StoreFormCost {

    private static final int RULES_PER_HANDLE = 64;
    private static final int IN_FLIGHT = 64;

    private StoreFormCost() {
    }

    /**
     * Prints the CPU per rule of each round and the median of the rounds after the first.
     *
     * @param args handles per round (default 256), rounds (default 8)
     */
    public static void main(String[] args) {
        int handles = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        for (boolean sent : new boolean[]{false, true}) {
            System.out.println(sent ? "rules as a client sends them (ONOS flow JSON):"
                    : "rules as FlowSocket builds them:");
            measure(handles, rounds, sent);
        }
    }

    private static void measure(int handles, int rounds, boolean sent) {
        RuleForms forms = new RuleForms();
        ApplicationId app = new DefaultApplicationId(1, Target.FLOWSOCKET_APP);
        CodecContext codecs = onosCodecs(app);
        Serializer serializer = DistributedQosFlowStore.serializer(codecs, forms);
        FlowRules rules = new FlowRules(List.of(DeviceId.deviceId("of:0000000000000001"),
                DeviceId.deviceId("of:0000000000000002"), DeviceId.deviceId("of:0000000000000003")),
                RULES_PER_HANDLE);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[][] micros = new double[3][rounds];
        for (int round = 0; round < rounds; round++) {
            long[] nanos = new long[3];
            List<QosFlow> stored = new ArrayList<>();
            for (int h = 0; h < handles + IN_FLIGHT; h++) {
                if (h < handles) {
                    List<FlowRule> handleRules = new ArrayList<>();
                    for (int i = 0; i < RULES_PER_HANDLE; i++) {
                        int n = h * RULES_PER_HANDLE + i;
                        handleRules.add(sent ? read(rules.json(n, true), codecs, forms) : rules.rule(n, app));
                    }
                    QosFlow created = QosFlow.builder().id("fs-" + h).kind(QosFlow.Kind.DEVICE)
                            .owner("onos").rules(handleRules).actingNode("node1").build();
                    stored.add(write(serializer, created, threads, nanos, 0));
                }
                if (h >= IN_FLIGHT) {
                    QosFlow installed = stored.get(h - IN_FLIGHT).withState(QosFlow.State.INSTALLED, null);
                    stored.set(h - IN_FLIGHT, write(serializer, installed, threads, nanos, 1));
                }
            }
            for (QosFlow handle : stored) {
                write(serializer, handle.withState(QosFlow.State.REMOVING, "removal requested", "node1"),
                      threads, nanos, 2);
            }
            for (int i = 0; i < 3; i++) {
                micros[i][round] = nanos[i] / 1e3 / ((double) handles * RULES_PER_HANDLE);
            }
            System.out.println(String.format(Locale.ROOT,
                    "round %d: cpu us per rule: created %.2f, installed %.2f, removing %.2f",
                    round + 1, micros[0][round], micros[1][round], micros[2][round]));
        }
        System.out.println(String.format(Locale.ROOT,
                "median of rounds 2 to %d: cpu us per rule: created %.2f, installed %.2f, removing %.2f",
                rounds, median(micros[0]), median(micros[1]), median(micros[2])));
    }

    // As FlowSocket reads a rule of InstallFlow (FlowRuleJsonCodec).
    private static FlowRule read(ObjectNode json, CodecContext codecs, RuleForms forms) {
        json.put("appId", Target.FLOWSOCKET_APP);
        FlowRule rule = codecs.codec(FlowRule.class).decode(json, codecs);
        forms.remember(rule, json);
        return rule;
    }

    // One write, encoded, and read back once.
    private static QosFlow write(Serializer serializer, QosFlow handle, ThreadMXBean threads,
                                 long[] nanos, int phase) {
        long cpu = threads.getCurrentThreadCpuTime();
        QosFlow read = serializer.decode(serializer.encode(handle));
        nanos[phase] += threads.getCurrentThreadCpuTime() - cpu;
        return read;
    }

    private static double median(double[] rounds) {
        double[] measured = Arrays.copyOfRange(rounds, Math.min(1, rounds.length - 1), rounds.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static CodecContext onosCodecs(ApplicationId app) {
        CodecManager codecs = new CodecManager();
        codecs.activate();
        // ONOS's FlowRule codec only registers the rule's application.
        CoreService core = (CoreService) Proxy.newProxyInstance(CoreService.class.getClassLoader(),
                new Class<?>[]{CoreService.class}, (proxy, method, args) -> {
                    if (!"registerApplication".equals(method.getName())) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    return app;
                });
        return CodecContexts.over(codecs, type -> {
            if (type == CoreService.class) {
                return core;
            }
            throw new IllegalStateException("no " + type.getSimpleName() + " here");
        });
    }
}
