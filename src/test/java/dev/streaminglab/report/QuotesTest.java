package dev.streaminglab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import dev.streaminglab.measure.Results;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.RunStamp;
import dev.streaminglab.measure.Spread;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuotesTest {
    @Test
    void quotesComeFromTheResultsFile(@TempDir Path root) {
        RunStamp stamp = RunStamp.start("bench", "full").finished();
        new Results(stamp, Map.of(), List.of(Row.of("producer", "baseline", "kit")
                .figure("records_per_sec", Spread.of(List.of(398_605, 452_489, 552_105)))
                .figure("p99_ms", Spread.single(4.25)).fact("records", 1_000_000L)), List.of())
                .write(root.resolve("bench"));
        Quotes q = new Quotes(root);
        assertThat(q.render("kit: {{bench|producer|baseline|kit|records_per_sec}} records/s"))
                .isEqualTo("kit: 452,489 [398,605–552,105] records/s");
        assertThat(q.render("{{bench|producer|baseline|kit|records_per_sec|median}}, p99 "
                + "{{bench|producer|baseline|kit|p99_ms}} ms, {{bench|producer|baseline|kit|fact:records}} records"))
                .isEqualTo("452,489, p99 4.25 (one run) ms, 1,000,000 records");
        assertThat(q.render("{{bench|stamp}}")).startsWith("bench full · commit ");
    }

    @Test
    void aQuoteOfNothingFailsTheRendering(@TempDir Path root) {
        new Results(RunStamp.start("bench", "quick"), Map.of(), List.of(), List.of()).write(root.resolve("bench"));
        assertThatThrownBy(() -> new Quotes(root).render("{{bench|producer|baseline|kit|records_per_sec}}"))
                .isInstanceOf(LabException.class).hasMessageStartingWith("no row producer / baseline / kit");
        assertThatThrownBy(() -> new Quotes(root).render("{{engines|a|b|c|d}}"))
                .isInstanceOf(LabException.class).hasMessageContaining("no results in");
    }
}
