package io.keyrenewal.notification.template;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The templates of the messages, one pair per template name: {@code <name>.txt} (first line {@code Subject: ...},
 * then the plain-text body) and {@code <name>.html}. A file in the operator's templates folder wins over the one
 * shipped in the jar under {@code notification-templates/}. See {@link TemplateText} for the syntax.
 */
@Component
public class MessageTemplates {

    static final String SHIPPED = "notification-templates/";
    private static final String SUBJECT_PREFIX = "Subject:";
    private static final Logger log = LoggerFactory.getLogger(MessageTemplates.class);

    private final Path overrides;

    public MessageTemplates(TemplateProperties properties) {
        String dir = properties.templatesDir();
        this.overrides = dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    public RenderedMessage render(String name, Map<String, String> values) {
        String text = TemplateText.render(load(name + ".txt"), values, value -> value);
        int endOfSubject = text.indexOf('\n');
        String firstLine = endOfSubject < 0 ? text : text.substring(0, endOfSubject);
        if (!firstLine.startsWith(SUBJECT_PREFIX)) {
            throw new IllegalStateException("template " + name + ".txt must start with a line \"" + SUBJECT_PREFIX
                    + " ...\"");
        }
        String subject = firstLine.substring(SUBJECT_PREFIX.length()).strip();
        String body = text.substring(endOfSubject + 1).stripLeading();
        String html = TemplateText.render(load(name + ".html"), values,
                value -> HtmlUtils.htmlEscape(value, StandardCharsets.UTF_8.name()));
        return new RenderedMessage(subject, body, html);
    }

    private String load(String fileName) {
        return override(fileName).orElseGet(() -> shipped(fileName));
    }

    private Optional<String> override(String fileName) {
        if (overrides == null) {
            return Optional.empty();
        }
        Path file = overrides.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            log.debug("template {} from {}", fileName, file);
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("the template " + file + " cannot be read", e);
        }
    }

    private static String shipped(String fileName) {
        try (InputStream in = MessageTemplates.class.getClassLoader().getResourceAsStream(SHIPPED + fileName)) {
            if (in == null) {
                throw new IllegalStateException("no template " + SHIPPED + fileName + " in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the template " + fileName + " cannot be read", e);
        }
    }
}
