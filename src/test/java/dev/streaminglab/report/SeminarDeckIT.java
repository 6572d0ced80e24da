package dev.streaminglab.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** The deck builds from the committed figures, notebooks and results, and the PDF has one page per slide. */
class SeminarDeckIT {
    @Test
    void buildsHtmlAndPdfWithEveryFigureItReferences() throws Exception {
        SeminarDeck.Build b = new SeminarDeck(ProcessRun.HOME).build();
        String deck = Files.readString(ProcessRun.HOME.resolve("seminar-slides/deck.md"));
        assertThat(b.slides()).isEqualTo(SeminarDeck.countSlides(deck));
        assertThat(b.pdfPages()).isEqualTo(b.slides());
        assertThat(b.figures()).isNotEmpty().allSatisfy(f ->
                assertThat(ProcessRun.HOME.resolve("seminar-slides").resolve(f)).isRegularFile());
        assertThat(Files.readString(b.html())).contains("Kafka Streaming Lab").doesNotContain("{{");
        assertThat(b.slidesPerModule().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(b.slides());
    }

    @Test
    void countsSlidesAfterTheFrontMatter() {
        assertThat(SeminarDeck.countSlides("---\nmarp: true\n---\n# One\n---\n# Two\n---\n# Three\n")).isEqualTo(3);
        assertThat(SeminarDeck.countSlides("# Only\n")).isEqualTo(1);
    }
}
