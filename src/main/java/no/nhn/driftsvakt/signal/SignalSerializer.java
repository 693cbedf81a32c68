package no.nhn.driftsvakt.signal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link Signal} exactly as Jackson's record serializer with the java.time module does (the fields in
 * declaration order, nulls as null, the state lower-case, the time as {@link Instant#toString()}), without its
 * reflective property writers, map serializer and {@link java.time.format.DateTimeFormatter}: every signal taken in is
 * written once more for Kafka, and that generic path was a fifth of the webhook intake's CPU (bench/README.md).
 * Registered on the application's mapper by {@code platform.JsonSetup}; {@code SignalSerializerTest} holds it to
 * Jackson's own output.
 */
public final class SignalSerializer extends StdSerializer<Signal> {

    private static final long serialVersionUID = 1L;

    private static final SerializableString ID = new SerializedString("id");
    private static final SerializableString SOURCE = new SerializedString("source");
    private static final SerializableString COMPONENT = new SerializedString("component");
    private static final SerializableString STATE = new SerializedString("state");
    private static final SerializableString SUMMARY = new SerializedString("summary");
    private static final SerializableString LABELS = new SerializedString("labels");
    private static final SerializableString AT = new SerializedString("at");
    private static final SerializableString SOURCE_KEY = new SerializedString("sourceKey");

    /** Years 0000-9999: printed as four digits; outside them {@link Instant#toString()} adds a sign or digits. */
    private static final long FIRST_SECOND = -62_167_219_200L;
    private static final long END_SECOND = 253_402_300_800L;

    public SignalSerializer() {
        super(Signal.class);
    }

    @Override
    public void serialize(Signal s, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeStartObject(s);
        string(g, ID, s.id());
        string(g, SOURCE, s.source());
        string(g, COMPONENT, s.component());
        string(g, STATE, s.state() == null ? null : s.state().wire());
        string(g, SUMMARY, s.summary());
        g.writeFieldName(LABELS);
        g.writeStartObject();
        for (Map.Entry<String, String> e : s.labels().entrySet()) { // never null (Signal's constructor)
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        string(g, AT, s.at() == null ? null : format(s.at()));
        string(g, SOURCE_KEY, s.sourceKey());
        g.writeEndObject();
    }

    private static void string(JsonGenerator g, SerializableString name, String value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeString(value);
        }
    }

    /** {@link Instant#toString()} (ISO-8601, UTC, the fraction in groups of three digits as needed), faster. */
    static String format(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_SECOND || seconds >= END_SECOND) {
            return t.toString();
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int ofDay = (int) Math.floorMod(seconds, 86_400);
        int nano = t.getNano();
        int digits = nano == 0 ? 0 : nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
        char[] c = new char[20 + (digits == 0 ? 0 : 1 + digits)];
        put(c, 0, day.getYear(), 4);
        c[4] = '-';
        put(c, 5, day.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, day.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, ofDay / 3600, 2);
        c[13] = ':';
        put(c, 14, ofDay / 60 % 60, 2);
        c[16] = ':';
        put(c, 17, ofDay % 60, 2);
        int at = 19;
        if (digits > 0) {
            c[at++] = '.';
            put(c, at, nano / (digits == 3 ? 1_000_000 : digits == 6 ? 1_000 : 1), digits);
            at += digits;
        }
        c[at] = 'Z';
        return new String(c);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at {@code c[from]}. */
    private static void put(char[] c, int from, int value, int width) {
        for (int i = from + width - 1; i >= from; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
