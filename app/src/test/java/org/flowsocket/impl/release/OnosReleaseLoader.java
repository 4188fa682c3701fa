/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.impl.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A class loader holding one ONOS release's own jars and FlowSocket's
 * classes, as an ONOS node of that release runs FlowSocket's bundle.
 * Every {@code org.onosproject}, {@code org.onlab} and {@code org.flowsocket}
 * class comes from it and from nowhere else (a class the release's jars lack
 * is missing, not borrowed from the test's class path); third-party
 * libraries (Guava, Kryo, Jackson) and the JDK come from the parent. Two
 * loaders of two releases are two nodes in one JVM.
 */
public final class OnosReleaseLoader extends URLClassLoader {

    /** System property naming the folder with one sub-folder of ONOS jars per release. */
    public static final String RELEASES_PROPERTY = "flowsocket.onos.releases";

    private static final List<String> OWN_PACKAGES = List.of("org.onosproject.", "org.onlab.", "org.flowsocket.");

    private final String release;

    private OnosReleaseLoader(String release, URL[] urls, ClassLoader parent) {
        super(urls, parent);
        this.release = release;
    }

    /**
     * Opens a release.
     *
     * @param release  ONOS release, such as {@code 2.5.0}
     * @param flowSocket where FlowSocket's classes are (class folders or jars)
     * @return the loader
     */
    public static OnosReleaseLoader of(String release, List<Path> flowSocket) {
        String root = System.getProperty(RELEASES_PROPERTY);
        if (root == null) {
            throw new IllegalStateException("System property " + RELEASES_PROPERTY + " is not set");
        }
        Path dir = Paths.get(root, release);
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            List<Path> onosJars = jars.filter(p -> p.toString().endsWith(".jar")).sorted()
                    .collect(Collectors.toList());
            if (onosJars.isEmpty()) {
                throw new IllegalStateException("No ONOS jars in " + dir);
            }
            for (Path p : onosJars) {
                urls.add(p.toUri().toURL());
            }
            for (Path p : flowSocket) {
                urls.add(p.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the jars of ONOS " + release, e);
        }
        return new OnosReleaseLoader(release, urls.toArray(new URL[0]), OnosReleaseLoader.class.getClassLoader());
    }

    /**
     * Returns where a class is loaded from.
     *
     * @param type a class of the test's class path
     * @return its class folder or jar
     */
    public static Path locationOf(Class<?> type) {
        try {
            return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** @return the ONOS release this loader holds */
    public String release() {
        return release;
    }

    /**
     * Instantiates a class of this release's world through its no-argument constructor.
     *
     * @param type the class, as the test's class path knows it
     * @param view what the caller sees it as: a JDK type, shared by every loader
     * @param <T>  JDK type
     * @return the instance, loaded by this loader
     */
    public <T> T instantiate(Class<?> type, Class<T> view) {
        try {
            return view.cast(loadClass(type.getName()).getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot instantiate " + type.getName() + " on ONOS " + release, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (OWN_PACKAGES.stream().noneMatch(name::startsWith)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = findClass(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        // Resources (OSGi descriptors, codec tables) of the release first.
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }
}
