/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.karaf;

import org.junit.BeforeClass;
import org.junit.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * The manifests of the .oar's bundles against the published artifacts of the
 * ONOS releases FlowSocket targets, without a container: every imported
 * package must be exported at a version its range accepts, and every ONOS
 * service FlowSocket requires must be offered by ONOS's core bundles.
 * <p>
 * ONOS packages are checked against the release's own jars (onos-api,
 * onlab-*, onos-cli, onos-core-common, onos-core-serializers). Third-party
 * packages are checked against the versions the release names: its
 * onos-dependencies POM (Jackson, Guava, Kryo, SLF4J, Karaf) and the pax-web of its
 * Karaf (Jetty, Servlet API). ONOS 2.7.0's core-net and core-primitives jars
 * are not published, so its services are checked for 2.5.6 only.
 */
public class OnosReleasesIT {

    /** The releases tested below; the pom copies each one's artifacts into its own directory. */
    private static final List<String> RELEASES = List.of("2.5.6", "2.7.0");
    private static final Pattern OBJECT_CLASS = Pattern.compile("\\(objectClass=([^)]+)\\)");
    private static final Pattern CAPABILITY_CLASSES = Pattern.compile("objectClass(?::List<String>)?=\"([^\"]+)\"");
    /** Required services whose ONOS providers are not published to Maven Central. */
    private static final Map<String, String> UNPUBLISHED_PROVIDERS = Map.of(
            "org.onosproject.ui.UiExtensionService", "onos-gui (ONOS's GUI)");

    private static final List<Attributes> OAR_MANIFESTS = new ArrayList<>();
    private static Path releases;

    @BeforeClass
    public static void readOar() throws Exception {
        Path oar = Paths.get(System.getProperty("karaf.it.oar"));
        releases = Paths.get(System.getProperty("karaf.it.onos.releases"));
        Element app = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(oar.resolve("app.xml").toFile()).getDocumentElement();
        NodeList artifacts = app.getElementsByTagName("artifact");
        for (int i = 0; i < artifacts.getLength(); i++) {
            String[] gav = artifacts.item(i).getTextContent().trim().substring("mvn:".length()).split("/");
            Path jar = oar.resolve("m2").resolve(gav[0].replace('.', '/')).resolve(gav[1]).resolve(gav[2])
                    .resolve(gav[1] + "-" + gav[2] + ".jar");
            try (JarFile file = new JarFile(jar.toFile())) {
                OAR_MANIFESTS.add(file.getManifest().getMainAttributes());
            }
        }
        assertFalse("no bundles in the .oar", OAR_MANIFESTS.isEmpty());
    }

    /** A release the pom copies but no test below checks would be left out silently. */
    @Test
    public void everyCopiedReleaseIsChecked() throws Exception {
        Set<String> copied = new TreeSet<>();
        try (Stream<Path> dirs = Files.list(releases)) {
            dirs.filter(Files::isDirectory).forEach(d -> copied.add(d.getFileName().toString()));
        }
        assertEquals("releases in " + releases, new TreeSet<>(RELEASES), copied);
    }

    @Test
    public void importsResolveOnOnos256() throws Exception {
        assertImportsResolve("2.5.6");
    }

    @Test
    public void importsResolveOnOnos270() throws Exception {
        assertImportsResolve("2.7.0");
    }

    /**
     * Every osgi.service requirement is a capability of ONOS 2.5.6's core bundles:
     * Karaf's resolver enforces these for FlowSocket's feature (namespace 1.4.0).
     */
    @Test
    public void requiredServicesAreOnos256CoreServices() throws Exception {
        // FlowSocket's own services count too (a component may use another's).
        List<Attributes> providers = new ArrayList<>(OAR_MANIFESTS);
        try (Stream<Path> jars = Files.list(releases.resolve("2.5.6"))) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                providers.add(manifest(jar));
            }
        }
        Set<String> offered = new TreeSet<>();
        for (Attributes provider : providers) {
            for (String clause : clauses(provider.getValue("Provide-Capability"))) {
                Matcher classes = CAPABILITY_CLASSES.matcher(clause);
                if (clause.startsWith("osgi.service;") && classes.find()) {
                    offered.addAll(List.of(classes.group(1).split(",")));
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Attributes manifest : OAR_MANIFESTS) {
            for (String clause : clauses(manifest.getValue("Require-Capability"))) {
                Matcher service = OBJECT_CLASS.matcher(clause);
                if (clause.startsWith("osgi.service;") && service.find()
                        && !offered.contains(service.group(1))) {
                    String provider = UNPUBLISHED_PROVIDERS.get(service.group(1));
                    if (provider == null) {
                        missing.add(service.group(1));
                    } else {
                        System.out.println(service.group(1) + ": provided by " + provider
                                                   + ", not published; not checked");
                    }
                }
            }
        }
        assertEquals("services FlowSocket requires that ONOS 2.5.6's core bundles do not offer",
                     List.of(), missing);
    }

    private static void assertImportsResolve(String release) throws Exception {
        Path dir = releases.resolve(release);
        Map<String, List<String>> onosExports = new TreeMap<>();
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : (Iterable<Path>) jars.filter(p -> p.toString().endsWith(".jar"))::iterator) {
                for (String clause : clauses(manifest(jar).getValue("Export-Package"))) {
                    String[] parts = clause.split(";");
                    onosExports.computeIfAbsent(parts[0].trim(), k -> new ArrayList<>())
                            .add(attribute(clause, "version", "0.0.0"));
                }
            }
        }
        Map<String, String> thirdParty = thirdPartyVersions(dir);
        System.out.println("ONOS " + release + " platform: " + thirdParty);

        List<String> problems = new ArrayList<>();
        for (Attributes manifest : OAR_MANIFESTS) {
            String bundle = manifest.getValue("Bundle-SymbolicName");
            for (String clause : clauses(manifest.getValue("Import-Package"))) {
                String pkg = clause.split(";")[0].trim();
                String range = attribute(clause, "version", "0.0.0");
                List<String> versions;
                if (pkg.startsWith("org.flowsocket.") || pkg.startsWith("org.osgi.")) {
                    continue; // FlowSocket's own, and the framework's and Karaf's OSGi APIs
                } else if (pkg.startsWith("org.onosproject.") || pkg.startsWith("org.onlab.")) {
                    versions = onosExports.getOrDefault(pkg, List.of());
                } else {
                    String version = thirdParty.entrySet().stream().filter(e -> pkg.startsWith(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                    assertNotNull(bundle + " imports " + pkg + ", which this check has no version for: add it",
                                  version);
                    versions = List.of(version);
                }
                if (versions.stream().noneMatch(v -> inRange(v, range))) {
                    problems.add(bundle + ": " + pkg + " " + range + " (ONOS " + release + " has "
                                         + (versions.isEmpty() ? "none" : versions) + ")");
                }
            }
        }
        assertEquals("imports ONOS " + release + " cannot satisfy", List.of(), problems);
    }

    // Package prefix -> version, as the release ships them.
    private static Map<String, String> thirdPartyVersions(Path dir) throws Exception {
        String pom = Files.readString(dir.resolve("onos-dependencies.pom"));
        String karaf = match(pom, "<karaf\\.version>([^<]+)</karaf\\.version>");
        String paxWeb = match(Files.readString(dir.resolve("standard.xml")),
                              "pax-web-features/([0-9.]+)/xml/features");
        String paxWebFeatures = Files.readString(dir.resolve("pax-web-features.xml"));
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("com.fasterxml.jackson.", dependencyVersion(pom, "jackson-databind"));
        versions.put("com.google.common.", dependencyVersion(pom, "guava"));
        // the flow handle store's serializer (QosFlowSerializer)
        versions.put("com.esotericsoftware.kryo", dependencyVersion(pom, "kryo"));
        versions.put("org.slf4j", dependencyVersion(pom, "slf4j-api"));
        versions.put("org.apache.karaf.", karaf);
        versions.put("org.eclipse.jetty.", match(paxWebFeatures, "<feature name=\"pax-jetty\"[^>]*version=\"([^\"]+)\""));
        versions.put("javax.servlet", match(paxWebFeatures, "javax.servlet-api/([0-9.]+)"));
        versions.put("pax-web", paxWeb);
        return versions;
    }

    private static String dependencyVersion(String pom, String artifactId) {
        return match(pom, "<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</version>");
    }

    private static String match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertTrue("not found: " + regex, matcher.find());
        return matcher.group(1);
    }

    // Read as a stream: some ONOS 2.5.6 jars carry extra fields Java 17's JarFile rejects.
    private static Attributes manifest(Path jar) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            assertNotNull(jar + " has no manifest", in.getManifest());
            return in.getManifest().getMainAttributes();
        }
    }

    // Clauses of a manifest header, split at commas outside quotes.
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString().trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString().trim());
        return clauses;
    }

    private static String attribute(String clause, String name, String otherwise) {
        Matcher matcher = Pattern.compile(";\\s*" + name + "=\"?([^\";]+)\"?").matcher(clause);
        return matcher.find() ? matcher.group(1) : otherwise;
    }

    // OSGi version range semantics: "[a,b)" and friends, or a bare minimum.
    static boolean inRange(String version, String range) {
        int[] v = parse(version);
        if (!range.startsWith("[") && !range.startsWith("(")) {
            return compare(v, parse(range)) >= 0;
        }
        String[] ends = range.substring(1, range.length() - 1).split(",");
        int low = compare(v, parse(ends[0]));
        int high = compare(v, parse(ends[1]));
        return (range.startsWith("[") ? low >= 0 : low > 0) && (range.endsWith("]") ? high <= 0 : high < 0);
    }

    // major.minor.micro; a qualifier (9.4.28.v20200408) does not matter against these ranges.
    private static int[] parse(String version) {
        String[] parts = version.trim().split("\\.");
        int[] numbers = new int[3];
        for (int i = 0; i < 3 && i < parts.length; i++) {
            numbers[i] = parts[i].matches("\\d+") ? Integer.parseInt(parts[i]) : 0;
        }
        return numbers;
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
