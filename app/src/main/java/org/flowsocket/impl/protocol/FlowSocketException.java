/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.protocol;

import com.fasterxml.jackson.databind.JsonNode;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A request failed in a way the client should be told about: carries the
 * error code, a human-readable message, the offending field if any, and
 * optional structured details.
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
