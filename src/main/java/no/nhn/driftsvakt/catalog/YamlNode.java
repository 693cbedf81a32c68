package no.nhn.driftsvakt.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML node that knows its path and line, and reports problems instead of throwing, so one pass over
 * a catalog finds every mistake in it.
 */
final class YamlNode {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");

    private final Node node;
    private final String path;
    private final Context ctx;

    /** Shared state of one parse: the file name, the collected problems, the placeholder lookup. */
    record Context(String file, List<CatalogProblem> problems, Function<String, Optional<String>> lookup) {
        void report(Node at, String field, String message) {
            problems.add(new CatalogProblem(file, at == null ? 0 : at.getStartMark().getLine() + 1, field, message));
        }
    }

    YamlNode(Node node, String path, Context ctx) {
        this.node = node;
        this.path = path;
        this.ctx = ctx;
    }

    String path() {
        return path;
    }

    int line() {
        return node.getStartMark().getLine() + 1;
    }

    void problem(String message) {
        ctx.report(node, path, message);
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The fields of a mapping node; reports a problem (and returns empty) when this is not a mapping. */
    Map<String, YamlNode> fields(Set<String> known) {
        Map<String, YamlNode> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem("expected a mapping (key: value), found " + kind());
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                ctx.report(t.getKeyNode(), path, "keys must be plain text");
                continue;
            }
            String name = key.getValue();
            if (out.containsKey(name)) {
                ctx.report(key, child(name), "duplicate key '" + name + "'");
                continue;
            }
            if (!known.contains(name)) {
                ctx.report(key, child(name), "unknown field '" + name + "'; known fields: " + new TreeSet<>(known));
                continue;
            }
            out.put(name, new YamlNode(t.getValueNode(), child(name), ctx));
        }
        return out;
    }

    /** The items of a sequence node; reports a problem when this is not a sequence. */
    List<YamlNode> items() {
        List<YamlNode> out = new ArrayList<>();
        if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return out;
        }
        if (!(node instanceof SequenceNode seq)) {
            problem("expected a list, found " + kind());
            return out;
        }
        int i = 0;
        for (Node n : seq.getValue()) {
            out.add(new YamlNode(n, path + "[" + i++ + "]", ctx));
        }
        return out;
    }

    /** A scalar as text with {@code ${config.key:default}} placeholders resolved; empty (and reported) otherwise. */
    Optional<String> text() {
        if (!(node instanceof ScalarNode s)) {
            problem("expected a single value, found " + kind());
            return Optional.empty();
        }
        String raw = s.getValue();
        Matcher m = PLACEHOLDER.matcher(raw);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Optional<String> value = ctx.lookup().apply(m.group(1));
            if (value.isEmpty() && m.group(2) == null) {
                problem("placeholder ${" + m.group(1) + "} has no value and no default");
                return Optional.empty();
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value.orElse(m.group(2))));
        }
        m.appendTail(sb);
        return Optional.of(sb.toString());
    }

    Optional<Integer> integer(int min, int max) {
        return text().flatMap(t -> {
            try {
                int v = Integer.parseInt(t.trim());
                if (v < min || v > max) {
                    problem("must be between " + min + " and " + max + ", was " + v);
                    return Optional.empty();
                }
                return Optional.of(v);
            } catch (NumberFormatException e) {
                problem("expected a whole number, found '" + t + "'");
                return Optional.empty();
            }
        });
    }

    Optional<Boolean> bool() {
        return text().flatMap(t -> switch (t.trim()) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> {
                problem("expected true or false, found '" + t + "'");
                yield Optional.empty();
            }
        });
    }

    /** A mapping of plain text to text, e.g. labels and headers. */
    Map<String, String> stringMap() {
        Map<String, String> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            problem("expected a mapping (key: value), found " + kind());
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            YamlNode value = new YamlNode(t.getValueNode(), path, ctx);
            if (t.getKeyNode() instanceof ScalarNode k) {
                value.text().ifPresent(v -> out.put(k.getValue(), v));
            }
        }
        return out;
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "'" + ((ScalarNode) node).getValue() + "'";
    }
}
