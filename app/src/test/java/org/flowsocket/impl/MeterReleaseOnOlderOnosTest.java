/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl;

import org.flowsocket.impl.flow.MeterAllocator;
import org.junit.Assume;
import org.junit.Test;
import org.onosproject.net.meter.MeterRequest;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.Assert.assertEquals;

/**
 * Releases meters against ONOS 2.5.0's own onos-api jar, whose
 * {@code DefaultMeterRequest.Builder.remove()} refuses a request without
 * bands (as 2.5.1, 2.5.2 and 2.6.0 do; 2.5.3 and later add a dummy band).
 * FlowSocket's classes and ONOS's API classes are loaded from a class loader
 * of their own that holds the 2.5.0 jar; everything else (Guava, onlab,
 * JDK) comes from the test's class path. The jar is the one Maven keeps
 * next to the onos-api the tests compile against.
 */
public class MeterReleaseOnOlderOnosTest {

    private static final String RELEASE = "2.5.0";

    @Test
    public void releaseOnOnos250RemovesEachMeterWithItsBand() throws Exception {
        Path api = jarOf(MeterRequest.class);
        Path olderApi = api.getParent().getParent().resolve(RELEASE).resolve("onos-api-" + RELEASE + ".jar");
        Assume.assumeTrue("onos-api " + RELEASE + " is not in the local Maven repository: " + olderApi
                + " (mvn dependency:get -Dartifact=org.onosproject:onos-api:" + RELEASE + ")",
                Files.isRegularFile(olderApi));
        URL[] urls = {olderApi.toUri().toURL(), jarOf(MeterAllocator.class).toUri().toURL(),
                jarOf(MeterReleaseProbe.class).toUri().toURL()};
        try (ChildFirstLoader loader = new ChildFirstLoader(urls, getClass().getClassLoader())) {
            Class<?> probe = loader.loadClass(MeterReleaseProbe.class.getName());
            assertEquals("the probe runs on the older API", olderApi.toUri().toURL(),
                         loader.loadClass(MeterRequest.class.getName()).getProtectionDomain()
                                 .getCodeSource().getLocation());
            @SuppressWarnings("unchecked")
            List<String> removals = ((Callable<List<String>>) probe.getDeclaredConstructor().newInstance()).call();
            assertEquals(List.of("1 KB_PER_SEC burst: DROP/512/64", "2 KB_PER_SEC burst: DROP/512/64"),
                         removals);
        }
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    // Loads ONOS's API and FlowSocket's classes from its own URLs first.
    private static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader(URL[] urls, ClassLoader parent) {
            super(urls, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null && (name.startsWith("org.onosproject.") || name.startsWith("org.flowsocket."))) {
                    try {
                        loaded = findClass(name);
                    } catch (ClassNotFoundException e) {
                        loaded = null;
                    }
                }
                if (loaded == null) {
                    loaded = super.loadClass(name, false);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }
}
