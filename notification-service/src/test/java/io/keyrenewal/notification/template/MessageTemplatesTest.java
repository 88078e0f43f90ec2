package io.keyrenewal.notification.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageTemplatesTest {

    private static final Map<String, String> VALUES = Map.of(
            "salutation", "Hello sender administrator of partner acme,", "alias", "signer", "renewalId", "r-1",
            "whatHappened", "The <tenant> & you", "whatToDo", "Nothing.");

    @Test
    void anOperatorsTemplateInTheTemplatesFolderWinsOverTheShippedOne(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("renewal-completed.txt"),
                "Subject: Done: {{alias}}\nDear {{partner}}: {{whatHappened}}\n");
        Files.writeString(folder.resolve("renewal-completed.html"), "<p>{{whatHappened}}</p>");

        RenderedMessage rendered = new MessageTemplates(new TemplateProperties(folder.toString()))
                .render("renewal-completed", VALUES);

        assertThat(rendered.subject()).isEqualTo("Done: signer");
        assertThat(rendered.text()).isEqualTo("Dear : The <tenant> & you\n");
        assertThat(rendered.html()).isEqualTo("<p>The &lt;tenant&gt; &amp; you</p>");
    }

    @Test
    void escapesEveryCharacterThatMeansSomethingInHtmlAndOnlyThose(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("renewal-completed.txt"), "Subject: Done\n{{whatHappened}}\n");
        Files.writeString(folder.resolve("renewal-completed.html"), "<p title=\"{{whatHappened}}\">{{whatToDo}}</p>");

        RenderedMessage rendered = new MessageTemplates(new TemplateProperties(folder.toString()))
                .render("renewal-completed", Map.of("whatHappened", "\"O'Neil\" <a&b>",
                        "whatToDo", "Grüße, 1=1 `ok`"));

        assertThat(rendered.text()).isEqualTo("\"O'Neil\" <a&b>\n");
        assertThat(rendered.html())
                .isEqualTo("<p title=\"&quot;O&#39;Neil&quot; &lt;a&amp;b&gt;\">Grüße, 1=1 `ok`</p>");
    }

    @Test
    void aTemplateMissingFromTheFolderComesFromTheJar(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("renewal-completed.txt"), "Subject: Done\nshort\n");

        RenderedMessage rendered = new MessageTemplates(new TemplateProperties(folder.toString()))
                .render("renewal-completed", VALUES);

        assertThat(rendered.text()).isEqualTo("short\n");
        assertThat(rendered.html()).startsWith("<!DOCTYPE html>").contains("The &lt;tenant&gt; &amp; you");
    }

    @Test
    void keepsASectionOnlyWhenItsValueIsPresent() {
        String template = "a{{#byWhen}} by {{byWhen}}{{/byWhen}}.";

        assertThat(TemplateText.render(template, Map.of("byWhen", "Friday"), v -> v)).isEqualTo("a by Friday.");
        assertThat(TemplateText.render(template, Map.of(), v -> v)).isEqualTo("a.");
    }

    @Test
    void refusesATextTemplateWithoutASubjectLine(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("renewal-completed.txt"), "no subject here\n");

        assertThatThrownBy(() -> new MessageTemplates(new TemplateProperties(folder.toString()))
                .render("renewal-completed", VALUES)).hasMessageContaining("must start with a line \"Subject:");
    }
}
