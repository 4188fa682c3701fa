/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.features;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import org.junit.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

/**
 * Keeps the ONOS in-tree BUCK file and the Maven poms in step: the same
 * dependencies, bundle names, web context and application identity.
 */
public class BuckDriftIT {

    /** What each BUCK label stands for, as Maven artifactIds (tests-jar as ":tests"). */
    private static final Map<String, Set<String>> LABELS = ImmutableMap.<String, Set<String>>builder()
            .put("//lib:CORE_DEPS", ImmutableSet.of("onos-api", "onlab-misc"))
            .put("//lib:JACKSON", ImmutableSet.of("jackson-databind"))
            .put("//core/store/serializers:onos-core-serializers", ImmutableSet.of("onos-core-serializers"))
            .put("//lib:org.apache.karaf.shell.console", ImmutableSet.of("org.apache.karaf.shell.core"))
            .put("//cli:onos-cli", ImmutableSet.of("onos-cli"))
            .put("//lib:TEST_ADAPTERS", ImmutableSet.of("onos-api:tests"))
            .put("//core/common:onos-core-common", ImmutableSet.of("onos-core-common"))
            .put("//utils/junit:onlab-junit", ImmutableSet.of("onlab-junit"))
            .put("//lib:javax.servlet-api", ImmutableSet.of("javax.servlet-api"))
            .put("//lib:jetty-websocket", ImmutableSet.of("websocket-servlet", "websocket-server"))
            .put("//lib:jetty-websocket-client", ImmutableSet.of("websocket-client"))
            .put("//lib:jetty-server", ImmutableSet.of("jetty-server", "jetty-servlet", "jetty-security"))
            .put("//utils/osgi:onlab-osgi", ImmutableSet.of("onlab-osgi"))
            .put("//lib:TEST", ImmutableSet.of())
            .put(":onos-apps-flowsocket-app", ImmutableSet.of("flowsocket-app"))
            .build();

    private final File root = new File(System.getProperty("project.root"));
    private final String buck = read(new File(root, "BUCK"));

    @Test
    public void appDependenciesMatch() throws Exception {
        assertEquals(pom("app", false), buckList("APP_COMPILE_DEPS"));
        assertEquals(pom("app", true), buckList("APP_TEST_DEPS"));
    }

    @Test
    public void webDependenciesMatch() throws Exception {
        assertEquals(pom("web", false), buckList("WEB_COMPILE_DEPS"));
        assertEquals(pom("web", true), buckList("WEB_TEST_DEPS"));
    }

    @Test
    public void identityMatchesTheOar() {
        String appXml = read(new File(root, "features/app.xml"));
        assertTrue(buck.contains("app_name = 'org.flowsocket.app'") && appXml.contains("name=\"org.flowsocket.app\""));
        assertTrue(buck.contains("title = 'FlowSocket'") && appXml.contains("title=\"FlowSocket\""));
        assertTrue(buck.contains("category = 'Utility'") && appXml.contains("category=\"Utility\""));
        assertTrue(buck.contains("web_context = '/onos/flowsocket'")
                           && read(new File(root, "web/pom.xml")).contains("<web.context>/onos/flowsocket<"));
        assertTrue(buck.contains("bundle_name = 'org.flowsocket.app'"));
        assertTrue(buck.contains("bundle_name = 'org.flowsocket.web'"));
    }

    private Set<String> buckList(String name) {
        Matcher list = Pattern.compile(name + " = \\[(.*?)\\]", Pattern.DOTALL).matcher(buck);
        assertTrue("BUCK has no " + name, list.find());
        Set<String> artifacts = new TreeSet<>();
        Matcher label = Pattern.compile("'([^']+)'").matcher(list.group(1));
        while (label.find()) {
            Set<String> mapped = LABELS.get(label.group(1));
            assertTrue("BUCK label " + label.group(1) + " has no known Maven counterpart", mapped != null);
            artifacts.addAll(mapped);
        }
        return artifacts;
    }

    private Set<String> pom(String module, boolean test) throws Exception {
        Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new File(root, module + "/pom.xml")).getDocumentElement();
        Element dependencies = (Element) project.getElementsByTagName("dependencies").item(0);
        NodeList list = dependencies.getElementsByTagName("dependency");
        Set<String> artifacts = new TreeSet<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element dependency = (Element) list.item(i);
            boolean isTest = "test".equals(child(dependency, "scope"));
            if (isTest == test) {
                String classifier = child(dependency, "classifier");
                artifacts.add(child(dependency, "artifactId") + (classifier.isEmpty() ? "" : ":" + classifier));
            }
        }
        artifacts.removeAll(ImmutableSet.of("junit", "hamcrest-all", "easymock", "guava-testlib"));
        return artifacts;
    }

    private static String child(Element element, String tag) {
        NodeList nodes = element.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String read(File file) {
        try {
            return Files.readString(file.toPath());
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
