package dev.streaminglab.engines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.LabHome;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/evaluation-criteria.md is exactly what the template and the committed results render to. */
class EvaluationCriteriaTest {
    @Test
    void theCommittedGridIsRenderedFromTheCommittedResults() throws Exception {
        Path home = LabHome.requireCheckout();
        String rendered = EngineGrid.render(Files.readString(home.resolve("docs/evaluation/criteria-template.md")),
                EngineFigures.read(EngineFigures.committed()));
        assertThat(rendered).doesNotContain("{{");
        assertThat(Files.readString(home.resolve("docs/evaluation-criteria.md")))
                .as("docs/evaluation-criteria.md is stale: run Engines.java --render-grid").isEqualTo(rendered);
    }
}
