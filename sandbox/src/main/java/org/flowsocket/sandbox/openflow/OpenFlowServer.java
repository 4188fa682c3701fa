/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.MessageToByteEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFMessageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The OpenFlow TCP server: one Netty event loop accepting switches, each
 * connection framed and decoded into openflowj messages and handed to an
 * {@link OfChannelHandler}.
 */
final class OpenFlowServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpenFlowServer.class);

    /** Seconds without anything from a switch before it is sent an ECHO_REQUEST. */
    static final int IDLE_SECONDS = 15;

    private final EventLoopGroup group;
    private final Channel serverChannel;

    /**
     * Binds the server.
     *
     * @param address  address to listen on
     * @param handlers makes the handler of a new connection
     * @throws InterruptedException if interrupted while binding
     */
    OpenFlowServer(InetSocketAddress address, Function<SocketChannel, OfChannelHandler> handlers)
            throws InterruptedException {
        this.group = new NioEventLoopGroup(1, threads("sandbox-openflow-io"));
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.SO_KEEPALIVE, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast("idle", new IdleStateHandler(IDLE_SECONDS, 0, 0, TimeUnit.SECONDS))
                                    .addLast("decoder", new Decoder())
                                    .addLast("encoder", new Encoder())
                                    .addLast("handler", handlers.apply(ch));
                        }
                    })
                    .bind(address).sync().channel();
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** @return the address the server listens on (with the port it got) */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Stops listening and closes every connection. */
    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Frames and decodes OpenFlow messages (any version openflowj reads). */
    static final class Decoder extends ByteToMessageDecoder {
        /** OpenFlow's length field is 16 bits. */
        private static final int HEADER = 8;
        private final OFMessageReader<OFMessage> reader = OFFactories.getGenericReader();

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
            while (in.readableBytes() >= HEADER) {
                int length = in.getUnsignedShort(in.readerIndex() + 2);
                if (length < HEADER) {
                    throw new CorruptedFrameException("OpenFlow message of length " + length);
                }
                if (in.readableBytes() < length) {
                    return;
                }
                int start = in.readerIndex();
                OFMessage message;
                try {
                    message = reader.readFrom(in);
                } catch (OFParseError e) {
                    // A message openflowj cannot read (e.g. a vendor
                    // extension): skip it, keep the connection.
                    log.debug("Skipping an unreadable OpenFlow message ({} bytes): {}", length, e.getMessage());
                    in.readerIndex(start + length);
                    continue;
                }
                if (message == null) {
                    return;
                }
                in.readerIndex(start + length);
                out.add(message);
            }
        }
    }

    /** Encodes openflowj messages. */
    static final class Encoder extends MessageToByteEncoder<OFMessage> {
        @Override
        protected void encode(ChannelHandlerContext ctx, OFMessage msg, ByteBuf out) {
            msg.writeTo(out);
        }
    }
}
