/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

/** Service of the test component {@link GreeterComponent}. */
public interface GreeterService {

    /** @return the configured greeting count */
    int greetings();

    /** @return how many times the component was reconfigured */
    int modifications();
}
