package dev.streaminglab.ingest;

import picocli.CommandLine.Option;

/** The producer knobs as flags; defaults ({@link ProducerTuning#defaults()}) via {@link GeneratorDefaults}. */
public class ProducerOptions {
    @Option(names = "--acks", description = "acks: all, 1 or 0 (default: ${DEFAULT-VALUE})")
    String acks;

    @Option(names = "--linger-ms",
            description = "linger.ms: wait this long to fill a batch (default: ${DEFAULT-VALUE})")
    int lingerMs;

    @Option(names = "--batch-size",
            description = "batch.size in bytes per partition (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--compression",
            description = "compression.type: none, gzip, snappy, lz4, zstd (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--idempotence", arity = "1", paramLabel = "true|false",
            description = "enable.idempotence: no duplicates on retry; needs --acks all (default: ${DEFAULT-VALUE})")
    boolean idempotence;

    public ProducerTuning tuning() {
        return new ProducerTuning(acks, lingerMs, batchSize, compression, idempotence);
    }
}
