package dev.streaminglab.bench;

import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.ingest.ProducerTuning;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One producer workload, described as data (as the OpenMessaging Benchmark describes its workloads) and given
 * whole to every producer under test: record size, what the values are, whether records carry the generator's
 * device keys, partitions, and the producer settings exactly as Kafka's tool receives them.
 *
 * @param telemetry values are the generator's (a payload file for the tool); otherwise random letters of
 *     {@code recordSize}
 * @param deviceKeys records carry a lab device id as key ({@link DeviceKeys} for the tool)
 */
record ProducerPoint(String name, int recordSize, boolean telemetry, boolean deviceKeys, int partitions,
        Map<String, String> settings) {

    /** ProducerPerformance's classic run: 100 B of letters, no key, acks=1 and the 4.x client defaults. */
    static final ProducerPoint BASELINE = new ProducerPoint("baseline", 100, false, false, TopicSet.PARTITIONS,
            Map.of("acks", "1", "linger.ms", "5", "batch.size", "16384", "compression.type", "none"));

    /**
     * Jay Kreps, "Benchmarking Apache Kafka: 2 Million Writes Per Second (On Three Cheap Machines)", 2014, single
     * producer thread, no replication: 100 B records, 6 partitions, acks=1, batch.size=8196, buffer.memory=64 MiB
     * as his command gave them, and linger.ms=0, his client's default (today's is 5 ms).
     */
    static final ProducerPoint KREPS = new ProducerPoint("kreps-2014", 100, false, false, 6,
            Map.of("acks", "1", "batch.size", "8196", "buffer.memory", "67108864", "linger.ms", "0"));

    /** What {@code Generate.java --rate max} sends with no other flag: its values, its keys, its producer settings. */
    static ProducerPoint generatorDefaults() {
        Map<String, String> settings = new LinkedHashMap<>();
        ProducerTuning.defaults().apply(new Properties()).forEach((k, v) -> settings.put(k.toString(), v.toString()));
        return new ProducerPoint("telemetry", TelemetryPayloads.MEAN_SIZE, true, true, TopicSet.PARTITIONS, settings);
    }

    /** The workload as the report prints it. */
    Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("record size (B)", telemetry ? TelemetryPayloads.MEAN_SIZE + " on average (the generator's values)"
                : recordSize + " (random letters)");
        d.put("keys", deviceKeys ? "the 54 lab device ids, uniformly" : "none");
        d.put("partitions", partitions);
        d.put("producer settings", new TreeMap<>(settings));
        return d;
    }
}
