package io.keyrenewal.renewal.dryrun;

import io.keyrenewal.contracts.partner.NotificationKind;
import io.keyrenewal.contracts.renewal.RenewalEvent;
import io.keyrenewal.renewal.dryrun.WhoIsTold.Recipient;
import io.keyrenewal.renewal.dryrun.WhoIsTold.Told;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dry run's table of who is told what is docs/partners.md's table of the partner messages ("kind | to | after"),
 * row for row: an event documented to notify someone without a row in the table fails here, and so does a row the
 * documentation does not have.
 */
class WhoIsToldTest {

    private static final Pattern NAME = Pattern.compile("`([A-Za-z_]+)`");

    @Test
    void theTableIsTheDocumentedOne() throws IOException {
        Map<Class<? extends RenewalEvent>, Told> documented = documented();

        assertThat(documented).as("docs/partners.md is read").hasSizeGreaterThan(20);
        assertThat(WhoIsTold.table()).containsExactlyInAnyOrderEntriesOf(documented);
    }

    /** Each event of the "after" column, with the recipient of the "to" column and its kind of the "kind" column. */
    private static Map<Class<? extends RenewalEvent>, Told> documented() throws IOException {
        String partners = Files.readString(Path.of("..", "docs", "partners.md"));
        String section = partners.substring(partners.indexOf("## Partner messages"));
        List<String> rows = section.lines().dropWhile(line -> !line.startsWith("| kind |")).skip(2)
                .takeWhile(line -> line.startsWith("|")).toList();
        Map<Class<? extends RenewalEvent>, Told> documented = new HashMap<>();
        for (String row : rows) {
            String[] columns = row.split(" \\| ");
            List<NotificationKind> kinds = names(columns[0]).stream().filter(WhoIsToldTest::isKind)
                    .map(NotificationKind::valueOf).toList();
            List<Class<? extends RenewalEvent>> events = names(columns[2]).stream().map(WhoIsToldTest::event)
                    .filter(java.util.Objects::nonNull).toList();
            Recipient recipient = columns[1].contains("tenant administrator") ? Recipient.TENANT_ADMINISTRATOR
                    : Recipient.PARTNER;
            assertThat(kinds).as(row).isNotEmpty();
            assertThat(events).as(row).hasSizeGreaterThanOrEqualTo(kinds.size());
            for (int i = 0; i < events.size(); i++) {
                // one kind for all the row's events, or one each, in the same order
                documented.put(events.get(i), new Told(recipient, kinds.get(kinds.size() == 1 ? 0 : i)));
            }
        }
        return documented;
    }

    private static List<String> names(String column) {
        Matcher matcher = NAME.matcher(column);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static boolean isKind(String name) {
        return Arrays.stream(NotificationKind.values()).anyMatch(kind -> kind.name().equals(name));
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends RenewalEvent> event(String name) {
        return (Class<? extends RenewalEvent>) Arrays.stream(RenewalEvent.class.getPermittedSubclasses())
                .filter(type -> type.getSimpleName().equals(name)).findFirst().orElse(null);
    }
}
