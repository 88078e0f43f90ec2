package io.keyrenewal.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hand-written reader of canonical instants answers exactly what Jackson's own deserializer answers. */
class CanonicalInstantDeserializerTest {

    /** Jackson's deserializer alone, as the contracts were read before. */
    private static final ObjectMapper STANDARD = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void readsEveryCanonicalInstantAsJacksonDoes() throws Exception {
        Random random = new Random(7);
        long from = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(from + (long) (random.nextDouble() * (to - from)),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1_000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            String json = '"' + instant.toString() + '"';
            assertThat(CanonicalInstantDeserializer.parse(instant.toString())).isEqualTo(instant);
            assertThat(ContractJson.mapper().readValue(json, Instant.class))
                    .isEqualTo(STANDARD.readValue(json, Instant.class)).isEqualTo(instant);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59Z", "2025-01-01T00:00:00.5Z", "2025-01-01T00:00:00.123456789Z",
            "2025-12-31T23:59:59.000Z", "0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z"})
    void readsLeapDaysFractionsAndTheEdgesOfTheRange(String text) throws Exception {
        assertThat(CanonicalInstantDeserializer.parse(text)).isEqualTo(Instant.parse(text));
    }

    /** Not canonical: handed to Jackson's deserializer, which reads or refuses it as it always did. */
    @ParameterizedTest
    @ValueSource(strings = {"2025-01-01T01:00:00+01:00", "2025-01-01T00:00:60Z", "2025-01-01T24:00:00Z",
            "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-00-10T00:00:00Z", "2025-01-32T00:00:00Z",
            "2025-01-01T00:00:00.1234567891Z", "2025-01-01T00:00:00.Z", "2025-01-01 00:00:00Z",
            "2025-01-01T00:00:00z", " 2025-01-01T00:00:00Z", "+12025-01-01T00:00:00Z", "1735689600",
            "2025-1-01T00:00:00Z", "2025-01-01T0a:00:00Z", "2025-01-01T00:00:00,5Z", "", "not a time"})
    void leavesEveryOtherFormToJackson(String text) {
        assertThat(CanonicalInstantDeserializer.parse(text)).isNull();
        String json = '"' + text + '"';
        Object standard = outcome(STANDARD, json);
        assertThat(outcome(ContractJson.mapper(), json)).isEqualTo(standard);
    }

    @Test
    void numbersAndNullsAreReadAsJacksonReadsThem() throws Exception {
        for (String json : new String[]{"1735689600", "1735689600.5", "null"}) {
            assertThat(ContractJson.mapper().readValue(json, Instant.class))
                    .isEqualTo(STANDARD.readValue(json, Instant.class));
        }
        assertThatThrownBy(() -> ContractJson.mapper().readValue("[1]", Instant.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void isTheInstantDeserializerOfTheContractMapper() throws Exception {
        ObjectMapper mapper = ContractJson.mapper();
        DeserializationContext context = ((DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                .isInstanceOf(CanonicalInstantDeserializer.class);
    }

    /** The instant read, or the kind of failure. */
    private static Object outcome(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, Instant.class);
        } catch (JsonProcessingException e) {
            return e.getClass();
        }
    }
}
