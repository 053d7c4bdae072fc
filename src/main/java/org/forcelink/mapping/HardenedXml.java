package org.forcelink.mapping;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

/**
 * The one hardened XML parser set-up of the hub, for every XML read from outside (source records, force
 * systems' answers): no DOCTYPE, so no entities; no external DTD or schema; secure processing; and no
 * element nested deeper than {@link #MAX_DEPTH}, so a hostile document cannot exhaust the stack of the
 * code that walks it.
 */
public final class HardenedXml {

    /** How deep elements may nest; real records nest fewer than ten. */
    public static final int MAX_DEPTH = 64;
    /** The JDK parser's own limit on element depth, named in the message of a document that breaks it. */
    static final String DEPTH_LIMIT_PROPERTY = "\"maxElementDepth\"";

    private HardenedXml() {}

    /** A namespace-aware parser factory, the JDK's own (not looked up on the class path). */
    public static DocumentBuilderFactory parsers() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setAttribute("http://www.oracle.com/xml/jaxp/properties/maxElementDepth", String.valueOf(MAX_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
    }

    /** True when a parser refused a document for nesting deeper than {@link #MAX_DEPTH}. */
    public static boolean isTooDeep(Exception e) {
        return e.getMessage() != null && e.getMessage().contains(DEPTH_LIMIT_PROPERTY);
    }
}
