package io.keyrenewal.localstack.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.keyrenewal.contracts.ContractJson;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's results as sections of rows (key, label, value), written three ways from the same rows: readable
 * text for the terminal, Markdown tables and JSON ({@code {"section": {"key": value}}}).
 */
final class Report {

    /** One figure: {@code key} names it in JSON, {@code label} on screen and in Markdown. */
    record Row(String key, String label, Object value) {
    }

    static final class Section {
        private final String key;
        private final String title;
        private final List<Row> rows = new ArrayList<>();

        private Section(String key, String title) {
            this.key = key;
            this.title = title;
        }

        Section row(String key, String label, Object value) {
            rows.add(new Row(key, label, value));
            return this;
        }

        List<Row> rows() {
            return List.copyOf(rows);
        }
    }

    private static final int INLINE_WIDTH = 110;

    private final String title;
    private final List<Section> sections = new ArrayList<>();

    Report(String title) {
        this.title = title;
    }

    /** The section of {@code key}, added at the end if it is new. */
    Section section(String key, String title) {
        for (Section section : sections) {
            if (section.key.equals(key)) {
                return section;
            }
        }
        Section section = new Section(key, title);
        sections.add(section);
        return section;
    }

    /** The rows of section {@code key} (none if there is no such section). */
    List<Row> sectionRows(String key) {
        return sections.stream().filter(section -> section.key.equals(key)).findFirst().map(Section::rows)
                .orElse(List.of());
    }

    String text() {
        StringBuilder text = new StringBuilder(title).append('\n');
        for (Section section : sections) {
            text.append('\n').append(section.title).append('\n');
            int width = section.rows.stream().mapToInt(row -> row.label().length()).max().orElse(0);
            for (Row row : section.rows) {
                text.append("  ").append(String.format(Locale.ROOT, "%-" + width + "s", row.label())).append("  ")
                        .append(display(row.value()).replace("\n", "\n  " + " ".repeat(width + 2))).append('\n');
            }
        }
        return text.toString();
    }

    String markdown() {
        StringBuilder markdown = new StringBuilder("# ").append(title).append('\n');
        for (Section section : sections) {
            markdown.append("\n## ").append(section.title).append("\n\n| figure | value |\n|---|---|\n");
            for (Row row : section.rows) {
                markdown.append("| ").append(row.label()).append(" | ")
                        .append(display(row.value()).replace("|", "\\|").replace("\n", "<br>")).append(" |\n");
            }
        }
        return markdown.toString();
    }

    String json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        for (Section section : sections) {
            Map<String, Object> rows = new LinkedHashMap<>();
            section.rows.forEach(row -> rows.put(row.key(), row.value()));
            json.put(section.key, rows);
        }
        try {
            return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    private static String display(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double number) {
            return String.format(Locale.ROOT, Math.abs(number) < 1 && number != 0 ? "%.3g" : "%,.1f", number);
        }
        if (value instanceof Long || value instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", value);
        }
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty()) {
                return "none";
            }
            List<String> entries = new ArrayList<>();
            map.forEach((name, inner) -> entries.add(name + ": " + display(inner)));
            String oneLine = String.join(", ", entries);
            boolean flat = map.values().stream()
                    .noneMatch(inner -> inner instanceof Map<?, ?> || inner instanceof List<?>);
            return flat && oneLine.length() <= INLINE_WIDTH ? oneLine : String.join("\n", entries);
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "none" : String.join("\n", list.stream().map(Report::display).toList());
        }
        return value.toString();
    }
}
