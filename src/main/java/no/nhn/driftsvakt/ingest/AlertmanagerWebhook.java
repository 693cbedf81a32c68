package no.nhn.driftsvakt.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * An Alertmanager webhook (version 4) as read from its JSON: only the fields {@link AlertmanagerMapper} uses, read
 * with Jackson's streaming parser token by token, without building a tree of the whole body first (the tree and the
 * walk over it were about a fifth of the webhook intake's CPU: 10 % the tree, 8 % the mapper's walk, docs/design/intake-path.md). Other fields are skipped, but their JSON
 * is still checked. A value of the wrong type reads as a JSON tree's {@code asText()} would have it: a number or a
 * boolean as its text, {@code null} as {@code "null"}, an object or array as {@code ""}.
 *
 * @param object  whether the body is a JSON object at all
 * @param version the {@code version} field as text; null when there is none
 * @param alerts  the {@code alerts} field; null when there is none or it is not an array
 */
record AlertmanagerWebhook(boolean object, String version, List<Alert> alerts) {

    /**
     * One alert. The string fields are null when missing or JSON {@code null}; the maps are empty when missing or
     * not an object, and sorted by key.
     */
    record Alert(String status, Map<String, String> labels, Map<String, String> annotations, String startsAt,
                 String endsAt, String fingerprint) {
    }

    /**
     * Reads the first JSON value from the parser.
     *
     * @throws IOException when the JSON is malformed (with its location)
     */
    static AlertmanagerWebhook read(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return new AlertmanagerWebhook(false, null, null);
        }
        String version = null;
        List<Alert> alerts = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            t = p.nextToken();
            if ("version".equals(name)) {
                version = asText(p, t);
            } else if ("alerts".equals(name)) {
                alerts = t == JsonToken.START_ARRAY ? alerts(p) : skipped(p);
            } else {
                p.skipChildren();
            }
        }
        return new AlertmanagerWebhook(true, version, alerts);
    }

    private static List<Alert> alerts(JsonParser p) throws IOException {
        List<Alert> out = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            out.add(t == JsonToken.START_OBJECT ? alert(p) : skippedAlert(p));
        }
        return out;
    }

    private static Alert alert(JsonParser p) throws IOException {
        String status = null;
        String startsAt = null;
        String endsAt = null;
        String fingerprint = null;
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "status" -> status = textOrNull(p, t);
                case "labels" -> labels = strings(p, t);
                case "annotations" -> annotations = strings(p, t);
                case "startsAt" -> startsAt = textOrNull(p, t);
                case "endsAt" -> endsAt = textOrNull(p, t);
                case "fingerprint" -> fingerprint = textOrNull(p, t);
                default -> p.skipChildren();
            }
        }
        return new Alert(status, labels, annotations, startsAt, endsAt, fingerprint);
    }

    private static Alert skippedAlert(JsonParser p) throws IOException {
        p.skipChildren();
        return new Alert(null, Map.of(), Map.of(), null, null, null);
    }

    private static Map<String, String> strings(JsonParser p, JsonToken t) throws IOException {
        if (t != JsonToken.START_OBJECT) {
            p.skipChildren();
            return Map.of();
        }
        Map<String, String> out = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            out.put(name, asText(p, p.nextToken()));
        }
        return out;
    }

    /**
     * The value's text; a number as a tree's number node gives it ({@code 1e3} as {@code 1000.0}, {@code -0} as
     * {@code 0}), a JSON null as "null", an object or array (skipped) as "".
     */
    private static String asText(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberValue().toString(); // int, long or BigInteger, as IntNode, LongNode, BigIntegerNode
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            return String.valueOf(p.getDoubleValue()); // DoubleNode, as a tree reads floats by default
        }
        if (t.isScalarValue()) {
            return p.getText();
        }
        p.skipChildren();
        return "";
    }

    private static String textOrNull(JsonParser p, JsonToken t) throws IOException {
        return t == JsonToken.VALUE_NULL ? null : asText(p, t);
    }

    private static <T> T skipped(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
