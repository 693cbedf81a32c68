package no.nhn.driftsvakt.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CatalogParserTest {

    private static final Map<String, String> CONFIG = Map.of("driftsvakt.simulator.base-url", "http://localhost:8080");

    private static Catalog parse(String yaml) {
        return CatalogParser.parse("catalog.yaml", yaml, k -> Optional.ofNullable(CONFIG.get(k)));
    }

    private static List<String> problems(String yaml) {
        CatalogException e = assertThrows(CatalogException.class, () -> parse(yaml));
        return e.problems().stream().map(CatalogProblem::toString).toList();
    }

    private static String demo() throws IOException {
        try (InputStream in = CatalogParserTest.class.getClassLoader()
                .getResourceAsStream("catalog/demo-catalog.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void demoCatalogIsValidAndModelsNhn() throws IOException {
        Catalog c = parse(demo());

        assertTrue(c.components().size() >= 12, "components: " + c.components().size());
        assertTrue(c.component("dmvpn-hub-oslo").isPresent());
        assertEquals(List.of("kjernenett-oslo", "linje-telenor"), c.component("dmvpn-hub-oslo").get().dependsOn());
        assertEquals("http://localhost:8080/sim/helseid/health",
                ((CheckSpec.Http) c.check("helseid-http").get().spec()).url().toString());
        assertTrue(c.upstreamOf("edi").contains("kjernenett-oslo"), "transitive upstream");
        assertTrue(c.customerGroupsAffectedBy("kjernenett-oslo").stream().anyMatch(g -> g.id().equals("apotek")));
    }

    @Test
    void checkDefaultsApply() {
        Catalog c = parse("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-tcp
                        type: tcp
                        host: localhost
                        port: 80
                """);
        Check k = c.check("a-tcp").get();
        assertEquals(Duration.ofSeconds(30), k.interval());
        assertEquals(Duration.ofSeconds(5), k.timeout());
        assertEquals(3, k.failuresToDown());
        assertEquals(2, k.successesToRecover());
        assertEquals(null, k.quorum(), "no quorum of its own: the deployment's applies");
    }

    @Test
    void aCheckMayNameItsOwnQuorumOfProbeLocations() {
        Catalog c = parse("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-tcp
                        type: tcp
                        host: localhost
                        port: 80
                        quorum: 2
                """);
        assertEquals(2, c.check("a-tcp").get().quorum());

        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-tcp
                        type: tcp
                        host: localhost
                        port: 80
                        quorum: 0
                """);
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).contains("catalog.yaml:10"), p.toString());
    }

    @Test
    void aSupplierCheckReadsTheSuppliersOwnStatusAndItsMistakesAreNamed() {
        Catalog c = parse("""
                components:
                  - id: acme
                    name: Acme API
                    category: Leverandører
                    thirdParty: true
                    checks:
                      - id: acme-status
                        type: supplier
                        url: https://status.acme.example/api/v2/summary.json
                        format: statuspage
                        component: API
                """);
        CheckSpec.Supplier s = (CheckSpec.Supplier) c.check("acme-status").get().spec();
        assertEquals(CheckSpec.SupplierFormat.STATUSPAGE, s.format());
        assertEquals(Optional.of("API"), s.component());
        assertEquals("status.acme.example", s.url().getHost());

        List<String> p = problems("""
                components:
                  - id: acme
                    name: Acme API
                    category: Leverandører
                    checks:
                      - id: acme-status
                        type: supplier
                        url: ftp://status.acme.example/feed
                        format: json
                """);
        assertTrue(p.contains("catalog.yaml:8: components[0].checks[0].url: 'ftp://status.acme.example/feed' is not an "
                + "http:// or https:// URL"), p.toString());
        assertTrue(p.contains("catalog.yaml:9: components[0].checks[0].format: 'json' is not one of [statuspage, atom, "
                + "rss]"), p.toString());
    }

    @Test
    void aShortIntervalWithTheDefaultTimeoutIsNamedOnTheInterval() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-tcp
                        type: tcp
                        host: localhost
                        port: 80
                        interval: 2s
                """);
        assertEquals(List.of("catalog.yaml:10: components[0].checks[0].interval: timeout 5s (the default) is longer than "
                + "the interval 2s"), p);
    }

    @Test
    void duplicateComponentIdNamesBothLines() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                  - id: a
                    name: A again
                    category: X
                """);
        assertEquals(List.of("catalog.yaml:5: components[1].id: duplicate component id 'a' (first defined on line 2)"), p);
    }

    @Test
    void unknownDependencyAndSupportGroupAreNamed() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    supportGroup: nobody
                    dependsOn: [b, ghost]
                  - id: b
                    name: B
                    category: X
                """);
        assertTrue(p.contains("catalog.yaml:5: components[0].supportGroup: unknown support group 'nobody'"), p.toString());
        assertTrue(p.contains("catalog.yaml:6: components[0].dependsOn[1]: unknown component 'ghost'"), p.toString());
        assertEquals(2, p.size(), p.toString());
    }

    @Test
    void dependencyCycleIsReportedAsAPath() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    dependsOn: [b]
                  - id: b
                    name: B
                    category: X
                    dependsOn: [c]
                  - id: c
                    name: C
                    category: X
                    dependsOn: [a]
                """);
        assertEquals(List.of("catalog.yaml:5: components[0].dependsOn: dependency cycle: a -> b -> c -> a"), p);
    }

    @Test
    void selfDependencyIsRejected() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    dependsOn: [a]
                """);
        assertTrue(p.get(0).contains("cannot depend on itself"), p.toString());
    }

    @Test
    void badDurationAndBadUrlAreNamedWithLineAndField() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-http
                        type: http
                        url: ftp://example.org/x
                        interval: 30 seconds
                """);
        assertTrue(p.contains("catalog.yaml:8: components[0].checks[0].url: 'ftp://example.org/x' is not an http:// or https:// URL"), p.toString());
        assertTrue(p.contains("catalog.yaml:9: components[0].checks[0].interval: '30 seconds' is not a duration; write e.g. 500ms, 30s, 5m, 2h or 7d"), p.toString());
    }

    @Test
    void unknownFieldAndFieldOfAnotherCheckTypeAreRejected() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    colour: red
                    checks:
                      - id: a-tcp
                        type: tcp
                        host: localhost
                        port: 80
                        url: http://localhost/
                """);
        assertTrue(p.stream().anyMatch(s -> s.startsWith("catalog.yaml:5: components[0].colour: unknown field 'colour'")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("catalog.yaml:11: components[0].checks[0].url: field 'url' does not apply to a tcp check")), p.toString());
    }

    @Test
    void customerGroupUsingUnknownComponentIsRejected() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                customerGroups:
                  - id: gp
                    name: Fastleger
                    agreement: gold
                    uses: [a, b]
                """);
        assertTrue(p.contains("catalog.yaml:8: customerGroups[0].agreement: 'gold' is not one of [standard, extended]"), p.toString());
        assertTrue(p.contains("catalog.yaml:9: customerGroups[0].uses[1]: unknown component 'b'"), p.toString());
    }

    @Test
    void syntaxErrorNamesTheLine() {
        List<String> p = problems("components:\n  - id: a\n    name: [unclosed\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("catalog.yaml:4: (syntax): not valid YAML"), p.toString());
    }

    @Test
    void placeholderWithoutValueOrDefaultIsRejected() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-tcp
                        type: tcp
                        host: ${nowhere.host}
                        port: ${nowhere.port:25}
                """);
        assertEquals(List.of("catalog.yaml:8: components[0].checks[0].host: placeholder ${nowhere.host} has no value and no default"), p);
    }

    @Test
    void timeoutLongerThanIntervalAndBadHeartbeatHashAreRejected() {
        List<String> p = problems("""
                components:
                  - id: a
                    name: A
                    category: X
                    checks:
                      - id: a-hb
                        type: heartbeat
                        tokenSha256: not-a-hash
                        interval: 10s
                        timeout: 20s
                """);
        assertTrue(p.stream().anyMatch(s -> s.contains("timeout 20s is longer than the interval 10s")), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("tokenSha256: expected the SHA-256")), p.toString());
    }

    @Test
    void durationsParseAndFormat() {
        assertEquals(Optional.of(Duration.ofMillis(500)), Durations.parse("500ms"));
        assertEquals(Optional.of(Duration.ofMinutes(5)), Durations.parse("5m"));
        assertEquals(Optional.empty(), Durations.parse("0s"));
        assertEquals(Optional.empty(), Durations.parse("-1s"));
        assertEquals("2h", Durations.format(Duration.ofHours(2)));
    }

    @Test
    void aSupportGroupEscalatesToAKnownGroupOfAHigherLine() {
        Catalog c = parse("""
                supportGroups:
                  - id: nett
                    name: Nett
                    line: 2
                    contact: nett@nhn.test
                    escalatesTo: spes
                  - id: spes
                    name: Spesialister
                    line: 3
                components:
                  - { id: a, name: A, category: X, supportGroup: nett }
                """);
        assertEquals("spes", c.supportGroup("nett").get().escalatesTo());
        assertEquals(null, c.supportGroup("spes").get().escalatesTo(), "optional");
        assertEquals(List.of("nett", "spes"), c.escalationPath("nett").stream().map(SupportGroup::id).toList());
        assertEquals(List.of(), c.escalationPath("nobody"));
    }

    @Test
    void escalatesToMistakesAreNamedWithTheirLine() {
        List<String> p = problems("""
                supportGroups:
                  - id: nett
                    name: Nett
                    line: 2
                    escalatesTo: ukjent
                  - id: plattform
                    name: Plattform
                    line: 2
                    escalatesTo: nett
                  - id: spes
                    name: Spesialister
                    line: 3
                    escalatesTo: spes
                  - id: spes2
                    name: Spesialister 2
                    line: 3
                    escalatesTo: nett
                components:
                  - { id: a, name: A, category: X }
                """);
        assertTrue(p.contains("catalog.yaml:5: supportGroups[0].escalatesTo: unknown support group 'ukjent'"),
                p.toString());
        assertTrue(p.contains("catalog.yaml:9: supportGroups[1].escalatesTo: escalatesTo must name a group of a higher "
                + "line: 'nett' is line 2, this group is line 2"), p.toString());
        assertTrue(p.contains("catalog.yaml:13: supportGroups[2].escalatesTo: support group 'spes' cannot escalate to "
                + "itself"), p.toString());
        assertTrue(p.contains("catalog.yaml:17: supportGroups[3].escalatesTo: escalatesTo must name a group of a higher "
                + "line: 'nett' is line 2, this group is line 3"), p.toString());
        assertEquals(4, p.size(), p.toString());
    }
}
