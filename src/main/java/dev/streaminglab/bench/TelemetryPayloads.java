package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.costs.Telemetry;
import dev.streaminglab.ingest.GeneratorSettings;
import dev.streaminglab.ingest.SyntheticTelemetry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sample of the values {@code Generate.java} sends with its default settings (defects included), for the producer
 * point where everyone sends telemetry: ProducerPerformance reads it with --payload-file (one value per line, picked
 * at random for each record), while the generator makes each record as it goes.
 */
final class TelemetryPayloads {
    static final int SAMPLE = 10_000;
    static final List<byte[]> VALUES = sample();
    /** Mean value size in bytes: the record size of the telemetry point. */
    static final int MEAN_SIZE = (int) Math.round(VALUES.stream().mapToInt(v -> v.length).average().orElseThrow());

    private TelemetryPayloads() {
    }

    private static List<byte[]> sample() {
        SyntheticTelemetry telemetry = new SyntheticTelemetry(GeneratorSettings.defaults().withCount(SAMPLE),
                Telemetry.REGISTRY, System.currentTimeMillis());
        List<byte[]> values = new ArrayList<>(SAMPLE);
        // The generator's values are single-line JSON or single-line garbage, so the newline delimits them.
        telemetry.forEachRemaining(r -> values.add(r.value()));
        return List.copyOf(values);
    }

    /** The values of a payload file, as ProducerPerformance splits it: one per line. */
    static List<byte[]> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(line -> line.getBytes(StandardCharsets.UTF_8)).toList();
        } catch (IOException e) {
            throw new LabException("cannot read the payload file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the sample as a payload file into {@code dir} (once) and returns its path. */
    static synchronized Path file(Path dir) {
        Path file = dir.resolve("telemetry-payloads.txt");
        if (Files.exists(file)) {
            return file;
        }
        try {
            Files.createDirectories(dir);
            try (OutputStream out = Files.newOutputStream(file)) {
                for (byte[] v : VALUES) {
                    out.write(v);
                    out.write('\n');
                }
            }
            return file;
        } catch (IOException e) {
            throw new LabException("cannot write the telemetry payload file " + file + ": " + e.getMessage(), e);
        }
    }
}
