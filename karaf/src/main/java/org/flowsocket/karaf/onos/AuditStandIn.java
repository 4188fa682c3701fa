/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.security.AuditService;
import org.osgi.service.component.annotations.Component;

/**
 * {@link AuditService}: auditing off. Every ONOS console command asks for it
 * before it runs (onos-cli's AbstractShellCommand).
 */
@Component(immediate = true, service = AuditService.class)
public class AuditStandIn implements AuditService {

    @Override
    public boolean isAuditing() {
        return false;
    }

    @Override
    public void logUserAction(String user, String action) {
    }
}
