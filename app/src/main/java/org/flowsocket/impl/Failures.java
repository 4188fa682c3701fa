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
 * or rejoins), whether ONOS or Atomix under it reports it; anything else is logged here and reported
 * as {@code INTERNAL_ERROR}, its cause kept for Java callers but never put
 * into a message, since it may name server classes.
 */
public final class Failures {

    private static final Logger log = getLogger(Failures.class);

    private static final String ATOMIX_PRIMITIVE_EXCEPTION = "io.atomix.primitive.PrimitiveException";

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
        if (cause instanceof StorageException || isAtomixPrimitiveException(cause)) {
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
     * Tells whether a failure is one of Atomix's own storage exceptions.
     * ONOS turns these into {@link StorageException}s on every future
     * (2.5.6 AtomixFutures.adaptFuture), but not while iterating
     * {@code ConsistentMap.values()} or {@code entrySet()}: those are
     * Atomix's blocking collections, whose iterator throws
     * {@code io.atomix.primitive.PrimitiveException.Timeout} itself
     * (Atomix 3.1.9 BlockingIterator). Matched by name: the bundle does not
     * import Atomix, which ONOS keeps inside its core.
     *
     * @param error the failure
     * @return true if it is, or extends, Atomix's PrimitiveException
     */
    private static boolean isAtomixPrimitiveException(Throwable error) {
        for (Class<?> type = error.getClass(); type != null; type = type.getSuperclass()) {
            if (ATOMIX_PRIMITIVE_EXCEPTION.equals(type.getName())) {
                return true;
            }
        }
        return false;
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
