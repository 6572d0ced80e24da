package dev.streaminglab.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import dev.streaminglab.SharedCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every script under jbang-scripts/ runs through real JBang, as a user types it. */
class JbangScriptsIT {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(ProcessRun.HOME.resolve("jbang-scripts"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void everyScriptHasHelp(String script) {
        ProcessRun r = ProcessRun.jbang(DEADLINE, script, "--help");
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).startsWith("Usage: ");
    }

    @Test
    void clusterStatusShowsTheBrokersAndTopicsOfTheGivenBootstrap() {
        String bootstrap = SharedCluster.connection().bootstrap();
        ProcessRun r = ProcessRun.jbang(DEADLINE, "Cluster.java", "status", "--dir", "target/no-local-cluster",
                "--bootstrap", bootstrap);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("cluster at " + bootstrap + ": 1 broker(s) up");
    }

    @Test
    void anUnknownFlagIsAOneLineError() {
        ProcessRun r = ProcessRun.jbang(DEADLINE, "Cluster.java", "start", "--nodez", "3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr().strip()).isEqualTo("error: Unknown options: '--nodez', '3' (see cluster start --help)");
    }

    @Test
    void anUnreachableClusterIsNamedWithinSeconds() {
        int unused = SharedCluster.freePortBlock(1);
        ProcessRun r = ProcessRun.jbang(DEADLINE, "Tail.java", "--bootstrap", "127.0.0.1:" + unused, "-t", "x");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).isEqualTo("error: cannot reach Kafka at 127.0.0.1:" + unused
                + " within 10 s: start the local cluster with './lab cluster start', or check --bootstrap");
    }

    @Test
    void aMissingTopicIsAOneLineError() {
        ProcessRun r = ProcessRun.jbang(DEADLINE, "Tail.java", "--bootstrap", SharedCluster.connection().bootstrap(),
                "-t", "no-such-topic");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr().strip()).startsWith("error: topic 'no-such-topic' does not exist: check the name");
    }
}
