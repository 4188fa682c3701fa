/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

import com.fasterxml.jackson.databind.JsonNode;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A request to FlowSocket failed in a way its caller should be told about:
 * carries the {@link ErrorCode}, a human-readable message, the offending
 * field if any, optional structured details and the flow it concerns. The
 * futures of {@link QosFlowService} complete exceptionally with it; the
 * WebSocket protocol sends it as an error reply.
 */
public class FlowSocketException extends RuntimeException {

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
     * @param details structured details, or null
     * @param flowId  the flow handle the error is about, or null
     */
    public FlowSocketException(ErrorCode code, String message, String field, JsonNode details, String flowId) {
        super(message);
        this.code = checkNotNull(code);
        this.field = field;
        this.details = details;
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
     * @return details or null
     */
    public JsonNode details() {
        return details;
    }
}
