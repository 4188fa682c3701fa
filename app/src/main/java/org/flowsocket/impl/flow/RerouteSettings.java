/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.flow;

import static com.google.common.base.MoreObjects.toStringHelper;
import static com.google.common.base.Preconditions.checkArgument;

/**
 * How FlowSocket heals network flows: the hold-down of links that came up,
 * the most reroutes of one flow per minute, and how long the switches may
 * take to confirm a new path. Immutable.
 */
public final class RerouteSettings {

    private final long holdDownMillis;
    private final int maxPerMinute;
    private final long confirmTimeoutMillis;

    /**
     * Creates settings.
     *
     * @param holdDownMillis       how long a link that came up is not used, ms (0 or more)
     * @param maxPerMinute         most path changes of one flow within a minute (at least 1)
     * @param confirmTimeoutMillis how long the switches may take to confirm a new path, ms
     */
    public RerouteSettings(long holdDownMillis, int maxPerMinute, long confirmTimeoutMillis) {
        checkArgument(holdDownMillis >= 0 && maxPerMinute >= 1 && confirmTimeoutMillis > 0);
        this.holdDownMillis = holdDownMillis;
        this.maxPerMinute = maxPerMinute;
        this.confirmTimeoutMillis = confirmTimeoutMillis;
    }

    /** @return hold-down of a link that came up, ms */
    public long holdDownMillis() {
        return holdDownMillis;
    }

    /** @return most path changes of one flow within a minute */
    public int maxPerMinute() {
        return maxPerMinute;
    }

    /** @return how long the switches may take to confirm a new path, ms */
    public long confirmTimeoutMillis() {
        return confirmTimeoutMillis;
    }

    @Override
    public String toString() {
        return toStringHelper(this).add("holdDownMillis", holdDownMillis).add("maxPerMinute", maxPerMinute)
                .add("confirmTimeoutMillis", confirmTimeoutMillis).toString();
    }
}
