package dev.vigil.search.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.search.value.Values;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * JSON and XML extraction for spath and spath(): auto-extract names ({@code a.b}, arrays as {@code a{}},
 * XML attributes as {@code a{@attr}}) and location paths ({@code a.b{0}.c}; JSON indices from 0, XML from 1).
 * Only the first {@link #MAX_INPUT} characters are read, as Splunk's auto-extract reads the first 5,000.
 */
public final class Spath {
    public static final int MAX_INPUT = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Spath() {}

    /** Every field of a JSON or XML document, or an empty map when the text is neither. */
    public static Map<String, Object> extractAll(String text) {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        String t = text.length() > MAX_INPUT ? text.substring(0, MAX_INPUT) : text;
        String s = t.strip();
        if (s.startsWith("{") || s.startsWith("[")) {
            JsonNode n = json(s);
            if (n != null) walkJson(n, "", out);
        } else if (s.startsWith("<")) {
            Element e = xml(s);
            if (e != null) walkXml(e, e.getTagName(), out);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        out.forEach((k, v) -> result.put(k, Values.ofList(v)));
        return result;
    }

    /** The value(s) at a location path, or null. */
    public static Object extractPath(String text, String path) {
        String s = text.strip();
        Map<String, Object> all = extractAll(s);
        if (s.startsWith("<")) {
            // XML: auto names carry no indices; a path with {n} (1-based) picks one value
            return pick(all, path, 1);
        }
        return pick(all, path, 0);
    }

    private static Object pick(Map<String, Object> all, String path, int base) {
        if (all.containsKey(path)) return all.get(path);
        // resolve indexed steps: a{1}.b -> the a{}.b values' element
        String generic = path.replaceAll("\\{\\d+}", "{}");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\d+)}").matcher(path);
        if (generic.equals(path) || !m.find()) {
            return all.get(path.replace("{}", "{}"));
        }
        int idx = Integer.parseInt(m.group(1)) - base;
        Object v = all.get(generic);
        List<Object> vals = Values.list(v);
        return idx >= 0 && idx < vals.size() ? vals.get(idx) : null;
    }

    private static JsonNode json(String s) {
        try {
            return JSON.readTree(s);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void walkJson(JsonNode n, String prefix, Map<String, List<Object>> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> walkJson(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out));
        } else if (n.isArray()) {
            for (JsonNode c : n) walkJson(c, prefix + "{}", out);
        } else if (!prefix.isEmpty()) {
            Object v = n.isNull() ? "null" : n.isNumber() ? (Object) n.asDouble() : n.asText();
            if (n.isNumber()) v = n.asText();
            out.computeIfAbsent(prefix, k -> new ArrayList<>()).add(v);
        }
    }

    private static Element xml(String s) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new InputSource(new StringReader(s))).getDocumentElement();
        } catch (Exception e) {
            return null;
        }
    }

    private static void walkXml(Element e, String path, Map<String, List<Object>> out) {
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            out.computeIfAbsent(path + "{@" + a.getNodeName() + "}", k -> new ArrayList<>()).add(a.getNodeValue());
        }
        boolean childElements = false;
        StringBuilder text = new StringBuilder();
        for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element ce) {
                childElements = true;
                walkXml(ce, path + "." + ce.getTagName(), out);
            } else if (c.getNodeType() == Node.TEXT_NODE || c.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(c.getNodeValue());
            }
        }
        String t = text.toString().strip();
        if (!childElements && !t.isEmpty()) out.computeIfAbsent(path, k -> new ArrayList<>()).add(t);
    }
}
