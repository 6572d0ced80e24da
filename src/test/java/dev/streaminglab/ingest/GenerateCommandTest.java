package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad flags fail before any connection is made, with one line that says what to change. */
class GenerateCommandTest {
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

    private String run(int expectedCode, String... args) {
        assertThat(Cli.run(new GenerateCommand(), args)).isEqualTo(expectedCode);
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void fractionAboveOne() {
        assertThat(run(Cli.FAILED, "--malformed", "1.5"))
                .isEqualTo("error: --malformed is a fraction of the records and must lie in 0..1 (got 1.5)");
    }

    @Test
    void fractionsAddingUpToMoreThanOne() {
        assertThat(run(Cli.FAILED, "--out-of-order", "0.6", "--late", "0.5"))
                .startsWith("error: --out-of-order + --late + --malformed + --hostile add up to 1.11");
    }

    @Test
    void spreadBeyondGrace() {
        assertThat(run(Cli.FAILED, "--out-of-order-spread", "45s")).contains("at most the grace period (30 s)");
    }

    @Test
    void badRateAndDurationAndSkew() {
        assertThat(run(Cli.USAGE_ERROR, "--rate", "fast")).contains("'fast' is neither a positive number nor 'max'");
        err.reset();
        assertThat(run(Cli.USAGE_ERROR, "--duration", "10 minutes")).contains("write e.g. 500ms, 30s, 5m or 2h");
        err.reset();
        assertThat(run(Cli.USAGE_ERROR, "--skew", "pareto")).contains("use uniform or zipf");
    }

    @Test
    void unknownFlagAndBadProducerKnobs() {
        assertThat(run(Cli.USAGE_ERROR, "--colour", "red")).isEqualTo("error: Unknown options: '--colour', 'red' (see generate --help)");
        err.reset();
        assertThat(run(Cli.FAILED, "--acks", "1")).contains("idempotence needs --acks all");
        err.reset();
        assertThat(run(Cli.FAILED, "replay", "--compression", "brotli")).contains("--compression must be one of");
    }

    @Test
    void burstsNeedATargetRate() {
        assertThat(run(Cli.FAILED, "--rate", "max", "--burst-every", "10s", "--burst-length", "2s", "--burst-factor", "3"))
                .contains("give --rate N together with --burst-every");
    }
}
