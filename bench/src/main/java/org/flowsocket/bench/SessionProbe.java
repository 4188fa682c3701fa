/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import org.flowsocket.api.FlowSocketAdminService;
import org.flowsocket.sandbox.Sandbox;
import org.flowsocket.sandbox.network.NetworkSpec;

import javax.management.ObjectName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox in a JVM of its own, so that its memory holds the server side of
 * the connections only. Its FlowSocket takes as many sessions of one user
 * from one address as the first argument says (the caps of this JVM only).
 * Prints {@code READY <port> <device id>}, then answers commands read from
 * standard input, one a line:
 * <ul>
 * <li>{@code memory}: collects garbage and prints {@code MEMORY} and the
 * {@link Memory} figures;</li>
 * <li>{@code sessions}: prints {@code SESSIONS <FlowSocket sessions open>};</li>
 * <li>{@code fds}: prints {@code FDS <open> <max>} (file descriptors);</li>
 * <li>{@code quit}: stops.</li>
 * </ul>
 * Start it with {@code -XX:NativeMemoryTracking=summary} for the native figures.
 */
public final class SessionProbe {

    private SessionProbe() {
    }

    /**
     * @param args the session caps
     * @throws Exception if the sandbox cannot start
     */
    public static void main(String[] args) throws Exception {
        BenchMain.quietLogging();
        int caps = Integer.parseInt(args[0]);
        try (Sandbox sandbox = Sandbox.builder().bind(new InetSocketAddress("127.0.0.1", 0))
                .topology(NetworkSpec.linear(3)).start()) {
            BenchSandbox.allowSessions(sandbox, caps);
            FlowSocketAdminService service = (FlowSocketAdminService) sandbox.flowSocketService()
                    .orElseThrow(() -> new IllegalStateException("FlowSocket is not running"));
            System.out.println("READY " + sandbox.web().port() + " " + sandbox.network().deviceIds().get(0));
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "memory":
                        System.out.println("MEMORY " + Memory.measure());
                        break;
                    case "gc":
                        System.out.println("GC " + gcMillis());
                        break;
                    case "sessions":
                        System.out.println("SESSIONS " + service.sessions().size());
                        break;
                    case "fds":
                        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
                        UnixOperatingSystemMXBean unix = os instanceof UnixOperatingSystemMXBean
                                ? (UnixOperatingSystemMXBean) os : null;
                        System.out.println("FDS " + (unix == null ? "-1 -1" : unix.getOpenFileDescriptorCount()
                                + " " + unix.getMaxFileDescriptorCount()));
                        break;
                    case "quit":
                        return;
                    default:
                        System.out.println("ERROR unknown command " + line);
                }
                System.out.flush();
            }
        }
    }

    /**
     * Returns the time this JVM's collectors have spent so far, as they
     * count it (G1: its pauses).
     *
     * @return milliseconds
     */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(t -> t > 0).sum();
    }

    /**
     * The probe JVM's memory: used heap after full collections, direct
     * buffers, and what native memory tracking counts committed in all and
     * for the heap, plus the resident set as a cross-check.
     */
    static final class Memory {
        private static final Pattern TOTAL = Pattern.compile("Total: reserved=(\\d+)KB, committed=(\\d+)KB");
        private static final Pattern HEAP = Pattern.compile("Java Heap \\(reserved=(\\d+)KB, committed=(\\d+)KB\\)");

        final long heapUsed;
        final long direct;
        final long nativeCommitted;
        final long heapCommitted;
        final long rss;

        Memory(long heapUsed, long direct, long nativeCommitted, long heapCommitted, long rss) {
            this.heapUsed = heapUsed;
            this.direct = direct;
            this.nativeCommitted = nativeCommitted;
            this.heapCommitted = heapCommitted;
            this.rss = rss;
        }

        /**
         * @return native memory the JVM committed outside its heap (thread
         *         stacks, direct buffers, metaspace, code, GC, sockets' JVM side)
         */
        long outsideHeap() {
            return nativeCommitted - heapCommitted;
        }

        /**
         * Everything the sessions can cost: the used heap (not the committed
         * heap, which the collector sizes as it likes) and all committed
         * native memory outside the heap, direct buffers included.
         *
         * @return bytes
         */
        long total() {
            return heapUsed + outsideHeap();
        }

        static Memory measure() throws Exception {
            long heap = usedAfterGc();
            long direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                    .filter(b -> "direct".equals(b.getName())).mapToLong(BufferPoolMXBean::getMemoryUsed)
                    .sum();
            String nmt = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Matcher total = TOTAL.matcher(nmt);
            Matcher heapNmt = HEAP.matcher(nmt);
            if (!total.find() || !heapNmt.find()) {
                throw new IllegalStateException("no native memory summary (is -XX:NativeMemoryTracking=summary "
                        + "set?): " + nmt.lines().findFirst().orElse(""));
            }
            return new Memory(heap, direct, Long.parseLong(total.group(2)) * 1024,
                    Long.parseLong(heapNmt.group(2)) * 1024, rss());
        }

        // VmRSS of /proc/self/status, or -1 where there is none.
        private static long rss() throws IOException {
            Path status = Path.of("/proc/self/status");
            if (!Files.exists(status)) {
                return -1;
            }
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong).map(kb -> kb * 1024)
                    .findFirst().orElse(-1);
        }

        static Memory parse(String text) {
            String[] f = text.trim().split(" ");
            return new Memory(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[4]));
        }

        @Override
        public String toString() {
            return heapUsed + " " + direct + " " + nativeCommitted + " " + heapCommitted + " " + rss;
        }
    }

    /**
     * Used heap after full collections, the lowest of a few readings.
     *
     * @return bytes
     * @throws InterruptedException if interrupted
     */
    static long usedAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
