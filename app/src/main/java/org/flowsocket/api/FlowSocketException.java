/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.fasterxml.jackson.databind.JsonNode;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A request to FlowSocket failed in a way its caller should be told about.
 * Immutable; it carries what the WebSocket protocol's error reply shows:
 * <ul>
 * <li>{@link #code()}, the {@link ErrorCode} a caller switches on;</li>
 * <li>{@link #getMessage()}, a human-readable message;</li>
 * <li>{@link #field()}, the path of the offending field, if any, as the
 *     request names it (e.g. {@code network.dst}, {@code timeoutMillis});</li>
 * <li>{@link #details()}, structured details, if any (e.g. the rules the
 *     switches refused under {@code refused});</li>
 * <li>{@link #flowId()}, the flow handle it concerns, if any.</li>
 * </ul>
 * The futures of {@link QosFlowService} complete exceptionally with it (a
 * dependent stage sees it as the cause of a
 * {@link java.util.concurrent.CompletionException}); the builders of the
 * value types throw it for an inconsistent value; the WebSocket protocol
 * sends it as an error reply.
 */
public final class FlowSocketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String field;
    private final transient JsonNode details;
    private final String flowId;

    /**
     * Creates an error without field or details.
     *
     * @param code    error code
     * @param message human-readable message
     */
    public FlowSocketException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    /**
     * Creates an error.
     *
     * @param code    error code
     * @param message human-readable message
     * @param field   path of the offending field, or null
     * @param details structured details, or null
     */
    public FlowSocketException(ErrorCode code, String message, String field, JsonNode details) {
        this(code, message, field, details, null);
    }

    /**
     * Creates an error about a flow handle.
     *
     * @param code    error code
     * @param message human-readable message
     * @param field   path of the offending field, or null
     * @param details structured details, or null; copied, so later changes to it do not show
     * @param flowId  the flow handle the error is about, or null
     */
    public FlowSocketException(ErrorCode code, String message, String field, JsonNode details, String flowId) {
        super(checkNotNull(message, "message"));
        this.code = checkNotNull(code, "code");
        this.field = field;
        this.details = details == null ? null : details.deepCopy();
        this.flowId = flowId;
    }

    /**
     * Returns the same error, about a flow handle.
     *
     * @param id the flow handle's id
     * @return the error naming the flow
     */
    public FlowSocketException aboutFlow(String id) {
        return new FlowSocketException(code, getMessage(), field, details, id);
    }

    /**
     * Returns the same error about another field, e.g. the field a
     * request gave a value in when a service names it otherwise.
     *
     * @param newField path of the offending field
     * @return the error naming that field
     */
    public FlowSocketException aboutField(String newField) {
        return new FlowSocketException(code, getMessage(), newField, details, flowId);
    }

    /**
     * Returns the same error about a field of a nested object: a field
     * named relative to that object, e.g. {@code dst}, becomes
     * {@code location.dst}, in the message too.
     *
     * @param location path of the nested object, e.g. {@code network}; empty at the root
     * @return the error with its field's full path
     */
    public FlowSocketException within(String location) {
        if (field == null || location.isEmpty()) {
            return this;
        }
        String path = location + "." + field;
        String quoted = "'" + field + "'";
        String message = getMessage().startsWith(quoted)
                ? "'" + path + "'" + getMessage().substring(quoted.length()) : getMessage();
        return new FlowSocketException(code, message, path, details, flowId);
    }

    /**
     * Reports a required field that is absent.
     *
     * @param field field path
     * @return the exception
     */
    public static FlowSocketException missing(String field) {
        return new FlowSocketException(ErrorCode.MISSING_FIELD, "'" + field + "' is required", field, null);
    }

    /**
     * Reports a field with a bad value.
     *
     * @param field  field path
     * @param reason what is wrong with it
     * @return the exception
     */
    public static FlowSocketException invalid(String field, String reason) {
        return new FlowSocketException(ErrorCode.INVALID_FIELD, "'" + field + "' " + reason, field, null);
    }

    /**
     * Reports a flow id that names no flow.
     *
     * @param id the flow id
     * @return the exception
     */
    public static FlowSocketException unknownFlow(String id) {
        return new FlowSocketException(ErrorCode.UNKNOWN_FLOW, "no flow has id " + id, "flowId", null, id);
    }

    /**
     * Reports a viewer asking for a change of the network.
     *
     * @param user    the user
     * @param command what the user asked for, e.g. {@code InstallFlow}
     * @return the exception
     */
    public static FlowSocketException forbidden(String user, String command) {
        return new FlowSocketException(ErrorCode.FORBIDDEN, "user '" + user
                + "' has a viewer role and may not run " + command);
    }

    /**
     * Returns the error code.
     *
     * @return code
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Returns the offending field path.
     *
     * @return field path or null
     */
    public String field() {
        return field;
    }

    /**
     * Returns the id of the flow handle the error is about.
     *
     * @return flow handle id or null
     */
    public String flowId() {
        return flowId;
    }

    /**
     * Returns structured details.
     *
     * @return a copy of the details, or null if there are none
     */
    public JsonNode details() {
        return details == null ? null : details.deepCopy();
    }

    @Override
    public String toString() {
        return getClass().getName() + ": " + code + (field == null ? "" : " (" + field + ")") + ": " + getMessage();
    }
}
