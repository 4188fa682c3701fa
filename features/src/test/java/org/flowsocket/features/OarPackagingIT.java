/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.features;

import org.junit.BeforeClass;
import org.junit.Test;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

/**
 * Reads the built .oar as ONOS's application installer would: app.xml,
 * the features repository and every bundle it names, with their manifests.
 */
public class OarPackagingIT {

    private static final String VERSION = System.getProperty("project.version");
    private static final String M2 = "m2/org/flowsocket/";
    private static final List<String> ONOS_RELEASES = List.of("2.5.0", "2.5.6", "2.6.0", "2.7.0");

    private static ZipFile oar;
    private static Element app;

    @BeforeClass
    public static void openOar() throws Exception {
        File file = new File(System.getProperty("oar.file"));
        assertTrue("no .oar at " + file, file.isFile());
        oar = new ZipFile(file);
        app = xml(read("app.xml")).getDocumentElement();
    }

    @Test
    public void appXmlDescribesTheApplication() {
        assertEquals("org.flowsocket.app", app.getAttribute("name"));
        assertEquals("FlowSocket", app.getAttribute("title"));
        assertEquals("FlowSocket", app.getAttribute("origin"));
        assertEquals(VERSION, app.getAttribute("version"));
        assertFalse(app.getAttribute("category").isEmpty());
        assertEquals("flowsocket", app.getAttribute("features"));
        assertFalse(text(app, "readme").isEmpty());
        assertFalse(text(app, "description").isEmpty());
    }

    @Test
    public void appUrlOpensTheWebConsole() throws Exception {
        // Both of ONOS's GUIs show the url as a link in the Applications view's detail panel
        // (GUI2 appsdetails.component.html, classic app.js urlize), relative to the GUI's page;
        // it is the one link into FlowSocket that GUI2 shows (see docs/console.md).
        String context = manifest("flowsocket-web").getMainAttributes().getValue("Web-ContextPath");
        assertEquals(context + "/", app.getAttribute("url"));
    }

    @Test
    public void featuresRepositoryIsInsideAndNamesEveryBundle() throws Exception {
        String repo = app.getAttribute("featuresRepo");
        assertEquals("mvn:org.flowsocket/flowsocket-features/" + VERSION + "/xml/features", repo);
        Document features = xml(read(M2 + "flowsocket-features/" + VERSION + "/flowsocket-features-" + VERSION
                                             + "-features.xml"));
        NodeList bundles = features.getElementsByTagName("bundle");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < bundles.getLength(); i++) {
            urls.add(bundles.item(i).getTextContent().trim());
        }
        assertEquals(List.of("mvn:org.flowsocket/flowsocket-app/" + VERSION,
                             "mvn:org.flowsocket/flowsocket-web/" + VERSION), urls);
        for (String url : urls) {
            String artifact = url.split("/")[1];
            assertNotNull("the .oar lacks " + url, oar.getEntry(jarPath(artifact)));
        }
    }

    @Test
    public void coreBundleImportsOnosForReleases25To27() throws Exception {
        Manifest manifest = manifest("flowsocket-app");
        assertEquals("org.flowsocket.app", manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertNotNull(manifest.getMainAttributes().getValue("Service-Component"));
        assertEquals("org.flowsocket.cli", manifest.getMainAttributes().getValue("Karaf-Commands"));
        String required = manifest.getMainAttributes().getValue("Require-Capability");
        assertFalse("an ONOS without its GUI (no UiExtensionService) must still install FlowSocket: " + required,
                    required != null && required.contains("osgi.service"));
        checkOnosImports(manifest);
    }

    @Test
    public void webBundleIsAWabAtTheFlowSocketContext() throws Exception {
        Manifest manifest = manifest("flowsocket-web");
        assertEquals("/onos/flowsocket", manifest.getMainAttributes().getValue("Web-ContextPath"));
        Map<String, Map<String, String>> imports =
                ManifestHeader.clauses(manifest.getMainAttributes().getValue("Import-Package"));
        assertTrue("the WAB must import javax.servlet", imports.containsKey("javax.servlet"));
        assertTrue("the WAB must import javax.servlet.http", imports.containsKey("javax.servlet.http"));
        checkOnosImports(manifest);
    }

    private static void checkOnosImports(Manifest manifest) {
        Map<String, Map<String, String>> imports =
                ManifestHeader.clauses(manifest.getMainAttributes().getValue("Import-Package"));
        for (Map.Entry<String, Map<String, String>> entry : imports.entrySet()) {
            String pkg = entry.getKey();
            if (pkg.startsWith("org.onosproject") || pkg.startsWith("org.onlab")) {
                String range = entry.getValue().get("version");
                assertNotNull(pkg + " is imported without a version range", range);
                for (String release : ONOS_RELEASES) {
                    assertTrue(pkg + " " + range + " rejects ONOS " + release,
                               new VersionRange(range).includes(Version.parseVersion(release)));
                }
            }
        }
    }

    private static Manifest manifest(String artifact) throws IOException {
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(read(jarPath(artifact))))) {
            return jar.getManifest();
        }
    }

    private static String jarPath(String artifact) {
        return M2 + artifact + "/" + VERSION + "/" + artifact + "-" + VERSION + ".jar";
    }

    private static byte[] read(String entry) throws IOException {
        ZipEntry zipEntry = oar.getEntry(entry);
        assertNotNull("the .oar has no " + entry, zipEntry);
        try (InputStream in = oar.getInputStream(zipEntry)) {
            return in.readAllBytes();
        }
    }

    private static Document xml(byte[] bytes) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
