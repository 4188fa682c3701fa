/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the build wrote into the bundle about itself.
 */
final class BuildInfo {

    private static final String UNKNOWN = "unknown";

    private BuildInfo() {
    }

    /**
     * Returns FlowSocket's version, as Hello and the log show it.
     *
     * @return the version, or {@code unknown} if the bundle does not say
     */
    static String version() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", UNKNOWN);
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
