/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.command;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsocket.impl.protocol.RequestFields;

import java.util.concurrent.CompletableFuture;

/**
 * One protocol command. Handlers validate their request, act through ONOS's
 * services and produce the reply's {@code result}, or fail with a
 * {@link org.flowsocket.api.FlowSocketException}.
 */
public interface Command {

    /**
     * Returns the request type this command answers, e.g. {@code AddNode}.
     *
     * @return command name
     */
    String name();

    /**
     * Tells whether the command changes the network; viewers may not run it.
     *
     * @return true if mutating
     */
    boolean mutating();

    /**
     * Runs the command. Fast commands return a completed future; commands
     * that wait for switches complete it later, from another thread.
     *
     * @param request the request object (including {@code type} and {@code id})
     * @param session the requesting session
     * @return future result
     */
    CompletableFuture<JsonNode> execute(RequestFields request, CommandSession session);
}
