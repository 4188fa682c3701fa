/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import io.netty.channel.Channel;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFBarrierReply;
import org.projectfloodlight.openflow.protocol.OFDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReply;
import org.projectfloodlight.openflow.protocol.OFStatsReplyFlags;
import org.projectfloodlight.openflow.protocol.OFStatsRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.errormsg.OFErrorMsgs;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One connected switch, as the controller sees it. Runs the OpenFlow 1.3
 * handshake (HELLO, FEATURES_REQUEST for the datapath id, SET_CONFIG,
 * DESC and PORT_DESC multipart requests) and then correlates the switch's
 * answers with what was sent: ERROR messages by the xid of the message they
 * refuse, BARRIER_REPLY by the barrier's xid, multipart replies (possibly in
 * several parts) by the request's xid.
 * <p>
 * Every method runs on the southbound's thread.
 */
final class SwitchSession {

    private static final Logger log = LoggerFactory.getLogger(SwitchSession.class);

    /** How long a switch may take from TCP connect to the end of the handshake. */
    static final long HANDSHAKE_TIMEOUT_SECONDS = 10;

    /** OFPCML_NO_BUFFER as the miss send length. */
    private static final int MISS_SEND_LEN = 0xffff;

    enum State { WAIT_HELLO, WAIT_FEATURES, WAIT_DESCRIPTION, ACTIVE, CLOSED }

    private final Channel channel;
    private final OpenFlowSouthbound owner;
    private final OFFactory factory = OFFactories.getFactory(OFVersion.OF_13);

    private State state = State.WAIT_HELLO;
    private long nextXid = 1;
    private long dpid;
    private DeviceId deviceId;
    private OFDescStatsReply description;
    private List<OFPortDesc> ports;

    private final NavigableMap<Long, Consumer<OFErrorMsg>> errorHandlers = new TreeMap<>();
    private final Map<Long, Runnable> barriers = new HashMap<>();
    private final Map<Long, Multipart> multiparts = new HashMap<>();

    SwitchSession(Channel channel, OpenFlowSouthbound owner) {
        this.channel = channel;
        this.owner = owner;
    }

    OpenFlowSouthbound owner() {
        return owner;
    }

    OFFactory factory() {
        return factory;
    }

    State state() {
        return state;
    }

    long dpid() {
        return dpid;
    }

    /** @return the device id, {@code of:} and the datapath id in 16 hex digits (null before FEATURES_REPLY) */
    DeviceId deviceId() {
        return deviceId;
    }

    OFDescStatsReply description() {
        return description;
    }

    List<OFPortDesc> ports() {
        return ports;
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    boolean isActive() {
        return state == State.ACTIVE;
    }

    /** @return a fresh transaction id */
    long xid() {
        long x = nextXid;
        nextXid = nextXid >= 0xffffff00L ? 1 : nextXid + 1;
        return x;
    }

    // ------------------------------------------------------------ sending

    /** Queues a message without flushing. */
    void write(OFMessage m) {
        if (state != State.CLOSED) {
            channel.write(m, channel.voidPromise());
        }
    }

    /** Flushes queued messages. */
    void flush() {
        channel.flush();
    }

    /** Sends a message now. */
    void send(OFMessage m) {
        write(m);
        flush();
    }

    /**
     * Queues a message whose refusal (an ERROR with its xid) goes to a handler.
     * The handler is forgotten when a later barrier is answered.
     */
    void writeTracked(OFMessage m, Consumer<OFErrorMsg> onError) {
        errorHandlers.put(m.getXid(), onError);
        write(m);
    }

    /**
     * Sends a BARRIER_REQUEST (flushing what is queued); the switch answers
     * it once it has processed everything sent before it.
     *
     * @param onReply run when the barrier reply arrives
     * @return the barrier's xid
     */
    long barrier(Runnable onReply) {
        long xid = xid();
        barriers.put(xid, onReply);
        send(factory.buildBarrierRequest().setXid(xid).build());
        return xid;
    }

    /**
     * Sends a multipart request; the reply's parts are gathered.
     *
     * @param request request, with its xid
     * @param onReply receives every part once the last one arrived
     */
    void request(OFStatsRequest<?> request, Consumer<List<OFStatsReply>> onReply) {
        multiparts.put(request.getXid(), new Multipart(onReply));
        send(request);
    }

    /** Closes the connection (the channel's end calls {@link #closed()}). */
    void disconnect() {
        channel.close();
    }

    // ---------------------------------------------------------- handshake

    void start() {
        log.debug("Switch connecting from {}", channel.remoteAddress());
        send(factory.buildHello().setXid(xid()).build());
        owner.schedule(() -> {
            if (state != State.ACTIVE && state != State.CLOSED) {
                log.warn("{} did not complete the OpenFlow handshake in {} s ({}); disconnecting",
                        this, HANDSHAKE_TIMEOUT_SECONDS, state);
                disconnect();
            }
        }, HANDSHAKE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    void receive(OFMessage m) {
        if (state == State.CLOSED) {
            return;
        }
        switch (m.getType()) {
            case HELLO:
                hello(m);
                break;
            case FEATURES_REPLY:
                features((OFFeaturesReply) m);
                break;
            case ERROR:
                error((OFErrorMsg) m);
                break;
            case BARRIER_REPLY:
                barrierReply((OFBarrierReply) m);
                break;
            case STATS_REPLY:
                multipart((OFStatsReply) m);
                break;
            case ECHO_REPLY:
                break;
            default:
                if (state == State.ACTIVE) {
                    owner.dispatch(this, m);
                } else {
                    log.debug("{} sent {} during the handshake", this, m.getType());
                }
        }
    }

    private void hello(OFMessage m) {
        if (state != State.WAIT_HELLO) {
            return;
        }
        if (m.getVersion().compareTo(OFVersion.OF_13) < 0) {
            log.warn("Switch at {} speaks only {}; the sandbox needs OpenFlow 1.3", channel.remoteAddress(),
                    m.getVersion());
            OFErrorMsgs errors = OFFactories.getFactory(m.getVersion()).errorMsgs();
            send(errors.buildHelloFailedErrorMsg().setXid(m.getXid())
                    .setCode(OFHelloFailedCode.INCOMPATIBLE).build());
            disconnect();
            return;
        }
        state = State.WAIT_FEATURES;
        send(factory.buildFeaturesRequest().setXid(xid()).build());
    }

    private void features(OFFeaturesReply reply) {
        if (state != State.WAIT_FEATURES) {
            return;
        }
        dpid = reply.getDatapathId().getLong();
        deviceId = DeviceId.deviceId(String.format("of:%016x", dpid));
        state = State.WAIT_DESCRIPTION;
        write(factory.buildSetConfig().setXid(xid()).setFlags(EnumSet.noneOf(
                org.projectfloodlight.openflow.protocol.OFConfigFlags.class))
                .setMissSendLen(MISS_SEND_LEN).build());
        request(factory.buildDescStatsRequest().setXid(xid()).build(), parts -> {
            description = (OFDescStatsReply) parts.get(0);
            handshakeStep();
        });
        requestPorts(p -> {
            ports = p;
            handshakeStep();
        });
    }

    /**
     * Asks the switch for its ports (PORT_DESC multipart).
     *
     * @param onReply receives every port
     */
    void requestPorts(Consumer<List<OFPortDesc>> onReply) {
        request(factory.buildPortDescStatsRequest().setXid(xid()).build(), parts -> {
            List<OFPortDesc> all = new ArrayList<>();
            parts.forEach(p -> all.addAll(((OFPortDescStatsReply) p).getEntries()));
            onReply.accept(all);
        });
    }

    private void handshakeStep() {
        if (state == State.WAIT_DESCRIPTION && description != null && ports != null) {
            state = State.ACTIVE;
            owner.ready(this);
        }
    }

    // ---------------------------------------------------------- correlation

    private void error(OFErrorMsg error) {
        Consumer<OFErrorMsg> handler = errorHandlers.remove(error.getXid());
        if (handler != null) {
            handler.accept(error);
            return;
        }
        Multipart mp = multiparts.remove(error.getXid());
        if (mp != null) {
            log.warn("{} refused multipart request {}: {}", this, error.getXid(), OfErrors.describe(error));
            return;
        }
        if (state != State.ACTIVE) {
            log.warn("{} refused the handshake: {}; disconnecting", this, OfErrors.describe(error));
            disconnect();
            return;
        }
        log.info("{} sent error {} for xid {}", this, OfErrors.describe(error), error.getXid());
    }

    private void barrierReply(OFBarrierReply reply) {
        // Errors come before the barrier reply that follows their message:
        // handlers of messages sent before this barrier are done.
        errorHandlers.headMap(reply.getXid()).clear();
        Runnable done = barriers.remove(reply.getXid());
        if (done != null) {
            done.run();
        }
    }

    private void multipart(OFStatsReply reply) {
        Multipart mp = multiparts.get(reply.getXid());
        if (mp == null) {
            log.debug("{} sent an unrequested {} reply", this, reply.getStatsType());
            return;
        }
        mp.parts.add(reply);
        if (!reply.getFlags().contains(OFStatsReplyFlags.REPLY_MORE)) {
            multiparts.remove(reply.getXid());
            mp.onReply.accept(mp.parts);
        }
    }

    /** The connection ended. */
    void closed() {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasActive = state == State.ACTIVE;
        state = State.CLOSED;
        errorHandlers.clear();
        barriers.clear();
        multiparts.clear();
        log.debug("{} disconnected", this);
        if (wasActive) {
            owner.gone(this);
        }
    }

    @Override
    public String toString() {
        return deviceId != null ? deviceId.toString() : "switch at " + channel.remoteAddress();
    }

    private static final class Multipart {
        final List<OFStatsReply> parts = new ArrayList<>();
        final Consumer<List<OFStatsReply>> onReply;

        Multipart(Consumer<List<OFStatsReply>> onReply) {
            this.onReply = onReply;
        }
    }
}
