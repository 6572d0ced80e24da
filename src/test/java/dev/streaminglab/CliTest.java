package dev.streaminglab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.cluster.ClusterCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CliTest {
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void captureErr() {
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    @Test
    void unknownFlagIsOneLineWithTheWayToHelp() {
        int rc = Cli.run(new ClusterCommand(), "start", "--nodez", "3");
        assertThat(rc).isEqualTo(Cli.USAGE_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("error: Unknown options: '--nodez', '3' (see cluster start --help)");
    }

    @Test
    void labExceptionsPrintTheirMessageWithoutStackTrace() {
        int rc = Cli.run(new ClusterCommand(), "start", "--nodes", "12");
        assertThat(rc).isEqualTo(Cli.FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("error: --nodes must be between 1 and 9, got 12");
    }
}
