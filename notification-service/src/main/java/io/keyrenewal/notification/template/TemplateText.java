package io.keyrenewal.notification.template;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The placeholder syntax of message templates: {@code {{name}}} is replaced by the value of {@code name};
 * {@code {{#name}}...{{/name}}} is kept only if {@code name} has a non-blank value. A placeholder without a value
 * becomes empty.
 *
 * <p>Written here rather than with a Mustache library (jmustache is to be had): that one reads more than
 * docs/partners.md promises operators (partials, unescaped {@code {{{name}}}}, lines trimmed around sections) and
 * throws on a template with a typo, where this renders what it can.
 */
final class TemplateText {

    private static final Pattern SECTION = Pattern.compile("\\{\\{#(\\w+)}}(.*?)\\{\\{/\\1}}", Pattern.DOTALL);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private TemplateText() {
    }

    static String render(String template, Map<String, String> values, UnaryOperator<String> escape) {
        String withSections = SECTION.matcher(template).replaceAll(section -> {
            String value = values.get(section.group(1));
            return value == null || value.isBlank() ? "" : Matcher.quoteReplacement(section.group(2));
        });
        return PLACEHOLDER.matcher(withSections).replaceAll(placeholder -> {
            String value = values.get(placeholder.group(1));
            return Matcher.quoteReplacement(value == null ? "" : escape.apply(value));
        });
    }
}
