package dev.streaminglab.ingest;

import dev.streaminglab.LabException;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer settings that decide throughput and safety, as flags. Defaults are Kafka 4's own, so a run
 * with no flags measures what an untuned application gets.
 */
public record ProducerTuning(String acks, int lingerMs, int batchSize, String compression, boolean idempotence) {
    public static final List<String> ACKS = List.of("all", "-1", "0", "1");
    public static final List<String> COMPRESSIONS = List.of("none", "gzip", "snappy", "lz4", "zstd");

    public ProducerTuning {
        if (!ACKS.contains(acks)) {
            throw new LabException("--acks must be one of " + ACKS + " (got '" + acks + "')");
        }
        if (!COMPRESSIONS.contains(compression)) {
            throw new LabException("--compression must be one of " + COMPRESSIONS + " (got '" + compression + "')");
        }
        if (lingerMs < 0 || batchSize < 0) {
            throw new LabException("--linger-ms and --batch-size must not be negative (got " + lingerMs + ", " + batchSize + ")");
        }
        if (idempotence && !(acks.equals("all") || acks.equals("-1"))) {
            throw new LabException("idempotence needs --acks all (got --acks " + acks + "): add --idempotence false "
                    + "to trade duplicates on retry for fewer acknowledgements");
        }
    }

    public static ProducerTuning defaults() {
        return new ProducerTuning("all", 5, 16_384, "none", true);
    }

    public Properties apply(Properties p) {
        p.put(ProducerConfig.ACKS_CONFIG, acks);
        p.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, batchSize);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, idempotence);
        return p;
    }

    @Override
    public String toString() {
        return "acks=" + acks + " linger.ms=" + lingerMs + " batch.size=" + batchSize + " compression=" + compression
                + " enable.idempotence=" + idempotence;
    }
}
