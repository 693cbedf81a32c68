package no.nhn.driftsvakt.catalog;

import java.io.StringReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a catalog YAML file into a {@link Catalog}, reporting every problem with file, line and field.
 * Pure: no I/O beyond the text it is given, no framework.
 */
public final class CatalogParser {

    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int DEFAULT_FAILURES_TO_DOWN = 3;
    static final int DEFAULT_SUCCESSES_TO_RECOVER = 2;
    static final int DEFAULT_CERT_WARN_DAYS = 14;

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> TOP = Set.of("components", "customerGroups", "supportGroups");
    private static final Set<String> COMPONENT = Set.of("id", "name", "description", "kind", "category",
            "supportGroup", "dependsOn", "checks", "labels", "autoResolve", "thirdParty");
    private static final Set<String> CHECK_COMMON = Set.of("id", "type", "interval", "timeout", "failuresToDown",
            "successesToRecover", "quorum");
    private static final Map<CheckType, Set<String>> CHECK_FIELDS = Map.of(
            CheckType.HTTP, Set.of("url", "method", "headers", "expectStatus", "bodyContains", "bodyRegex",
                    "jsonField", "jsonEquals", "maxLatency", "certExpiryWarnDays", "keepAlive", "tlsCaFile"),
            CheckType.TCP, Set.of("host", "port"),
            CheckType.DNS, Set.of("name", "server", "expect"),
            CheckType.HEARTBEAT, Set.of("tokenSha256", "grace"),
            CheckType.SUPPLIER, Set.of("url", "format", "component"));
    private static final Set<String> CUSTOMER_GROUP = Set.of("id", "name", "agreement", "pilot", "uses");
    private static final Set<String> SUPPORT_GROUP = Set.of("id", "name", "line", "contact", "escalatesTo");

    private final YamlNode.Context ctx;
    private final List<Runnable> deferred = new ArrayList<>();
    private final Map<String, YamlNode> componentIds = new LinkedHashMap<>();
    private final Map<String, YamlNode> checkIds = new HashMap<>();
    private final Map<String, YamlNode> supportGroupIds = new HashMap<>();
    private final Map<String, Optional<Integer>> supportGroupLines = new HashMap<>();
    private final Map<String, YamlNode> customerGroupIds = new HashMap<>();
    private final Map<String, List<String>> dependsOn = new LinkedHashMap<>();
    private final Map<String, YamlNode> dependsOnNodes = new HashMap<>();

    private CatalogParser(String file, Function<String, Optional<String>> lookup) {
        this.ctx = new YamlNode.Context(file, new ArrayList<>(), lookup);
    }

    /**
     * @param file   name used in problem reports
     * @param text   the YAML text
     * @param lookup resolves {@code ${key}} placeholders (typically from configuration)
     * @throws CatalogException listing every problem found
     */
    public static Catalog parse(String file, String text, Function<String, Optional<String>> lookup) {
        return new CatalogParser(file, lookup).run(text);
    }

    private Catalog run(String text) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setCodePointLimit(10 * 1024 * 1024);
            root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new CatalogException(List.of(new CatalogProblem(ctx.file(), line, "(syntax)",
                    "not valid YAML: " + e.getProblem())));
        } catch (RuntimeException e) {
            throw new CatalogException(List.of(new CatalogProblem(ctx.file(), 0, "(syntax)",
                    "not valid YAML: " + e.getMessage())));
        }
        if (root == null) {
            throw new CatalogException(List.of(new CatalogProblem(ctx.file(), 1, "(root)", "the catalog is empty")));
        }
        Map<String, YamlNode> top = new YamlNode(root, "", ctx).fields(TOP);
        List<SupportGroup> supportGroups = top.containsKey("supportGroups")
                ? top.get("supportGroups").items().stream().map(this::supportGroup).flatMap(Optional::stream).toList()
                : List.of();
        List<Component> components = new ArrayList<>();
        if (!top.containsKey("components")) {
            ctx.report(root, "components", "required: the catalog must list at least one component");
        } else {
            top.get("components").items().forEach(n -> component(n).ifPresent(components::add));
        }
        List<CustomerGroup> customerGroups = top.containsKey("customerGroups")
                ? top.get("customerGroups").items().stream().map(this::customerGroup).flatMap(Optional::stream).toList()
                : List.of();
        deferred.forEach(Runnable::run);
        findCycles();
        if (!ctx.problems().isEmpty()) {
            throw new CatalogException(ctx.problems());
        }
        return new Catalog(ctx.file(), shortHash(text), components, customerGroups, supportGroups);
    }

    private Optional<String> id(Map<String, YamlNode> f, YamlNode owner, Map<String, YamlNode> seen, String what) {
        YamlNode n = f.get("id");
        if (n == null) {
            owner.problem("required field 'id' is missing");
            return Optional.empty();
        }
        Optional<String> id = n.text();
        if (id.isEmpty()) {
            return id;
        }
        if (!ID.matcher(id.get()).matches()) {
            n.problem("'" + id.get() + "' is not a valid id: use lower-case letters, digits and '-' (at most 64)");
            return Optional.empty();
        }
        YamlNode earlier = seen.putIfAbsent(id.get(), n);
        if (earlier != null) {
            n.problem("duplicate " + what + " id '" + id.get() + "' (first defined on line " + earlier.line() + ")");
            return Optional.empty();
        }
        return id;
    }

    private Optional<String> required(Map<String, YamlNode> f, YamlNode owner, String field) {
        YamlNode n = f.get(field);
        if (n == null) {
            owner.problem("required field '" + field + "' is missing");
            return Optional.empty();
        }
        Optional<String> v = n.text();
        if (v.isPresent() && v.get().isBlank()) {
            n.problem("must not be empty");
            return Optional.empty();
        }
        return v;
    }

    private Optional<String> optional(Map<String, YamlNode> f, String field) {
        return f.containsKey(field) ? f.get(field).text() : Optional.empty();
    }

    private <E extends Enum<E>> Optional<E> enumOf(Map<String, YamlNode> f, YamlNode owner, String field,
                                                  Class<E> type, E fallback) {
        YamlNode n = f.get(field);
        if (n == null) {
            if (fallback == null) {
                owner.problem("required field '" + field + "' is missing");
            }
            return Optional.ofNullable(fallback);
        }
        return n.text().flatMap(t -> {
            try {
                return Optional.of(Enum.valueOf(type, t.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                List<String> allowed = new ArrayList<>();
                for (E c : type.getEnumConstants()) {
                    allowed.add(c.name().toLowerCase(Locale.ROOT));
                }
                n.problem("'" + t + "' is not one of " + allowed);
                return Optional.empty();
            }
        });
    }

    private Optional<Duration> duration(Map<String, YamlNode> f, String field, Duration fallback) {
        YamlNode n = f.get(field);
        if (n == null) {
            return Optional.ofNullable(fallback);
        }
        return n.text().flatMap(t -> {
            Optional<Duration> d = Durations.parse(t);
            if (d.isEmpty()) {
                n.problem("'" + t + "' is not a duration; write e.g. 500ms, 30s, 5m, 2h or 7d");
            }
            return d;
        });
    }

    private List<String> idList(Map<String, YamlNode> f, String field) {
        if (!f.containsKey(field)) {
            return List.of();
        }
        return f.get(field).items().stream().map(YamlNode::text).flatMap(Optional::stream).toList();
    }

    private void requireKnown(Map<String, YamlNode> f, String field, Map<String, YamlNode> known, String what) {
        if (!f.containsKey(field)) {
            return;
        }
        YamlNode list = f.get(field);
        deferred.add(() -> {
            for (YamlNode item : list.items()) {
                item.text().filter(v -> !known.containsKey(v))
                        .ifPresent(v -> item.problem("unknown " + what + " '" + v + "'"));
            }
        });
    }

    private Optional<SupportGroup> supportGroup(YamlNode n) {
        Map<String, YamlNode> f = n.fields(SUPPORT_GROUP);
        Optional<String> id = id(f, n, supportGroupIds, "support group");
        Optional<String> name = required(f, n, "name");
        Optional<Integer> line = f.containsKey("line") ? f.get("line").integer(2, 3) : Optional.empty();
        id.ifPresent(i -> supportGroupLines.put(i, line));
        if (!f.containsKey("line")) {
            n.problem("required field 'line' is missing (2 or 3)");
        }
        String contact = optional(f, "contact").orElse("");
        Optional<String> escalatesTo = optional(f, "escalatesTo");
        escalatesTo.ifPresent(to -> escalation(f.get("escalatesTo"), id, line, to));
        if (id.isEmpty() || name.isEmpty() || line.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SupportGroup(id.get(), name.get(), line.get(), contact, escalatesTo.orElse(null)));
    }

    /**
     * {@code escalatesTo} names a known group of a higher line (2nd line escalates to 3rd line), so an escalation path
     * never loops. Checked once every support group is known.
     */
    private void escalation(YamlNode at, Optional<String> id, Optional<Integer> line, String to) {
        if (id.isPresent() && id.get().equals(to)) {
            at.problem("support group '" + to + "' cannot escalate to itself");
            return;
        }
        deferred.add(() -> {
            YamlNode target = supportGroupIds.get(to);
            if (target == null) {
                at.problem("unknown support group '" + to + "'");
                return;
            }
            Optional<Integer> targetLine = supportGroupLines.getOrDefault(to, Optional.empty());
            if (line.isPresent() && targetLine.isPresent() && targetLine.get() <= line.get()) {
                at.problem("escalatesTo must name a group of a higher line: '" + to + "' is line " + targetLine.get()
                        + ", this group is line " + line.get());
            }
        });
    }

    private Optional<CustomerGroup> customerGroup(YamlNode n) {
        Map<String, YamlNode> f = n.fields(CUSTOMER_GROUP);
        Optional<String> id = id(f, n, customerGroupIds, "customer group");
        Optional<String> name = required(f, n, "name");
        Optional<Agreement> agreement = enumOf(f, n, "agreement", Agreement.class, Agreement.STANDARD);
        boolean pilot = f.containsKey("pilot") && f.get("pilot").bool().orElse(false);
        requireKnown(f, "uses", componentIds, "component");
        List<String> uses = idList(f, "uses");
        if (id.isEmpty() || name.isEmpty() || agreement.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CustomerGroup(id.get(), name.get(), agreement.get(), pilot, uses));
    }

    private Optional<Component> component(YamlNode n) {
        Map<String, YamlNode> f = n.fields(COMPONENT);
        Optional<String> id = id(f, n, componentIds, "component");
        Optional<String> name = required(f, n, "name");
        Optional<String> category = required(f, n, "category");
        Optional<ComponentKind> kind = enumOf(f, n, "kind", ComponentKind.class, ComponentKind.SERVICE);
        String description = optional(f, "description").orElse("");
        Optional<String> supportGroup = optional(f, "supportGroup");
        if (f.containsKey("supportGroup")) {
            YamlNode sg = f.get("supportGroup");
            supportGroup.ifPresent(v -> deferred.add(() -> {
                if (!supportGroupIds.containsKey(v)) {
                    sg.problem("unknown support group '" + v + "'");
                }
            }));
        }
        requireKnown(f, "dependsOn", componentIds, "component");
        List<String> deps = idList(f, "dependsOn");
        id.ifPresent(i -> {
            dependsOn.put(i, deps);
            dependsOnNodes.put(i, f.getOrDefault("dependsOn", n));
            if (deps.contains(i)) {
                f.get("dependsOn").problem("component '" + i + "' cannot depend on itself");
            }
        });
        List<Check> checks = new ArrayList<>();
        if (f.containsKey("checks")) {
            for (YamlNode c : f.get("checks").items()) {
                check(c, id.orElse("?")).ifPresent(checks::add);
            }
        }
        Map<String, String> labels = f.containsKey("labels") ? f.get("labels").stringMap() : Map.of();
        boolean autoResolve = !f.containsKey("autoResolve") || f.get("autoResolve").bool().orElse(true);
        boolean thirdParty = f.containsKey("thirdParty") && f.get("thirdParty").bool().orElse(false);
        if (id.isEmpty() || name.isEmpty() || category.isEmpty() || kind.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Component(id.get(), name.get(), description, kind.get(), category.get(),
                supportGroup.orElse(null), deps, checks, labels, autoResolve, thirdParty));
    }

    private Optional<Check> check(YamlNode n, String componentId) {
        Map<String, YamlNode> all = n.fields(union());
        Optional<CheckType> type = enumOf(all, n, "type", CheckType.class, null);
        if (type.isPresent()) {
            for (Map.Entry<String, YamlNode> e : all.entrySet()) {
                if (!CHECK_COMMON.contains(e.getKey()) && !CHECK_FIELDS.get(type.get()).contains(e.getKey())) {
                    e.getValue().problem("field '" + e.getKey() + "' does not apply to a " + type.get().id()
                            + " check; it takes " + CHECK_FIELDS.get(type.get()));
                }
            }
        }
        Optional<String> id = id(all, n, checkIds, "check");
        Optional<Duration> interval = duration(all, "interval", DEFAULT_INTERVAL);
        Optional<Duration> timeout = duration(all, "timeout", DEFAULT_TIMEOUT);
        int failures = all.containsKey("failuresToDown") ? all.get("failuresToDown").integer(1, 100).orElse(-1)
                : DEFAULT_FAILURES_TO_DOWN;
        int successes = all.containsKey("successesToRecover")
                ? all.get("successesToRecover").integer(1, 100).orElse(-1) : DEFAULT_SUCCESSES_TO_RECOVER;
        Integer quorum = all.containsKey("quorum") ? all.get("quorum").integer(1, 20).orElse(-1) : null;
        if (interval.isPresent() && timeout.isPresent() && timeout.get().compareTo(interval.get()) > 0) {
            // Reported on the timeout when it is given, else on the interval (the default timeout is too long for it).
            YamlNode where = all.containsKey("timeout") ? all.get("timeout") : all.getOrDefault("interval", n);
            where.problem("timeout " + Durations.format(timeout.get()) + (all.containsKey("timeout") ? "" : " (the default)")
                    + " is longer than the interval " + Durations.format(interval.get()));
        }
        if (interval.isPresent() && interval.get().compareTo(Duration.ofSeconds(1)) < 0) {
            all.get("interval").problem("interval must be at least 1s");
        }
        Optional<CheckSpec> spec = type.flatMap(t -> switch (t) {
            case HTTP -> http(all, n);
            case TCP -> tcp(all, n);
            case DNS -> dns(all, n);
            case HEARTBEAT -> heartbeat(all, n);
            case SUPPLIER -> supplier(all, n);
        });
        if (id.isEmpty() || interval.isEmpty() || timeout.isEmpty() || failures < 0 || successes < 0
                || (quorum != null && quorum < 0) || spec.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Check(id.get(), componentId, interval.get(), timeout.get(), failures, successes,
                spec.get(), quorum));
    }

    private static Set<String> union() {
        Set<String> all = new LinkedHashSet<>(CHECK_COMMON);
        CHECK_FIELDS.values().forEach(all::addAll);
        return all;
    }

    private Optional<CheckSpec> supplier(Map<String, YamlNode> f, YamlNode n) {
        Optional<URI> url = httpUrl(f, n);
        Optional<CheckSpec.SupplierFormat> format = required(f, n, "format").flatMap(v -> {
            try {
                return Optional.of(CheckSpec.SupplierFormat.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                f.get("format").problem("'" + v + "' is not one of [statuspage, atom, rss]");
                return Optional.empty();
            }
        });
        Optional<String> component = optional(f, "component");
        if (url.isEmpty() || format.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CheckSpec.Supplier(url.get(), format.get(), component));
    }

    /** The required {@code url} field: an absolute http(s) URL with a host. */
    private Optional<URI> httpUrl(Map<String, YamlNode> f, YamlNode n) {
        return required(f, n, "url").flatMap(u -> {
            try {
                URI uri = new URI(u);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    f.get("url").problem("'" + u + "' is not an http:// or https:// URL");
                    return Optional.empty();
                }
                if (uri.getHost() == null || uri.getHost().isBlank()) {
                    f.get("url").problem("'" + u + "' has no host");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (URISyntaxException e) {
                f.get("url").problem("'" + u + "' is not a valid URL: " + e.getReason());
                return Optional.empty();
            }
        });
    }

    private Optional<CheckSpec> http(Map<String, YamlNode> f, YamlNode n) {
        Optional<URI> url = httpUrl(f, n);
        String method = optional(f, "method").map(m -> m.toUpperCase(Locale.ROOT)).orElse("GET");
        if (!Set.of("GET", "HEAD", "POST", "OPTIONS").contains(method)) {
            f.get("method").problem("'" + method + "' is not one of [GET, HEAD, POST, OPTIONS]");
        }
        Set<Integer> expect = new LinkedHashSet<>();
        if (f.containsKey("expectStatus")) {
            f.get("expectStatus").items().forEach(i -> i.integer(100, 599).ifPresent(expect::add));
        } else {
            expect.add(200);
        }
        Optional<Pattern> regex = optional(f, "bodyRegex").flatMap(r -> {
            try {
                return Optional.of(Pattern.compile(r));
            } catch (PatternSyntaxException e) {
                f.get("bodyRegex").problem("not a valid regular expression: " + e.getDescription());
                return Optional.empty();
            }
        });
        Optional<String> jsonField = optional(f, "jsonField");
        Optional<String> jsonEquals = optional(f, "jsonEquals");
        if (jsonField.isPresent() != jsonEquals.isPresent()) {
            n.problem("jsonField and jsonEquals go together: give both or neither");
        }
        Optional<Duration> maxLatency = duration(f, "maxLatency", null);
        int warnDays = f.containsKey("certExpiryWarnDays") ? f.get("certExpiryWarnDays").integer(0, 365).orElse(0)
                : DEFAULT_CERT_WARN_DAYS;
        boolean keepAlive = f.containsKey("keepAlive") && f.get("keepAlive").bool().orElse(false);
        Map<String, String> headers = f.containsKey("headers") ? f.get("headers").stringMap() : Map.of();
        Optional<String> caFile = optional(f, "tlsCaFile");
        caFile.filter(c -> !java.nio.file.Files.isReadable(java.nio.file.Path.of(c)))
                .ifPresent(c -> f.get("tlsCaFile").problem("cannot read the CA file '" + c + "'"));
        return url.map(u -> new CheckSpec.Http(u, method, headers, expect, optional(f, "bodyContains"), regex,
                jsonField, jsonEquals, maxLatency, warnDays, keepAlive, caFile));
    }

    private Optional<CheckSpec> tcp(Map<String, YamlNode> f, YamlNode n) {
        Optional<String> host = required(f, n, "host");
        Optional<Integer> port = f.containsKey("port") ? f.get("port").integer(1, 65535) : Optional.empty();
        if (!f.containsKey("port")) {
            n.problem("required field 'port' is missing");
        }
        if (host.isEmpty() || port.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CheckSpec.Tcp(host.get(), port.get()));
    }

    private Optional<CheckSpec> dns(Map<String, YamlNode> f, YamlNode n) {
        Optional<String> name = required(f, n, "name");
        Optional<String> server = optional(f, "server");
        server.ifPresent(s -> {
            int colon = s.lastIndexOf(':');
            try {
                int port = colon < 0 ? 53 : Integer.parseInt(s.substring(colon + 1));
                if (port < 1 || port > 65535 || (colon >= 0 && s.substring(0, colon).isBlank())) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                f.get("server").problem("'" + s + "' is not host or host:port");
            }
        });
        List<String> expect = idList(f, "expect");
        return name.map(nm -> new CheckSpec.Dns(nm, server, expect));
    }

    private Optional<CheckSpec> heartbeat(Map<String, YamlNode> f, YamlNode n) {
        Optional<String> hash = required(f, n, "tokenSha256").flatMap(h -> {
            if (!SHA256_HEX.matcher(h).matches()) {
                f.get("tokenSha256").problem("expected the SHA-256 of the token as 64 lower-case hex digits");
                return Optional.empty();
            }
            return Optional.of(h);
        });
        Optional<Duration> grace = duration(f, "grace", Duration.ofSeconds(5));
        if (hash.isEmpty() || grace.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CheckSpec.Heartbeat(hash.get(), grace.get()));
    }

    /** Reports every dependency cycle once, as a path, at the first component of the cycle. */
    private void findCycles() {
        Map<String, Integer> color = new HashMap<>();
        for (String start : dependsOn.keySet()) {
            visit(start, color, new ArrayList<>());
        }
    }

    private void visit(String id, Map<String, Integer> color, List<String> stack) {
        Integer c = color.getOrDefault(id, 0);
        if (c == 2 || !dependsOn.containsKey(id)) {
            return;
        }
        if (c == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(id), stack.size()));
            cycle.add(id);
            dependsOnNodes.get(id).problem("dependency cycle: " + String.join(" -> ", cycle));
            return;
        }
        color.put(id, 1);
        stack.add(id);
        for (String dep : dependsOn.get(id)) {
            if (!dep.equals(id)) {
                visit(dep, color, stack);
            }
        }
        stack.remove(stack.size() - 1);
        color.put(id, 2);
    }

    private static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
