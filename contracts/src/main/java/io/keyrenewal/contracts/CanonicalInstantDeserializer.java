package io.keyrenewal.contracts;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.io.Serial;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.Year;

/**
 * Reads the instants contract records are written with ({@code 2025-01-01T00:35:21Z}, with or without a fraction of
 * a second) by hand, and hands every other form to Jackson's own {@link InstantDeserializer}, which decides it as
 * before. Same results, several times faster: the JDK's ISO parser builds a formatter per call, and a replay reads
 * every instant of every stored event.
 */
final class CanonicalInstantDeserializer extends StdScalarDeserializer<Instant> implements ContextualDeserializer {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int SECONDS_PER_DAY = 86_400;
    /** {@code yyyy-MM-ddTHH:mm:ssZ}. */
    private static final int SHORTEST = 20;
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final InstantDeserializer<Instant> STANDARD = InstantDeserializer.INSTANT;

    CanonicalInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant canonical = parse(parser.getText());
            if (canonical != null) {
                return canonical;
            }
        }
        return STANDARD.deserialize(parser, context);
    }

    /** A property with its own {@code @JsonFormat} is read by Jackson's deserializer as configured. */
    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
            throws JsonMappingException {
        JsonDeserializer<?> contextual = STANDARD.createContextual(context, property);
        return contextual == STANDARD ? this : contextual;
    }

    /**
     * The instant {@code text} names if it is in the canonical UTC form with a valid date and time (seconds up to
     * 59, up to nine fraction digits); null for anything else, which is left to Jackson's deserializer.
     */
    static Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':' || text.charAt(length - 1) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int nanos = fraction(text, 19, length - 1);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > Month.of(month).length(Year.isLeap(year))
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return null;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The nanoseconds of {@code .ddd} between {@code from} and {@code to}; 0 if empty, -1 if malformed. */
    private static int fraction(String text, int from, int to) {
        if (from == to) {
            return 0;
        }
        int count = to - from - 1;
        if (text.charAt(from) != '.' || count < 1 || count > MAX_FRACTION_DIGITS) {
            return -1;
        }
        int value = digits(text, from + 1, count);
        if (value < 0) {
            return -1;
        }
        for (int i = count; i < MAX_FRACTION_DIGITS; i++) {
            value *= 10;
        }
        return value;
    }

    /** The decimal number of {@code count} ASCII digits at {@code from}; -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
