/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import org.projectfloodlight.openflow.protocol.OFEchoRequest;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFType;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/**
 * One switch connection on Netty's side: answers ECHO_REQUEST at once,
 * probes a silent switch with ECHO_REQUEST and drops it when it stays
 * silent, and hands every other message to its {@link SwitchSession} on the
 * southbound's thread.
 */
final class OfChannelHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(OfChannelHandler.class);

    /** Transaction id of the controller's liveness probes. */
    private static final long PROBE_XID = 0xfffffff0L;

    private final SwitchSession session;
    private boolean probing;

    OfChannelHandler(SwitchSession session) {
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        session.owner().execute(session::start);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        probing = false;
        OFMessage m = (OFMessage) msg;
        if (m.getType() == OFType.ECHO_REQUEST) {
            OFEchoRequest echo = (OFEchoRequest) m;
            ctx.writeAndFlush(OFFactories.getFactory(m.getVersion()).buildEchoReply()
                    .setXid(echo.getXid()).setData(echo.getData()).build());
            return;
        }
        session.owner().execute(() -> session.receive(m));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && ((IdleStateEvent) evt).state() == IdleState.READER_IDLE) {
            if (probing) {
                log.warn("{} did not answer an echo request in {} s; disconnecting", session,
                        OpenFlowServer.IDLE_SECONDS);
                ctx.close();
            } else {
                probing = true;
                ctx.writeAndFlush(OFFactories.getFactory(OFVersion.OF_13).buildEchoRequest()
                        .setXid(PROBE_XID).build());
            }
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.owner().execute(session::closed);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("{}: {}", session, cause.toString());
        } else {
            log.warn("{}: closing the connection", session, cause);
        }
        ctx.close();
    }
}
