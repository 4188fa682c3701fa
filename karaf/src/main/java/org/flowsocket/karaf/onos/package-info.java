/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Stand-ins for the ONOS core services FlowSocket references, registered as
 * OSGi services by Declarative Services in the test container. They extend
 * onos-api's own test adapters, which the container attaches to onos-api as a
 * fragment, or ONOS's own classes (the host provider registry is onos-api's
 * AbstractProviderRegistry), and check their arguments as ONOS 2.5.6's managers
 * do, citing the class copied; the network they show is one switch with one
 * host. A stand-in for netcfghostprovider holds host provider scheme "host".
 * <p>
 * Each component registers one service interface: for a component with
 * several, bnd 5.1 writes the osgi.service capability's objectClass as one
 * string, which Karaf's resolver cannot match against a single interface.
 */
package org.flowsocket.karaf.onos;
