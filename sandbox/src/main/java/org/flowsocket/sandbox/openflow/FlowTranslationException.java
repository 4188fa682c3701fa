/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

/**
 * A flow rule that has no OpenFlow 1.3 encoding here (a criterion or an
 * instruction this southbound does not translate). It carries the OpenFlow
 * error a switch would have answered with, so the rule is reported to ONOS
 * as a switch refusal: a FAILED flow entry with that error type and code.
 */
public final class FlowTranslationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int errorType;
    private final int errorCode;

    /**
     * Creates the exception.
     *
     * @param errorType OpenFlow 1.3 error type (e.g. {@link OfErrors#BAD_MATCH})
     * @param errorCode OpenFlow 1.3 error code within that type
     * @param message   what could not be translated
     */
    public FlowTranslationException(int errorType, int errorCode, String message) {
        super(message);
        this.errorType = errorType;
        this.errorCode = errorCode;
    }

    /** @return the OpenFlow error type */
    public int errorType() {
        return errorType;
    }

    /** @return the OpenFlow error code */
    public int errorCode() {
        return errorCode;
    }
}
