/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.onosproject.net.meter.MeterFailReason;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;

/**
 * OpenFlow 1.3 error types and codes, as numbers on the wire: what a switch
 * reports in an ERROR message and what ONOS keeps in a FAILED flow entry
 * ({@code FlowEntry.errType()}, {@code errCode()}).
 */
public final class OfErrors {

    /** OFPET_BAD_REQUEST. */
    public static final int BAD_REQUEST = 1;
    /** OFPET_BAD_ACTION. */
    public static final int BAD_ACTION = 2;
    /** OFPET_BAD_INSTRUCTION. */
    public static final int BAD_INSTRUCTION = 3;
    /** OFPET_BAD_MATCH. */
    public static final int BAD_MATCH = 4;
    /** OFPET_FLOW_MOD_FAILED. */
    public static final int FLOW_MOD_FAILED = 5;
    /** OFPET_METER_MOD_FAILED. */
    public static final int METER_MOD_FAILED = 12;

    /** OFPBAC_BAD_TYPE: unknown action. */
    public static final int BAD_ACTION_TYPE = 0;
    /** OFPBAC_BAD_OUT_PORT: problem validating the output port. */
    public static final int BAD_ACTION_OUT_PORT = 4;
    /** OFPBIC_UNKNOWN_INST: unknown instruction. */
    public static final int BAD_INSTRUCTION_UNKNOWN = 0;
    /** OFPBMC_BAD_FIELD: unsupported field in the match. */
    public static final int BAD_MATCH_FIELD = 6;
    /** OFPBMC_BAD_VALUE: unsupported value in a match field. */
    public static final int BAD_MATCH_VALUE = 7;
    /** OFPFMFC_UNKNOWN. */
    public static final int FLOW_MOD_UNKNOWN = 0;
    /** OFPMMFC_INVALID_METER: a meter the switch does not accept. */
    public static final int METER_INVALID = 2;
    /** OFPMMFC_UNKNOWN_METER: a meter the switch does not have. */
    public static final int METER_UNKNOWN = 3;

    private OfErrors() {
    }

    /**
     * Returns the error type of an ERROR message, as on the wire.
     *
     * @param error the message
     * @return the type (e.g. 2 for BAD_ACTION)
     */
    public static int type(OFErrorMsg error) {
        return header(error)[0];
    }

    /**
     * Returns the error code of an ERROR message, as on the wire.
     *
     * @param error the message
     * @return the code within its type
     */
    public static int code(OFErrorMsg error) {
        return header(error)[1];
    }

    /**
     * Describes an error as OpenFlow names it, e.g. {@code BAD_ACTION/BAD_OUT_PORT (2/4)}.
     *
     * @param error the message
     * @return a readable description
     */
    public static String describe(OFErrorMsg error) {
        // Each error type's public interface (OFBadActionErrorMsg...) has its getCode().
        String code = "?";
        for (Class<?> type : error.getClass().getInterfaces()) {
            try {
                code = String.valueOf(type.getMethod("getCode").invoke(error));
                break;
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not this interface
            }
        }
        int[] h = header(error);
        return error.getErrType() + "/" + code + " (" + h[0] + "/" + h[1] + ")";
    }

    /**
     * Maps a METER_MOD_FAILED code to ONOS's reason.
     *
     * @param type error type
     * @param code error code
     * @return ONOS's reason for a failed meter operation
     */
    public static MeterFailReason meterFailReason(int type, int code) {
        if (type != METER_MOD_FAILED) {
            return MeterFailReason.UNKNOWN;
        }
        switch (code) {
            case 1:
                return MeterFailReason.EXISTING_METER;
            case 2:
            case 3:
                // ONOS has no "unknown meter"; both mean the id is unusable.
                return MeterFailReason.INVALID_METER;
            case 4:
                return MeterFailReason.UNKNOWN_COMMAND;
            case 5:
                return MeterFailReason.UNKNOWN_FLAGS;
            case 6:
                return MeterFailReason.BAD_RATE;
            case 7:
                return MeterFailReason.BAD_BURST;
            case 8:
                return MeterFailReason.BAD_BAND;
            case 9:
                return MeterFailReason.BAD_BAND_VALUE;
            case 10:
                return MeterFailReason.OUT_OF_METERS;
            case 11:
                return MeterFailReason.OUT_OF_BANDS;
            default:
                return MeterFailReason.UNKNOWN;
        }
    }

    // The message as the switch sent it: 8-byte header, then type and code.
    private static int[] header(OFErrorMsg error) {
        ByteBuf buf = Unpooled.buffer(64);
        try {
            error.writeTo(buf);
            return new int[]{buf.getUnsignedShort(8), buf.getUnsignedShort(10)};
        } finally {
            buf.release();
        }
    }
}
