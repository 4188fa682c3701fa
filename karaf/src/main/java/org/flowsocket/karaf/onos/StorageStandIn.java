/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf.onos;

import org.onosproject.store.service.StorageService;
import org.onosproject.store.service.TestStorageService;
import org.osgi.service.component.annotations.Component;

/**
 * {@link StorageService}: in-memory maps and counters, onos-api's test storage.
 */
@Component(immediate = true, service = StorageService.class)
public class StorageStandIn extends TestStorageService {
}
