package org.forcelink.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.forcelink.mapping.HardenedXml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * XML from force systems read the way the mapping engine reads it (no DOCTYPE, so no entities; no
 * external DTD or schema; secure processing), and elements written out again as documents of their own.
 */
public final class SafeXml {

    private static final DocumentBuilderFactory PARSERS = HardenedXml.parsers();
    private static final TransformerFactory WRITERS = writers();
    /**
     * The JDK's own factories, not looked up on the class path: newInstance() scans it on every call, which
     * costs more than the query itself when 44 answers are read on fresh threads.
     */
    private static final ThreadLocal<XPathFactory> XPATHS = ThreadLocal.withInitial(XPathFactory::newDefaultInstance);

    private SafeXml() {}

    private static TransformerFactory writers() {
        TransformerFactory factory = TransformerFactory.newDefaultInstance();
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return factory;
    }

    /** Parses a document; a malformed one, or one with a DOCTYPE, is an {@link IllegalArgumentException}. */
    public static Document parse(byte[] bytes) {
        try {
            DocumentBuilder builder = PARSERS.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.ErrorHandler() {
                @Override
                public void warning(org.xml.sax.SAXParseException e) {
                    // a warning does not make the answer unreadable
                }

                @Override
                public void error(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder.parse(new ByteArrayInputStream(bytes));
        } catch (org.xml.sax.SAXParseException e) {
            // Where, not what: the parser's message may quote the document's data.
            throw new IllegalArgumentException("the answer is not well-formed XML (at line " + e.getLineNumber() + ")");
        } catch (SAXException e) {
            throw new IllegalArgumentException("the answer is not well-formed XML");
        } catch (IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("XML could not be read: " + e.getMessage());
        }
    }

    /** An element written as a UTF-8 document of its own, with the namespaces it uses declared. */
    static byte[] write(Node element) {
        try {
            Document own = PARSERS.newDocumentBuilder().newDocument();
            own.appendChild(own.importNode(element, true));
            own.normalizeDocument();
            Transformer transformer = WRITERS.newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(own), new StreamResult(out));
            return out.toByteArray();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("an XML element could not be written", e);
        }
    }

    /** A new XPath (not thread-safe) knowing the given prefixes. */
    public static XPath xpath(Map<String, String> namespaces) {
        XPath xpath = XPATHS.get().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override
            public String getNamespaceURI(String prefix) {
                return namespaces.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
            }

            @Override
            public String getPrefix(String uri) {
                return null;
            }

            @Override
            public Iterator<String> getPrefixes(String uri) {
                return java.util.Collections.emptyIterator();
            }
        });
        return xpath;
    }
}
