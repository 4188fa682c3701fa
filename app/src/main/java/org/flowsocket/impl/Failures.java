/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.api.ErrorCode;
import org.flowsocket.api.FlowSocketException;
import org.onosproject.store.service.StorageException;
import org.slf4j.Logger;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

import static org.slf4j.LoggerFactory.getLogger;

/**
 * Turns whatever a stage failed with into the {@link FlowSocketException}
 * callers are promised: a typed error passes as it is; an executor that
 * stopped is {@code UNAVAILABLE}, and so is ONOS's distributed store not
 * answering (a Raft partition electing a leader while a cluster node leaves
 * or rejoins); anything else is logged here and reported
 * as {@code INTERNAL_ERROR}, its cause kept for Java callers but never put
 * into a message, since it may name server classes.
 */
public final class Failures {

    private static final Logger log = getLogger(Failures.class);

    private Failures() {
    }

    /**
     * Returns what a stage failed with, without the
     * {@link CompletionException} a dependent stage wraps it in.
     *
     * @param error the failure a stage reported
     * @return its cause if it is such a wrapper, else the failure itself
     */
    public static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /**
     * Returns a failure as a typed error.
     *
     * @param error the failure, wrapped or not
     * @param what  what was being done, e.g. {@code InstallFlow}, for the message and the log
     * @return the typed error
     */
    public static FlowSocketException typed(Throwable error, String what) {
        Throwable cause = unwrap(error);
        if (cause instanceof FlowSocketException) {
            return (FlowSocketException) cause;
        }
        if (cause instanceof RejectedExecutionException) {
            return new FlowSocketException(ErrorCode.UNAVAILABLE, "FlowSocket is stopping");
        }
        if (cause instanceof StorageException) {
            // ONOS 2.5.6 DefaultConsistentMap waits up to 15 s for the Raft
            // partition, then throws ConsistentMapException.Timeout.
            log.warn("{} failed: ONOS's distributed store did not answer ({})", what,
                     cause.getClass().getSimpleName());
            return new FlowSocketException(ErrorCode.UNAVAILABLE, what + " failed: ONOS's distributed store did "
                    + "not answer in time (a cluster node may be leaving or rejoining); whether a change was "
                    + "made is unknown until GetFlow or ListFlows tells it");
        }
        log.warn("{} failed unexpectedly", what, cause);
        FlowSocketException internal = new FlowSocketException(ErrorCode.INTERNAL_ERROR,
                                                               what + " failed; the server log has details");
        internal.initCause(cause);
        return internal;
    }

    /**
     * Returns a future that completes as a stage does, but exceptionally
     * with the typed error itself, not wrapped: what {@code whenComplete}
     * and {@code handle} see, and the cause of what {@code get} throws.
     *
     * @param stage the stage
     * @param what  what it does, for {@link #typed(Throwable, String)}
     * @param <T>   result type
     * @return the future
     */
    public static <T> CompletableFuture<T> typed(CompletableFuture<T> stage, String what) {
        CompletableFuture<T> result = new CompletableFuture<>();
        stage.whenComplete((value, error) -> {
            if (error == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(typed(error, what));
            }
        });
        return result;
    }
}
