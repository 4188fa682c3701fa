/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.api;

/**
 * Stable machine-readable error codes; clients switch on these names.
 * docs/protocol.md lists each with its meaning.
 */
public enum ErrorCode {
    /** The frame is not a JSON object, or is nested too deeply. */
    MALFORMED_JSON,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A field has the wrong type or an invalid value. */
    INVALID_FIELD,
    /** The request's type names no command. */
    UNKNOWN_COMMAND,
    /** The user's role does not allow this command. */
    FORBIDDEN,
    /** Too many requests of this session are in flight. */
    BUSY,
    /** A request with the same id is still in flight on this session. */
    DUPLICATE_ID,
    /** The request names a device ONOS does not know. */
    UNKNOWN_DEVICE,
    /** The request names a port the device does not have. */
    UNKNOWN_PORT,
    /** The request names a host, or an IP address of no host, ONOS does not know. */
    UNKNOWN_HOST,
    /** The request names a flow handle that does not exist. */
    UNKNOWN_FLOW,
    /** The node to add exists already. */
    DUPLICATE_NODE,
    /** Another flow handle already owns an identical rule. */
    DUPLICATE_FLOW,
    /** The topology has no path between the two hosts. */
    NO_PATH,
    /** A path exists but some link of it lacks the bandwidth the flow reserves. */
    NO_CAPACITY,
    /** A switch refused one or more rules; the batch was rolled back. */
    FLOW_REFUSED,
    /** The switches did not confirm in time; the batch was rolled back. */
    CONFIRM_TIMEOUT,
    /** The request is larger than the server accepts (batch size, list length). */
    TOO_LARGE,
    /** The server is shutting down or not ready. */
    UNAVAILABLE,
    /** An unexpected server fault; the server log has details. */
    INTERNAL_ERROR
}
