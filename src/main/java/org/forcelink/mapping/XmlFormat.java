package org.forcelink.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpression;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.forcelink.canonical.RecordException;
import org.forcelink.config.YamlDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML read with the JDK's parser, hardened: no DOCTYPE (so no entities, internal or external), no
 * external DTD or schema access, secure processing on. The encoding is what the XML declaration says.
 * Fields are XPath expressions relative to the record element (or to a repeating group's element), with
 * the namespace prefixes the mapping declares.
 */
final class XmlFormat implements SourceFormat {

    /** An element of the record with the XPath lineage names it by. */
    record Item(Node node, String path) {}

    private static final DocumentBuilderFactory FACTORY = HardenedXml.parsers();
    private static final ThreadLocal<DocumentBuilder> BUILDERS = ThreadLocal.withInitial(XmlFormat::newBuilder);

    private final YamlDocument doc;
    private final Map<String, String> namespaces = new HashMap<>();
    private final NamespaceContext context;
    private final String rootPath;
    private final CompiledXPath root;

    XmlFormat(YamlDocument doc, JsonNode source) {
        this.doc = doc;
        source.path("namespaces").fields().forEachRemaining(ns -> namespaces.put(ns.getKey(), ns.getValue().asText()));
        this.context = new Prefixes(namespaces);
        JsonNode rootNode = source.get("root");
        if (rootNode == null || !rootNode.isTextual()) {
            throw doc.problem("/source", "an XML source needs root: (an XPath to the record element, e.g. /cf:CaseFile)");
        }
        this.rootPath = rootNode.asText();
        this.root = compile(rootPath, "/source/root");
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                    // warnings do not make the record unreadable
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no XML parser", e);
        }
    }

    /** An XPath compiled once to check it, then once per thread that uses it (XPathExpression is not thread-safe). */
    private final class CompiledXPath {
        private final String expression;
        private final ThreadLocal<XPathExpression> perThread;

        CompiledXPath(String expression) throws XPathExpressionException {
            this.expression = expression;
            newXPath().compile(expression);
            this.perThread = ThreadLocal.withInitial(() -> {
                try {
                    return newXPath().compile(expression);
                } catch (XPathExpressionException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        Object evaluate(Node node, QName type) {
            try {
                return perThread.get().evaluate(node, type);
            } catch (XPathExpressionException e) {
                throw new Rejection("FL-UNPARSEABLE", "", "XPath " + expression + " cannot be evaluated on this record: "
                        + e.getMessage());
            }
        }
    }

    private XPath newXPath() {
        // The JDK's own XPath, not looked up on the class path: newInstance() scans it on every call, and
        // every thread that maps XML compiles each expression once.
        XPath xpath = XPathFactory.newDefaultInstance().newXPath();
        xpath.setNamespaceContext(context);
        return xpath;
    }

    private CompiledXPath compile(String expression, String at) {
        try {
            return new CompiledXPath(expression);
        } catch (XPathExpressionException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            throw doc.problem(at, "'" + expression + "' is not an XPath expression"
                    + (reason != null ? ": " + reason : "") + " (declare prefixes under source: namespaces:)");
        }
    }

    @Override
    public Object parse(byte[] payload, List<RecordException> warnings) {
        if (payload.length == 0) {
            throw new Rejection("FL-EMPTY", "", "the record is empty");
        }
        Document document;
        try {
            document = BUILDERS.get().parse(new ByteArrayInputStream(payload));
        } catch (SAXParseException e) {
            if (HardenedXml.isTooDeep(e)) {
                throw new Rejection("FL-LIMIT", "", "the record exceeds a limit: elements nest deeper than "
                        + HardenedXml.MAX_DEPTH);
            }
            throw new Rejection("FL-UNPARSEABLE", "", "the record is not well-formed XML: line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw new Rejection("FL-UNPARSEABLE", "", "the record is not well-formed XML: " + e.getMessage());
        } finally {
            BUILDERS.get().reset();
        }
        Object found = root.evaluate(document, XPathConstants.NODE);
        if (!(found instanceof Node node)) {
            Node element = document.getDocumentElement();
            throw new Rejection("FL-NOT-A-RECORD", "", "no record element " + rootPath + " in the document (its root is "
                    + (element.getNamespaceURI() != null ? "{" + element.getNamespaceURI() + "}" : "")
                    + element.getLocalName() + ")");
        }
        return new Item(node, rootPath);
    }

    @Override
    public Accessor accessor(JsonNode from, String at, boolean all) {
        if (!from.isTextual() || from.asText().isBlank()) {
            throw doc.problem(at, "an XML field is an XPath relative to the record element, e.g. from: cf:URN");
        }
        String expression = from.asText();
        CompiledXPath xpath = compile(expression, at);
        return new Accessor() {
            @Override
            public Object read(Object item) {
                Node context = ((Item) item).node();
                if (all) {
                    NodeList nodes = (NodeList) xpath.evaluate(context, XPathConstants.NODESET);
                    List<Object> values = new ArrayList<>(nodes.getLength());
                    for (int i = 0; i < nodes.getLength(); i++) {
                        String text = nodes.item(i).getTextContent();
                        if (text != null && !text.isEmpty()) {
                            values.add(text);
                        }
                    }
                    return values.isEmpty() ? null : values;
                }
                Object node = xpath.evaluate(context, XPathConstants.NODE);
                if (node instanceof Node found) {
                    String text = found.getTextContent();
                    return text == null || text.isEmpty() ? null : text;
                }
                return null;
            }

            @Override
            public String source(Object item) {
                return ((Item) item).path() + "/" + expression;
            }
        };
    }

    @Override
    public Group group(JsonNode each, String at) {
        if (!each.isTextual()) {
            throw doc.problem(at, "an XML repeating group is each: <XPath to the repeated element>");
        }
        String expression = each.asText();
        CompiledXPath xpath = compile(expression, at);
        return item -> {
            Item parent = (Item) item;
            NodeList nodes = (NodeList) xpath.evaluate(parent.node(), XPathConstants.NODESET);
            List<Object> items = new ArrayList<>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                items.add(new Item(nodes.item(i), parent.path() + "/" + expression + "[" + (i + 1) + "]"));
            }
            return items;
        };
    }

    /** XML sources send one record per message; a dropped file is one record. */
    @Override
    public FileSplit split(byte[] file) {
        return file.length == 0 ? FileSplit.rejected("the file is empty") : FileSplit.of(List.of(new SourceRecord(1, file)));
    }

    private record Prefixes(Map<String, String> namespaces) implements NamespaceContext {
        @Override
        public String getNamespaceURI(String prefix) {
            return namespaces.getOrDefault(prefix, XMLConstants.NULL_NS_URI);
        }

        @Override
        public String getPrefix(String uri) {
            return namespaces.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
        }

        @Override
        public Iterator<String> getPrefixes(String uri) {
            return namespaces.entrySet().stream().filter(e -> e.getValue().equals(uri)).map(Map.Entry::getKey).iterator();
        }
    }
}
