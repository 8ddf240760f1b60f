package dev.vigil.agent.evtx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fills template slots with their values, renders the event as XML, and flattens it into named fields. */
final class EventRenderer {
    private EventRenderer() {
    }

    /** Instantiates parsed binary XML: substitutions replaced by their values, templates expanded. */
    static List<XmlNode> instantiate(List<TemplateNode> nodes, List<TemplateNode.Value> values, int depth) {
        if (depth > BinXmlParser.MAX_DEPTH) {
            throw new IllegalStateException("nesting depth " + depth + " exceeds the maximum "
                    + BinXmlParser.MAX_DEPTH);
        }
        List<XmlNode> out = new ArrayList<>();
        for (TemplateNode n : nodes) {
            if (n instanceof TemplateNode.Element e) {
                int arraySlot = arraySlot(e, values);
                if (arraySlot >= 0) {
                    // libevtx: an element holding an array substitution is repeated for every item
                    List<String> items = values.get(arraySlot).items();
                    for (String item : items.isEmpty() ? List.of("") : items) {
                        List<TemplateNode.Value> one = new ArrayList<>(values);
                        one.set(arraySlot, new TemplateNode.Value(values.get(arraySlot).type() & 0x7f, item, null));
                        out.addAll(instantiate(List.of(new TemplateNode.Element(e.name(), e.attributes(),
                                e.children())), one, depth + 1));
                    }
                    continue;
                }
                XmlNode x = XmlNode.element(e.name());
                for (TemplateNode.Attribute a : e.attributes()) {
                    if (omitted(a.value(), values)) {
                        continue;
                    }
                    StringBuilder sb = new StringBuilder();
                    for (XmlNode v : instantiate(a.value(), values, depth + 1)) {
                        sb.append(v.isText() ? v.text : "");
                    }
                    x.attributes.put(a.name(), sb.toString());
                }
                x.children.addAll(instantiate(e.children(), values, depth + 1));
                out.add(x);
            } else if (n instanceof TemplateNode.Text t) {
                out.add(XmlNode.text(t.text()));
            } else if (n instanceof TemplateNode.Substitution s) {
                if (s.id() < values.size()) {
                    TemplateNode.Value v = values.get(s.id());
                    if (v.binXml() != null) {
                        out.addAll(instantiate(v.binXml(), List.of(), depth + 1));
                    } else if (!v.text().isEmpty()) {
                        out.add(XmlNode.text(v.text()));
                    }
                }
            } else if (n instanceof TemplateNode.Instance i) {
                out.addAll(instantiate(i.template(), i.values(), depth + 1));
            }
        }
        return out;
    }

    /** The slot of an array value among an element's direct children, or -1. */
    private static int arraySlot(TemplateNode.Element e, List<TemplateNode.Value> values) {
        for (TemplateNode c : e.children()) {
            if (c instanceof TemplateNode.Substitution s && s.id() < values.size()
                    && values.get(s.id()).items() != null) {
                return s.id();
            }
        }
        return -1;
    }

    /** An attribute whose whole value is an optional substitution with no value is left out, as Windows does. */
    private static boolean omitted(List<TemplateNode> value, List<TemplateNode.Value> values) {
        if (value.size() != 1 || !(value.get(0) instanceof TemplateNode.Substitution s) || !s.optional()) {
            return false;
        }
        return s.id() >= values.size() || values.get(s.id()).isNull();
    }

    /** The first element of the rendered nodes (the Event). */
    static XmlNode root(List<XmlNode> nodes) {
        for (XmlNode n : nodes) {
            if (!n.isText()) {
                return n;
            }
        }
        return null;
    }

    static String xml(XmlNode event) {
        StringBuilder sb = new StringBuilder(1024);
        event.render(sb);
        return sb.toString();
    }

    /**
     * The flat field map: System's fields under their element names (attributes of Provider, TimeCreated,
     * Execution, Security and Correlation under the names Winlogbeat uses), then EventData's Data elements by
     * their Name attribute (unnamed ones as param1, param2...; other elements such as Binary by their
     * own name), then UserData's leaf elements.
     */
    static Map<String, String> fields(XmlNode event) {
        Map<String, String> f = new LinkedHashMap<>();
        XmlNode system = event.child("System");
        if (system != null) {
            for (XmlNode c : system.children) {
                if (c.isText()) {
                    continue;
                }
                switch (c.name) {
                    case "Provider" -> {
                        put(f, "Provider", c.attributes.get("Name"));
                        put(f, "ProviderGuid", c.attributes.get("Guid"));
                        put(f, "EventSourceName", c.attributes.get("EventSourceName"));
                    }
                    case "TimeCreated" -> put(f, "TimeCreated", c.attributes.get("SystemTime"));
                    case "Execution" -> {
                        put(f, "ProcessID", c.attributes.get("ProcessID"));
                        put(f, "ThreadID", c.attributes.get("ThreadID"));
                    }
                    case "Security" -> put(f, "UserID", c.attributes.get("UserID"));
                    case "Correlation" -> {
                        put(f, "ActivityID", c.attributes.get("ActivityID"));
                        put(f, "RelatedActivityID", c.attributes.get("RelatedActivityID"));
                    }
                    case "EventID" -> {
                        put(f, "EventID", c.textContent());
                        put(f, "Qualifiers", c.attributes.get("Qualifiers"));
                    }
                    default -> put(f, c.name, c.textContent());
                }
            }
        }
        XmlNode data = event.child("EventData");
        if (data != null) {
            int unnamed = 0;
            for (XmlNode d : data.children) {
                if (d.isText()) {
                    continue;
                }
                String n = d.attributes.get("Name");
                if (!"Data".equals(d.name)) {
                    n = d.name;
                } else if (n == null || n.isEmpty()) {
                    n = "param" + ++unnamed;
                }
                f.put(n, d.textContent());
            }
        }
        XmlNode user = event.child("UserData");
        if (user != null) {
            leaves(user, f);
        }
        return f;
    }

    private static void leaves(XmlNode n, Map<String, String> f) {
        for (XmlNode c : n.children) {
            if (c.isText()) {
                continue;
            }
            boolean leaf = c.children.stream().allMatch(XmlNode::isText);
            if (leaf) {
                f.putIfAbsent(c.name, c.textContent());
            } else {
                leaves(c, f);
            }
        }
    }

    private static void put(Map<String, String> f, String k, String v) {
        if (v != null) {
            f.put(k, v);
        }
    }
}
