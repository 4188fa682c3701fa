/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundle of the .oar as built: its real manifest, and the services its
 * Declarative Services components reference and provide.
 */
final class OarBundle {

    private static final Pattern REFERENCE = Pattern.compile("<reference [^>]*interface=\"([^\"]+)\"");
    private static final Pattern PROVIDE = Pattern.compile("<provide interface=\"([^\"]+)\"");

    final String symbolicName;
    final Attributes manifest;
    final Set<String> references;
    final Set<String> services;

    private OarBundle(JarFile jar) throws IOException {
        this.manifest = jar.getManifest().getMainAttributes();
        this.symbolicName = manifest.getValue("Bundle-SymbolicName").split(";")[0].trim();
        Set<String> referenced = new TreeSet<>();
        Set<String> provided = new TreeSet<>();
        String components = manifest.getValue("Service-Component");
        for (String xml : components == null ? new String[0] : components.split(",")) {
            String text = new String(jar.getInputStream(jar.getEntry(xml.trim())).readAllBytes(),
                                     StandardCharsets.UTF_8);
            collect(REFERENCE.matcher(text), referenced);
            collect(PROVIDE.matcher(text), provided);
        }
        this.references = Collections.unmodifiableSet(referenced);
        this.services = Collections.unmodifiableSet(provided);
    }

    private static void collect(Matcher matcher, Set<String> into) {
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }

    /** The .oar as ONOS's ApplicationArchive reads it: app.xml and the bundles in its m2/. */
    static final class Oar {
        final Path root;
        final String featuresRepo;
        final List<String> features;
        /** Symbolic name to bundle, in app.xml's order. */
        final Map<String, OarBundle> bundles;

        Oar(Path root) throws Exception {
            this.root = root;
            Element app = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(root.resolve("app.xml").toFile()).getDocumentElement();
            this.featuresRepo = app.getAttribute("featuresRepo");
            this.features = List.of(app.getAttribute("features").split(","));
            Map<String, OarBundle> read = new LinkedHashMap<>();
            NodeList artifacts = app.getElementsByTagName("artifact");
            for (int i = 0; i < artifacts.getLength(); i++) {
                try (JarFile jar = new JarFile(artifactPath(artifacts.item(i).getTextContent().trim()).toFile())) {
                    OarBundle bundle = new OarBundle(jar);
                    read.put(bundle.symbolicName, bundle);
                }
            }
            this.bundles = Collections.unmodifiableMap(read);
        }

        /** The bundle whose components provide the service. */
        OarBundle providing(String service) {
            return bundles.values().stream().filter(b -> b.services.contains(service)).findFirst()
                    .orElseThrow(() -> new AssertionError("no component of the .oar provides " + service));
        }

        // mvn:group/artifact/version in the .oar's m2/ directory.
        private Path artifactPath(String mvnUrl) {
            String[] gav = mvnUrl.substring("mvn:".length()).split("/");
            return root.resolve("m2").resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
        }
    }
}
