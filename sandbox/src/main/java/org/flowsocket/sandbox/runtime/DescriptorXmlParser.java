/*
 * Copyright 2026 FlowSocket contributors
 * SPDX-License-Identifier: Apache-2.0
 */
package org.flowsocket.sandbox.runtime;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Declarative Services component descriptor, the
 * {@code OSGI-INF/<component name>.xml} that bnd writes, into a
 * {@link ComponentDescriptor}: the component's name, life-cycle methods,
 * typed properties, provided services and references. Elements the sandbox
 * does not need are ignored; DOCTYPEs are refused.
 */
final class DescriptorXmlParser {

    private DescriptorXmlParser() {
    }

    /**
     * Parses a DS component descriptor.
     *
     * @param in descriptor XML
     * @return the descriptor
     * @throws IllegalArgumentException if it is not a valid component descriptor
     */
    static ComponentDescriptor parse(InputStream in) {
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document doc = builder.parse(in);
            root = doc.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("Invalid component descriptor", e);
        }
        if (!"component".equals(localName(root))) {
            throw new IllegalArgumentException("Not a component descriptor: " + root.getNodeName());
        }
        String implementation = null;
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> provides = new ArrayList<>();
        List<ComponentDescriptor.Reference> references = new ArrayList<>();
        for (Element e : children(root)) {
            switch (localName(e)) {
                case "implementation":
                    implementation = e.getAttribute("class");
                    break;
                case "property":
                    properties.put(e.getAttribute("name"), propertyValue(e));
                    break;
                case "service":
                    for (Element p : children(e)) {
                        if ("provide".equals(localName(p))) {
                            provides.add(p.getAttribute("interface"));
                        }
                    }
                    break;
                case "reference":
                    references.add(new ComponentDescriptor.Reference(e.getAttribute("name"),
                            e.getAttribute("interface"),
                            ComponentDescriptor.Cardinality.parse(attr(e, "cardinality", null)),
                            attr(e, "field", null), attr(e, "bind", null),
                            attr(e, "unbind", null)));
                    break;
                default:
                    break;
            }
        }
        if (implementation == null) {
            throw new IllegalArgumentException("Component descriptor without implementation");
        }
        String name = attr(root, "name", implementation);
        return new ComponentDescriptor(name, implementation,
                Boolean.parseBoolean(attr(root, "enabled", "true")),
                attr(root, "activate", "activate"), attr(root, "deactivate", "deactivate"),
                attr(root, "modified", null), properties, provides, references, false);
    }

    private static Object propertyValue(Element e) {
        String type = attr(e, "type", "String");
        if (e.hasAttribute("value")) {
            return convert(type, e.getAttribute("value"));
        }
        List<Object> values = new ArrayList<>();
        for (String line : e.getTextContent().split("\n")) {
            String v = line.trim();
            if (!v.isEmpty()) {
                values.add(convert(type, v));
            }
        }
        return values.size() == 1 ? values.get(0) : values.toArray();
    }

    private static Object convert(String type, String value) {
        switch (type) {
            case "Long":
                return Long.valueOf(value);
            case "Double":
                return Double.valueOf(value);
            case "Float":
                return Float.valueOf(value);
            case "Integer":
                return Integer.valueOf(value);
            case "Byte":
                return Byte.valueOf(value);
            case "Short":
                return Short.valueOf(value);
            case "Character":
                return value.isEmpty() ? null : value.charAt(0);
            case "Boolean":
                return Boolean.valueOf(value);
            default:
                return value;
        }
    }

    private static String attr(Element e, String name, String dflt) {
        return e.hasAttribute(name) ? e.getAttribute(name) : dflt;
    }

    private static String localName(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        NodeList nodes = e.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element) {
                out.add((Element) nodes.item(i));
            }
        }
        return out;
    }
}
