package io.keyrenewal.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import io.keyrenewal.contracts.policy.PolicyEvent;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/events.md documents every event type of renewal.events.v1, and every stored policy event, with exactly its
 * fields.
 */
class EventCatalogueTest {

    @Test
    void everyRenewalAndPolicyEventIsDocumentedWithItsFields() throws IOException {
        String catalogue = Files.readString(Path.of("..", "docs", "events.md"));

        for (Class<?> type : Stream.of(RenewalEvent.class, PolicyEvent.class)
                .flatMap(events -> Stream.of(events.getPermittedSubclasses())).toList()) {
            String fields = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                    .map(name -> "`" + name + "`").collect(Collectors.joining(", "));
            assertThat(catalogue).as("docs/events.md row of %s", type.getSimpleName())
                    .containsPattern("(?m)^\\| `" + type.getSimpleName() + "` \\| .+ \\| " + java.util.regex.Pattern
                            .quote(fields) + " \\|$");
        }
        assertThat(RenewalEvent.class.getAnnotation(JsonSubTypes.class).value())
                .hasSameSizeAs(RenewalEvent.class.getPermittedSubclasses());
    }

    @Test
    void noEventHasAFieldNamedLikeTheTypeProperty() {
        for (Class<?> type : RenewalEvent.class.getPermittedSubclasses()) {
            assertThat(type.getRecordComponents()).as("fields of %s ('type' names the event)", type.getSimpleName())
                    .extracting(RecordComponent::getName).doesNotContain("type");
        }
    }
}
