package dev.vigil.agent.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML document as a tree whose every node and key remembers its line and column, for error messages. */
final class YamlNode {
    enum Kind { MAP, LIST, SCALAR, NULL }

    final Kind kind;
    final Path file;
    final int line;
    final int column;
    final Map<String, YamlNode> map = new LinkedHashMap<>();
    final Map<String, YamlNode> keys = new LinkedHashMap<>();
    final List<YamlNode> list = new ArrayList<>();
    final String text;

    private YamlNode(Kind kind, Path file, JsonLocation at, String text) {
        this.kind = kind;
        this.file = file;
        this.line = at.getLineNr();
        this.column = at.getColumnNr();
        this.text = text;
    }

    /** Where this node is: {@code file:line:column}. */
    String where() {
        return file + ":" + line + ":" + column;
    }

    ConfigException error(String message) {
        return new ConfigException(where() + ": " + message);
    }

    /** Parses a YAML file; a syntax error is a {@link ConfigException} naming its place. */
    static YamlNode parse(Path file) throws IOException {
        try (JsonParser p = new YAMLFactory().createParser(file.toFile())) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new YamlNode(Kind.NULL, file, p.currentTokenLocation(), null);
            }
            return read(p, file);
        } catch (JsonProcessingException e) {
            JsonLocation l = e.getLocation();
            throw new ConfigException(file + ":" + (l == null ? 1 : l.getLineNr()) + ":" + (l == null ? 1
                    : l.getColumnNr()) + ": " + e.getOriginalMessage().replace('\n', ' '));
        }
    }

    private static YamlNode read(JsonParser p, Path file) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        switch (p.currentToken()) {
            case START_OBJECT -> {
                YamlNode n = new YamlNode(Kind.MAP, file, at, null);
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    YamlNode k = new YamlNode(Kind.SCALAR, file, p.currentTokenLocation(), key);
                    p.nextToken();
                    YamlNode v = read(p, file);
                    if (n.map.containsKey(key)) {
                        throw k.error("'" + key + "' is set twice (first at line " + n.keys.get(key).line + ")");
                    }
                    n.map.put(key, v);
                    n.keys.put(key, k);
                }
                return n;
            }
            case START_ARRAY -> {
                YamlNode n = new YamlNode(Kind.LIST, file, at, null);
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    n.list.add(read(p, file));
                }
                return n;
            }
            case VALUE_NULL -> {
                return new YamlNode(Kind.NULL, file, at, null);
            }
            default -> {
                return new YamlNode(Kind.SCALAR, file, at, p.getText());
            }
        }
    }
}
