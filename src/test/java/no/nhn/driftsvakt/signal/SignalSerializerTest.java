package no.nhn.driftsvakt.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The direct writer gives byte for byte what Jackson's record serializer and java.time module give. */
class SignalSerializerTest {

    /** As Quarkus configures the mapper: the java.time module, dates as ISO text. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper DIRECT = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .registerModule(new SimpleModule().addSerializer(Signal.class, new SignalSerializer()));

    private static void same(Object value) throws Exception {
        assertEquals(JACKSON.writeValueAsString(value), DIRECT.writeValueAsString(value));
    }

    @Test
    void writesWhatJacksonWritesForEveryField() throws Exception {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "EdiQueueStuck");
        labels.put("fingerprint", "a1b2c3d4e5f60718");
        labels.put("quote\"and\\slash", "line\nbreak\ttab \u0001 æøå ÆØÅ – \u2028 😀 </script>");
        same(new Signal("alertmanager:a1b2:firing:1764230400000", "alertmanager", "svc-0-1-2", SignalState.DOWN,
                "EDI-køen står stille", labels, Instant.parse("2026-11-27T07:50:00Z"), "alertmanager:a1b2"));
        same(new Signal("p-1", "probe", "core", SignalState.DEGRADED, null, null, null, null));
        same(new Signal("p-2", "probe", "core", null, "", Map.of(), Instant.EPOCH, "probe:check-1"));
        same(List.of(new Signal("a", "s", "c", SignalState.UP, "x", Map.of("k", "v"), Instant.ofEpochSecond(1, 1), "k"),
                new Signal("b", "s", "c", SignalState.DOWN, "y", Map.of(), Instant.ofEpochSecond(2, 5_000), "k")));
    }

    @Test
    void writesTimesAsInstantToStringDoes() throws Exception {
        List<Instant> times = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(-1),
                Instant.ofEpochSecond(-1, 999_999_999), Instant.parse("0000-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("-0001-12-31T23:59:59Z"), Instant.MIN, Instant.MAX,
                Instant.parse("2024-02-29T12:00:00.100Z"), Instant.parse("2026-11-27T08:15:00.123456Z"),
                Instant.parse("2026-11-27T08:15:00.000000001Z"), Instant.parse("2026-11-27T08:15:00.010Z")));
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            long seconds = random.nextLong(-62_167_219_200L - 86_400, 253_402_300_800L + 86_400);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            times.add(Instant.ofEpochSecond(seconds, nano));
        }
        for (Instant t : times) {
            assertEquals(t.toString(), SignalSerializer.format(t), () -> t.getEpochSecond() + "s " + t.getNano());
        }
        same(new Signal("t", "s", "c", SignalState.UP, "x", Map.of(), times.get(10), "k"));
    }
}
