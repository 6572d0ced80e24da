package dev.streaminglab.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Kafka Streams has no Python API. The Python path is a plain consumer/producer loop (Debian's
 * python3-confluent-kafka): fine for stateless per-record transforms, with state, windows and recovery left
 * to the author.
 */
final class PythonPath implements Experiment {
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String SCRIPT = "python_transform.py";

    @Override
    public String name() {
        return "python-path";
    }

    @Override
    public String capability() {
        return "Not at all: Python API";
    }

    @Override
    public String question() {
        return "Can a Python team use Kafka Streams, and what do they use instead?";
    }

    @Override
    public String setup() {
        return "1 partition, 2,000 (quick) or 100,000 (full) readings 'device,celsius'; a Python consume-transform-"
                + "produce loop (confluent-kafka, librdkafka) converts them to Fahrenheit into an output topic.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(2_000, 100_000);
        String in = bench.topic("in", 1);
        String output = bench.topic("out", 1);
        bench.produce(in, IntStream.range(0, n)
                .mapToObj(i -> Workbench.Rec.of("d" + i % 10, "d" + i % 10 + "," + (i % 40), 0)).toList());
        Path script = Files.createTempFile("limits-", ".py");
        try (InputStream s = PythonPath.class.getResourceAsStream(SCRIPT)) {
            Files.write(script, s.readAllBytes());
        }
        try {
            JsonNode result = runPython(script, bench.kafka().bootstrap(), in, output, n, bench.appId("python"));
            var outputs = bench.read(output, n, Duration.ofSeconds(60));
            String sample = outputs.isEmpty() ? "none" : outputs.get(1).value();
            double seconds = result.get("seconds").asDouble();
            out.figure("records", n)
                    .figure("processedByPython", result.get("processed").asLong())
                    .figure("outputRecords", outputs.size())
                    .figure("secondRecordOutput", sample)
                    .figure("pythonRecordsPerSec", seconds > 0 ? n / seconds : 0)
                    .verdict(Verdict.NOT_SUPPORTED)
                    .headline(String.format("no Python API; a confluent-kafka loop transformed %,d records at %.0f "
                            + "records/s (stateless only)", outputs.size(), seconds > 0 ? n / seconds : 0))
                    .conclusion("Kafka Streams is a Java (JVM) library only. Python teams use a consumer/producer "
                            + "loop (confluent-kafka) for stateless work, or a framework with its own state and "
                            + "windows (Faust forks, Quix Streams, Bytewax, PyFlink); or keep the stateful core in "
                            + "Java and put Python at the edges of the topic graph.");
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static JsonNode runPython(Path script, String bootstrap, String in, String out, int n, String group)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            throw new LabException(PYTHON + " not found: install Debian's python3 and python3-confluent-kafka "
                    + "(./lab setup does)");
        }
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), bootstrap, in, out,
                String.valueOf(n), group).redirectErrorStream(true).start();
        String text;
        try (InputStream s = p.getInputStream()) {
            text = new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(3, TimeUnit.MINUTES) || p.exitValue() != 0) {
            if (text.contains("No module named 'confluent_kafka'")) {
                throw new LabException("the Python path needs python3-confluent-kafka: run ./lab setup, or "
                        + "apt-get install python3-confluent-kafka");
            }
            throw new IllegalStateException("python transform failed: " + text.strip());
        }
        String[] lines = text.strip().split("\n");
        return Json.MAPPER.readTree(lines[lines.length - 1]);
    }
}
