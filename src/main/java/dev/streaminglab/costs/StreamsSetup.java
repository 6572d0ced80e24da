package dev.streaminglab.costs;

import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.process.TelemetryPipeline.Guarantee;
import dev.streaminglab.process.TelemetryPipeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;

/**
 * How a stage runs: the pipeline's own Streams settings ({@link TelemetryPipeline#properties}: commit every
 * {@value TelemetryPipeline#COMMIT_INTERVAL_MS} ms, record cache at Kafka's default) with one knob changed at a
 * time for diagnostics. A plain passthrough takes the guarantee and commit interval from here too.
 *
 * @param cacheBytes {@code statestore.cache.max.bytes}; null keeps Kafka's default (cache on), 0 turns it off
 * @param inMemoryStores in-memory instead of RocksDB stores for the DSL's state
 */
public record StreamsSetup(Guarantee guarantee, long commitIntervalMs, Long cacheBytes, int threads,
        boolean inMemoryStores) {

    /** The pipeline's production settings under this guarantee. */
    public static StreamsSetup production(Guarantee guarantee) {
        return new StreamsSetup(guarantee, TelemetryPipeline.COMMIT_INTERVAL_MS, null, 1, false);
    }

    public StreamsSetup withGuarantee(Guarantee g) {
        return new StreamsSetup(g, commitIntervalMs, cacheBytes, threads, inMemoryStores);
    }

    public StreamsSetup withCommitInterval(long ms) {
        return new StreamsSetup(guarantee, ms, cacheBytes, threads, inMemoryStores);
    }

    public StreamsSetup withCacheBytes(Long bytes) {
        return new StreamsSetup(guarantee, commitIntervalMs, bytes, threads, inMemoryStores);
    }

    public StreamsSetup withThreads(int n) {
        return new StreamsSetup(guarantee, commitIntervalMs, cacheBytes, n, inMemoryStores);
    }

    public StreamsSetup withInMemoryStores(boolean inMemory) {
        return new StreamsSetup(guarantee, commitIntervalMs, cacheBytes, threads, inMemory);
    }

    /** "exactly_once_v2, commit 1000 ms, cache on": a row's arm. */
    public String label() {
        return guarantee.config + ", commit " + commitIntervalMs + " ms, cache "
                + (cacheBytes == null ? "on" : cacheBytes == 0 ? "off" : cacheBytes + " B")
                + (threads == 1 ? "" : ", " + threads + " threads") + (inMemoryStores ? ", in-memory stores" : "");
    }

    /** The settings as a workload description prints them. */
    public Map<String, Object> describe() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("processing.guarantee", guarantee.config);
        d.put("commit.interval.ms", commitIntervalMs);
        d.put("statestore.cache.max.bytes", cacheBytes == null ? "Kafka's default (10 MiB)" : cacheBytes);
        d.put("num.stream.threads", threads);
        d.put("state stores", inMemoryStores ? "in-memory" : "RocksDB");
        return d;
    }

    /** The complete Streams properties of one application on the given topics. */
    Properties properties(KafkaConnection kafka, String applicationId, Path stateDir, TopicSet topics) {
        Properties p = TelemetryPipeline.properties(kafka, applicationId, guarantee, threads, stateDir, "1", null);
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
        if (cacheBytes != null) {
            p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, cacheBytes);
        }
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, topics.deadLetter());
        p.put(StreamsConfig.DSL_STORE_SUPPLIERS_CLASS_CONFIG, inMemoryStores
                ? BuiltInDslStoreSuppliers.InMemoryDslStoreSuppliers.class.getName()
                : BuiltInDslStoreSuppliers.RocksDBDslStoreSuppliers.class.getName());
        return p;
    }
}
