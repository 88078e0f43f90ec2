package io.keyrenewal.notification.template;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param templatesDir a folder whose {@code <template>.txt} / {@code <template>.html} files replace the templates
 *                     shipped in the jar, read on every message (no rebuild, no restart); blank: the shipped ones only
 */
@ConfigurationProperties("keyrenewal.notification")
public record TemplateProperties(String templatesDir) {
}
