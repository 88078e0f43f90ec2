package io.keyrenewal.notification.partner;

import io.keyrenewal.contracts.Require;
import io.keyrenewal.contracts.partner.Attachment;
import io.keyrenewal.contracts.partner.ExpectedConfirmation;
import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.PartnerRole;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one recipient is told, before it is rendered with its template and delivered.
 *
 * @param template             the name of its template pair ({@code <template>.txt}, {@code <template>.html})
 * @param values               the template's placeholders: what happened, what to do, by when, details
 * @param expectedConfirmation what the recipient is asked to publish when done; null if nothing is asked
 */
public record PartnerMessage(NotificationKind kind, PartnerRole recipient, String template, Map<String, String> values,
                             List<Attachment> attachments, ExpectedConfirmation expectedConfirmation) {

    public PartnerMessage {
        Require.present(kind, "kind");
        Require.present(recipient, "recipient");
        Require.text(template, "template");
        values = Map.copyOf(values);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A message of {@code kind} rendered with the template named after the kind, e.g. {@code downtime-proposed}. */
    public static PartnerMessage of(NotificationKind kind, PartnerRole recipient, Map<String, String> values,
                                    List<Attachment> attachments, ExpectedConfirmation expectedConfirmation) {
        return new PartnerMessage(kind, recipient, templateOf(kind), values, attachments, expectedConfirmation);
    }

    public static String templateOf(NotificationKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Values in insertion order; null values are left out so that their template sections disappear. */
    public static Map<String, String> values(String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                values.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return values;
    }
}
