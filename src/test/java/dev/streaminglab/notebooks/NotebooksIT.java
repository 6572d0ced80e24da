package dev.streaminglab.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook headless with the kit's Java kernel against the test cluster, the way a trainee
 * runs it top to bottom. A failing cell fails the test. With {@code -Dnotebooks.update=true} (./lab notebooks)
 * the executed notebooks replace the committed ones, outputs included.
 */
class NotebooksIT {
    private static final Path NOTEBOOKS = ProcessRun.HOME.resolve("notebooks");
    private static final Duration DEADLINE = Duration.ofMinutes(15);
    private static final Duration KERNEL_STARTUP = Duration.ofSeconds(60);

    static Stream<String> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(NOTEBOOKS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("notebooks")
    void runsTopToBottom(String notebook) throws IOException {
        boolean update = Boolean.getBoolean("notebooks.update");
        Path outDir = update ? NOTEBOOKS : ProcessRun.HOME.resolve("target/notebooks");
        Files.createDirectories(outDir);
        Map<String, String> env = Map.of("LAB_BOOTSTRAP", SharedCluster.connection().bootstrap(),
                "LAB_HOME", ProcessRun.HOME.toString(),
                "JUPYTER_PATH", ProcessRun.HOME.resolve(".work/jupyter").toString());
        List<String> command = List.of("jupyter", "nbconvert", "--to", "notebook", "--execute",
                "--ExecutePreprocessor.kernel_name=streaming-lab",
                "--ExecutePreprocessor.startup_timeout=" + KERNEL_STARTUP.toSeconds(),
                "--ExecutePreprocessor.timeout=" + DEADLINE.toSeconds(),
                "--output-dir", outDir.toString(), NOTEBOOKS.resolve(notebook).toString());
        ProcessRun r = ProcessRun.run(DEADLINE, env, command);
        // rapaio-jupyter-kernel 3.0.1 now and then never answers its first kernel_info_request (seen here in
        // about 1 start of 6), or dies before it (seen once in a loaded full run); a fresh kernel always did, so a
        // start that fails before the first cell is tried again, up to twice.
        for (int retry = 0; retry < 2 && r.exitCode() != 0 && kernelFailedToStart(r.stderr()); retry++) {
            r = ProcessRun.run(DEADLINE, env, command);
        }
        assertThat(r.exitCode()).as("nbconvert failed for %s:%n%s", notebook, tail(r.stderr())).isZero();

        JsonNode executed = new ObjectMapper().readTree(outDir.resolve(notebook).toFile());
        long codeCells = 0;
        for (JsonNode cell : executed.get("cells")) {
            if (cell.get("cell_type").asText().equals("code")) {
                codeCells++;
                assertThat(cell.get("execution_count").isNull()).as("a code cell of %s did not run", notebook).isFalse();
                for (JsonNode out : cell.get("outputs")) {
                    assertThat(out.get("output_type").asText()).as("error output in %s", notebook).isNotEqualTo("error");
                }
            }
        }
        assertThat(codeCells).as("%s has no code", notebook).isPositive();
    }

    private static boolean kernelFailedToStart(String stderr) {
        return stderr.contains("Kernel didn't respond") || stderr.contains("Kernel died before replying to kernel_info");
    }

    private static String tail(String s) {
        String[] lines = s.split("\n");
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
    }
}
