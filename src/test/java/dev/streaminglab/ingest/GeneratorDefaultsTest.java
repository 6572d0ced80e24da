package dev.streaminglab.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The defaults a run uses are the ones --help shows: both come from GeneratorSettings and ProducerTuning. */
class GeneratorDefaultsTest {
    @Test
    void helpShowsTheSettingsDefaults() {
        StringWriter help = new StringWriter();
        CommandLine cl = new CommandLine(new GenerateCommand());
        cl.setOut(new PrintWriter(help));
        cl.execute("--help");
        GeneratorSettings s = GeneratorSettings.defaults();
        assertThat(help.toString().replaceAll("\\s+", " ")).contains("(default: " + s.count() + ")", "(default: " + s.seed() + ")",
                "(default: 20s)", "(default: " + s.topic() + ")", "(default: " + ProducerTuning.defaults().acks() + ")");
    }

    @Test
    void anEmptyCommandLineGivesTheDefaultSettings() {
        GenerateCommand c = new GenerateCommand();
        new CommandLine(c).parseArgs();
        GeneratorSettings d = GeneratorSettings.defaults();
        assertThat(c.settings()).isEqualTo(d);
        assertThat(c.send.producer.tuning()).isEqualTo(ProducerTuning.defaults());
    }
}
