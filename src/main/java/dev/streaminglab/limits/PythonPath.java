package dev.streaminglab.limits;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import dev.streaminglab.measure.Row;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Kafka Streams has no Python API. What Python teams do instead, measured: a plain consume-transform-produce loop
 * with Debian's python3-confluent-kafka (librdkafka), fine for stateless per-record work, with state, windows and
 * recovery left to the author.
 */
final class PythonPath implements Experiment {
    static final Mode.Size RECORDS = new Mode.Size(2_000, 100_000);
    static final Path PYTHON = Path.of("/usr/bin/python3");
    static final String SCRIPT = "python_transform.py";

    private static final About ABOUT = new About("python-path", "Not at all: Python API",
            "Can a Python team use Kafka Streams, and what do they use instead?",
            "Kafka Streams is a Java (JVM) library only. Python teams write a consumer/producer loop "
                    + "(confluent-kafka) for stateless work, or use a framework with its own state and windows.",
            "1 partition, " + RECORDS.text() + " readings 'device,celsius'; a Python consume-transform-"
                    + "produce loop (confluent-kafka, librdkafka) converts them to Fahrenheit into an output topic; "
                    + "records/s from its first record to its last.",
            "Keep the stateful core in Java (or ksqlDB, Flink) and put Python at the edges of the topic graph; for "
                    + "stateless steps a confluent-kafka loop like this one; for stateful Python, a framework with "
                    + "its own state (Quix Streams, Bytewax, PyFlink).",
            List.of(Source.docs("streams/introduction", "Kafka Streams introduction (a Java library)"),
                    new Source("confluent-kafka-python", "https://docs.confluent.io/kafka-clients/python/current/overview.html")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = RECORDS.of(lab.mode());
        return lab.rows(lab.trials(lab.arm("confluent-kafka loop", bench -> once(bench, n))));
    }

    private static Take once(Workbench bench, int n) throws IOException, InterruptedException {
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
            double seconds = result.get("seconds").asDouble();
            return new Take().figure("pythonRecordsPerSec", seconds > 0 ? n / seconds : 0)
                    .fact("records", n)
                    .fact("processedByPython", result.get("processed").asLong())
                    .fact("outputRecords", outputs.size())
                    .fact("secondRecordOutput", outputs.size() > 1 ? outputs.get(1).value() : "none");
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

    @Override
    public Finding read(Evidence e) {
        String arm = "confluent-kafka loop";
        return new Finding(Verdict.NOT_SUPPORTED, "no Python API in Kafka Streams",
                String.format("a confluent-kafka loop transformed %,d of %,d records at ", e.count(Lab.RUN, arm,
                        "outputRecords"), e.count(Lab.RUN, arm, "records"))
                        + LimitsReport.format(e.figure(Lab.RUN, arm, "pythonRecordsPerSec")) + " records/s (stateless)");
    }
}
