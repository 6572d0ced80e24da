package dev.streaminglab.process;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.streaminglab.domain.Device;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.ReadingLimits;
import dev.streaminglab.domain.TopicSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The device registry ({@code devices}, compacted) as a global store every task reads: enrichment joins it,
 * alerts track the devices it lists. Global, because every instance holds all of it (tens of rows), it is fully
 * loaded before any stream task starts (no false UNKNOWN_DEVICE after a restart), and an edited row applies to the
 * next reading.
 * <p>
 * Rows are checked ({@link #check}) before they enter the store: a row that is not JSON, or lacks its thresholds
 * (which Jackson would fill with 0.0, and every reading would breach), is left out and the device keeps its last
 * good row; a tombstone deletes the device. A plain {@code GlobalKTable} cannot do that in Kafka Streams 4.3: its
 * deserialization errors happen on the global thread, which has no producer for a dead letter (the handler's
 * record makes it fail; KIP-1295 is only proposed), and a restore copies bad bytes into the store unchecked.
 * The same check run by {@link RegistryCheck}, a stream task with a producer, writes their dead letters.
 */
public final class Registry {
    public static final String STORE = "devices-registry";
    /** The fields enrichment and alerts cannot do without; x and y may be absent (0: position unknown). */
    static final List<String> REQUIRED = List.of("deviceId", "tempMinC", "tempMaxC", "humidityMaxPct");

    private Registry() {
    }

    /** Adds the registry store, fed from {@code topics.devices()}; once per builder, before the stages using it. */
    public static void addTo(StreamsBuilder builder, TopicSet topics) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                        Device.SERDE).withLoggingDisabled(),
                topics.devices(), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("registry"),
                KeepGoodRows::new);
    }

    /** What one registry record means. */
    sealed interface Row permits Good, Deleted, Bad {
    }

    record Good(Device device) implements Row {
    }

    record Deleted() implements Row {
    }

    record Bad(String reason) implements Row {
    }

    /** A registry record under {@code key}: a usable device, a deletion (tombstone), or why it is refused. */
    static Row check(String key, byte[] value) {
        if (key == null || key.isBlank()) {
            return new Bad("no key: the registry is keyed by device id");
        }
        if (value == null) {
            return new Deleted();
        }
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(value);
        } catch (IOException e) {
            return new Bad("not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isObject()) {
            return new Bad("not a JSON object");
        }
        List<String> missing = new ArrayList<>();
        REQUIRED.forEach(f -> {
            if (tree.path(f).isNull() || tree.path(f).isMissingNode()) {
                missing.add(f);
            }
        });
        if (!missing.isEmpty()) {
            return new Bad("missing " + String.join(", ", missing));
        }
        Device d;
        try {
            d = Json.MAPPER.treeToValue(tree, Device.class);
        } catch (JsonProcessingException e) {
            return new Bad("wrong field type: " + e.getOriginalMessage());
        }
        if (!d.deviceId().equals(key)) {
            return new Bad("deviceId '" + d.deviceId() + "' under key '" + key + "'");
        }
        if (!(d.tempMinC() < d.tempMaxC())) {
            return new Bad("tempMinC " + d.tempMinC() + " is not below tempMaxC " + d.tempMaxC());
        }
        if (!ReadingLimits.HUMIDITY_PCT.contains(d.humidityMaxPct())) {
            return new Bad("humidityMaxPct " + d.humidityMaxPct() + " outside " + ReadingLimits.HUMIDITY_PCT.min()
                    + ".." + ReadingLimits.HUMIDITY_PCT.max());
        }
        return new Good(d);
    }

    /** The global store's processor: good rows in, tombstones out, bad rows skipped (the device keeps its last good row). */
    private static final class KeepGoodRows extends ContextualProcessor<String, byte[], Void, Void> {
        private KeyValueStore<String, Device> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            super.init(context);
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            Row row = check(record.key(), record.value());
            if (row instanceof Good g) {
                store.put(record.key(), g.device());
            } else if (row instanceof Deleted) {
                store.delete(record.key());
            }
        }
    }
}
