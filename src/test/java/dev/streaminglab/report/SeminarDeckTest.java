package dev.streaminglab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.LabException;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The deck's template, without Marp: timed notes on every slide, the modules of the notebooks, and every quoted
 * figure equal to its results file (read here straight from the JSON, not through {@link Quotes}).
 */
class SeminarDeckTest {
    private static final Path RESULTS = ProcessRun.HOME.resolve("docs/results");
    private static final Pattern QUOTE = Pattern.compile("\\{\\{([^{}]+)}}");
    /** A number with the unit of a measurement: such a number must be a quote. */
    private static final Pattern TYPED_MEASUREMENT =
            Pattern.compile("\\d[\\d,.]*\\s?(ms|MB/s|records/s|MiB|GiB|×)(?![\\w/])");

    private final String deck = read(ProcessRun.HOME.resolve("seminar-slides/deck.md"));
    private final List<SeminarDeck.Slide> slides = SeminarDeck.slides(deck);

    @Test
    void everySlideHasTimedSpeakerNotesAndTogetherTheyFillNinetyMinutes() {
        assertThat(slides).allSatisfy(s -> assertThat(s.minutes()).as("minutes of the note of:\n" + s.markdown())
                .isPositive());
        assertThat(slides.stream().mapToDouble(SeminarDeck.Slide::minutes).sum()).isEqualTo(90);
    }

    @Test
    void fortyOrSoSlidesInModulesThatMirrorTheNotebooks() {
        assertThat(slides).hasSizeBetween(35, 45).hasSize(SeminarDeck.countSlides(deck));
        assertThat(SeminarDeck.slidesPerModule(deck).keySet()).containsExactly("Opening", "1 · Cluster",
                "2 · Ingestion", "3 · Processing", "4 · Connect", "5 · Performance", "6 · Limits", "7 · Engines",
                "8 · Operations and cloud", "Close");
    }

    @Test
    void everyQuotedFigureEqualsItsResultsFile() throws IOException {
        List<String> quotes = new ArrayList<>();
        Matcher m = QUOTE.matcher(deck);
        while (m.find()) {
            quotes.add(m.group(1));
        }
        assertThat(quotes).isNotEmpty();
        Quotes rendering = new Quotes(RESULTS);
        for (String quote : quotes) {
            String[] p = quote.split("\\|");
            if (p.length == 2) {
                assertThat(rendering.render("{{" + quote + "}}")).contains(
                        json(p[0]).path("stamp").path("commit").path("commit").asText());
                continue;
            }
            JsonNode row = StreamSupport.stream(json(p[0]).path("rows").spliterator(), false)
                    .filter(r -> r.path("group").asText().equals(p[1]) && r.path("name").asText().equals(p[2])
                            && r.path("arm").asText().equals(p[3]))
                    .findFirst().orElseThrow(() -> new AssertionError("no row for the quote " + quote));
            JsonNode value = p[4].startsWith("fact:") ? row.path("facts").path(p[4].substring(5))
                    : row.path("figures").path(p[4]).path("median");
            String expected = value.isNumber() ? Quotes.number(value.asDouble()) : value.asText();
            assertThat(rendering.render("{{" + quote + "}}")).as(quote).startsWith(expected);
        }
        assertThat(new SeminarDeck(ProcessRun.HOME).render(deck)).doesNotContain("{{");
    }

    @Test
    void noMeasuredNumberIsTypedByHand() {
        String prose = QUOTE.matcher(deck).replaceAll("Q");
        List<String> typed = new ArrayList<>();
        Matcher m = TYPED_MEASUREMENT.matcher(prose);
        while (m.find()) {
            typed.add(m.group());
        }
        assertThat(typed).as("measured numbers typed into deck.md instead of quoted").isEmpty();
    }

    @Test
    void aSlideWithoutNotesAndAQuoteOfNothingAreCaught() {
        List<SeminarDeck.Slide> parsed = SeminarDeck.slides("""
                ---
                marp: true
                ---
                <!-- header: 1 · Cluster -->
                # One
                <!-- 2 min · say this -->
                ---
                <!-- _class: lead -->
                # Two, no notes
                """);
        assertThat(parsed).extracting(SeminarDeck.Slide::module).containsExactly("1 · Cluster", "1 · Cluster");
        assertThat(parsed).extracting(SeminarDeck.Slide::minutes).containsExactly(2.0, 0.0);
        assertThat(parsed.get(1).notes()).isEmpty();
        assertThatThrownBy(() -> new SeminarDeck(ProcessRun.HOME).render("{{faults|faults|no-such|arm|fact:sent}}"))
                .isInstanceOf(LabException.class).hasMessageStartingWith("no row faults / no-such / arm");
        assertThat(TYPED_MEASUREMENT.matcher("p99 of 4.2 ms").find()).isTrue();
        assertThat(TYPED_MEASUREMENT.matcher("a 30 s grace, 1,000 records, 2 min").find()).isFalse();
    }

    private static JsonNode json(String source) {
        try {
            return Json.MAPPER.readTree(RESULTS.resolve(source).resolve("results.json").toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read the results of " + source, e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
