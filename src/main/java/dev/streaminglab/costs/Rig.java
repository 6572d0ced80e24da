package dev.streaminglab.costs;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.ingest.OutgoingRecord;
import dev.streaminglab.ingest.SyntheticTelemetry;
import dev.streaminglab.kafka.GroupProgress;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Where cost measurements run: a cluster, a work folder (specs, status files, client logs, state), the device
 * registry, and the inputs, each written once and read by every run that asks for the same one, so repetitions
 * and the stages they compare read the very same records. {@link #close()} deletes what the rig created.
 */
public final class Rig implements AutoCloseable {
    /** Written once per input: batches as large as the client allows, not a figure anyone reads. */
    private static final int FILL_BATCH_BYTES = 262_144;
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /**
     * An input topic, full: {@code records} records of a form over {@code partitions} partitions, whose end
     * offsets are where a run that read all of it has committed.
     */
    public record Input(String topic, InputForm form, long records, int partitions, Map<TopicPartition, Long> end) {
        /** The input as a workload description prints it. */
        public Map<String, Object> describe() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("records", records);
            d.put("partitions", partitions);
            d.put("form", form.name().toLowerCase());
            return d;
        }
    }

    private final KafkaConnection kafka;
    private final Path workDir;
    private final String id;
    private final Map<String, Input> inputs = new LinkedHashMap<>();
    private final List<String> created = new ArrayList<>();
    private final List<String> extraFlags = new ArrayList<>();
    private String registry;

    public Rig(KafkaConnection kafka, Path workDir) {
        this.kafka = kafka;
        this.workDir = workDir.toAbsolutePath();
        this.id = "costs-" + Long.toString(System.currentTimeMillis() % 10_000_000, 36);
    }

    public KafkaConnection kafka() {
        return kafka;
    }

    public Path workDir() {
        return workDir;
    }

    /** JVM flags added to every child from now on (a flight recording, say); empty turns them off again. */
    public Rig withExtraFlags(List<String> flags) {
        extraFlags.clear();
        extraFlags.addAll(flags);
        return this;
    }

    List<String> extraFlags() {
        return List.copyOf(extraFlags);
    }

    /** A name no other run of this rig uses. */
    String unique(String what) {
        return id + "-" + what + "-" + SEQUENCE.incrementAndGet();
    }

    /** The generator's records in a telemetry form, written once for this rig (same arguments, same topic). */
    public Input telemetry(InputForm form, long records, int partitions) {
        if (form == InputForm.KEYED) {
            throw new IllegalArgumentException("keyed input has keys and value sizes: use keyed(...)");
        }
        return inputs.computeIfAbsent(form + "/" + records + "/" + partitions, k -> {
            String topic = createInput(form.name().toLowerCase(), partitions);
            try (KafkaProducer<String, byte[]> producer = fillProducer()) {
                SyntheticTelemetry history = Telemetry.history(records * 102 / 100 + 100);
                Sends sends = new Sends(producer);
                long written = 0;
                while (written < records) {
                    OutgoingRecord r = history.next();
                    Optional<byte[]> value = form.encode(r);
                    if (value.isPresent()) {
                        sends.send(new ProducerRecord<>(topic, null, r.eventTime(), r.key(), value.get()));
                        written++;
                    }
                }
                sends.flush(topic);
            }
            return full(topic, form, records, partitions);
        });
    }

    /** {@code records} records over {@code keys} keys ({@code key-0} ...) with values of {@code valueBytes} letters. */
    public Input keyed(long records, int keys, int valueBytes, int partitions) {
        return inputs.computeIfAbsent("keyed/" + records + "/" + keys + "/" + valueBytes + "/" + partitions, k -> {
            String topic = createInput("keyed", partitions);
            SplittableRandom random = new SplittableRandom(records);
            try (KafkaProducer<String, byte[]> producer = fillProducer()) {
                Sends sends = new Sends(producer);
                for (long i = 0; i < records; i++) {
                    byte[] value = new byte[valueBytes];
                    for (int b = 0; b < valueBytes; b++) {
                        value[b] = (byte) ('A' + random.nextInt(26));
                    }
                    sends.send(new ProducerRecord<>(topic, "key-" + i % keys, value));
                }
                sends.flush(topic);
            }
            return full(topic, InputForm.KEYED, records, partitions);
        });
    }

    /** The topics of one run: its own outputs, the rig's input and registry under their standard names. */
    TopicSet runTopics(String applicationId, Input input) {
        TopicSet own = TopicSet.STANDARD.prefixed(applicationId + ".");
        String inputName = switch (input.form()) {
            case RAW, KEYED -> TopicNames.TELEMETRY_RAW;
            case VALID -> TopicNames.TELEMETRY_VALID;
            case ENRICHED -> TopicNames.TELEMETRY_ENRICHED;
        };
        TopicSet topics = own.withTopic(inputName, input.topic()).withTopic(TopicNames.DEVICES, registry());
        try (Admin admin = kafka.admin()) {
            Topics.ensureAll(admin, topics.data().stream().filter(t -> !t.equals(input.topic()))
                    .map(TopicSet::data).toList());
        }
        return topics;
    }

    /** Deletes a run's own topics, its internal ones, its group and its local state. */
    void cleanUp(String applicationId, TopicSet topics, Input input) {
        try (Admin admin = kafka.admin()) {
            List<String> doomed = new ArrayList<>(topics.data());
            doomed.remove(input.topic());
            doomed.addAll(Topics.internalTopics(admin, applicationId));
            Topics.delete(admin, doomed);
            // The group holds only committed offsets now; a failure here leaves a few bytes, not a wrong figure.
            admin.deleteConsumerGroups(List.of(applicationId));
        }
        deleteState(applicationId);
    }

    Path stateDir(String applicationId) {
        return workDir.resolve("state").resolve(applicationId);
    }

    void deleteState(String applicationId) {
        try {
            FileUtils.deleteDirectory(stateDir(applicationId).toFile());
        } catch (IOException e) {
            throw new LabException("cannot delete the state of " + applicationId + ": " + e.getMessage(), e);
        }
    }

    /** The registry of the lab's devices, which enrichment joins with: written once. */
    private synchronized String registry() {
        if (registry == null) {
            registry = unique("devices");
            try (Admin admin = kafka.admin()) {
                Topics.create(admin, TopicSet.registry(registry));
            }
            created.add(registry);
            Telemetry.REGISTRY.publish(kafka, registry);
        }
        return registry;
    }

    private String createInput(String what, int partitions) {
        String topic = unique("input-" + what);
        try (Admin admin = kafka.admin()) {
            Topics.create(admin, TopicSpec.of(topic, partitions).config(TopicConfig.RETENTION_MS_CONFIG, "-1"));
        }
        created.add(topic);
        return topic;
    }

    private Input full(String topic, InputForm form, long records, int partitions) {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, Long> end = GroupProgress.endOffsets(admin, List.of(topic));
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            if (total != records) {
                throw new LabException("input " + topic + " holds " + total + " records, not " + records
                        + ": was it written twice?");
            }
            return new Input(topic, form, records, partitions, Map.copyOf(end));
        }
    }

    private KafkaProducer<String, byte[]> fillProducer() {
        Properties p = kafka.producerProperties();
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, FILL_BATCH_BYTES);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.remove(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends whose first failure is reported at the flush, so an input is never silently short. */
    private static final class Sends {
        private final KafkaProducer<String, byte[]> producer;
        private final AtomicReference<Exception> failure = new AtomicReference<>();

        Sends(KafkaProducer<String, byte[]> producer) {
            this.producer = producer;
        }

        void send(ProducerRecord<String, byte[]> r) {
            producer.send(r, (meta, e) -> {
                if (e != null) {
                    failure.compareAndSet(null, e);
                }
            });
        }

        void flush(String topic) {
            producer.flush();
            if (failure.get() != null) {
                throw new LabException("writing the input " + topic + " failed: " + failure.get(), failure.get());
            }
        }
    }

    /** Writes a child's spec where its logs are; returns the file. */
    Path writeSpec(String name, ChildSpec spec) {
        Path file = workDir.resolve("specs").resolve(name + ".json");
        spec.write(file);
        return file;
    }

    Path logDir() {
        return workDir.resolve("logs");
    }

    @Override
    public void close() {
        try (Admin admin = kafka.admin()) {
            Topics.delete(admin, created);
        }
        inputs.clear();
        created.clear();
    }
}
