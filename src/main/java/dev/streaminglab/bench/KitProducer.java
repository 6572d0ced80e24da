package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The kit's plain producer loop, the A/A partner of Kafka's ProducerPerformance: the same records made the same way
 * (fresh random letters in one reused array, or a value picked at random from a payload file; no key), the same
 * per-record callback work (its latency recorded), sending until the harness ends the process. Both run in JVMs of
 * their own with the same flags and the same {@link AckWindow}; a ratio far from 1 between them says the rig, not
 * the code, is off.
 *
 * <p>Arguments: bootstrap, topic, record size, payload file or "-", client properties file, then producer settings
 * as key=value.
 */
public final class KitProducer {
    private static final long MAX_LATENCY_MS = TimeUnit.MINUTES.toMillis(10);

    private KitProducer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: KitProducer BOOTSTRAP TOPIC SIZE PAYLOAD_FILE|- CLIENT_PROPERTIES "
                    + "[key=value ...], got " + Arrays.toString(args));
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(args[4]))) {
            props.load(r);
        }
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        Arrays.stream(args, 5, args.length).map(kv -> kv.split("=", 2)).forEach(kv -> props.put(kv[0], kv[1]));
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        String topic = args[1];
        SplittableRandom random = new SplittableRandom(42);
        List<byte[]> values = args[3].equals("-") ? List.of() : TelemetryPayloads.read(Path.of(args[3]));
        byte[] payload = new byte[Integer.parseInt(args[2])];
        Histogram latencies = new Histogram(MAX_LATENCY_MS, 3);
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            while (failure.get() == null) {
                byte[] value;
                if (values.isEmpty()) {
                    Payloads.fillLetters(payload, random);
                    value = payload;
                } else {
                    value = values.get(random.nextInt(values.size()));
                }
                long sentMs = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(topic, value), (meta, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    } else {
                        latencies.recordValue(Math.min(MAX_LATENCY_MS, System.currentTimeMillis() - sentMs));
                    }
                });
            }
        }
        throw new LabException("the kit producer failed on " + topic + ": " + failure.get(), failure.get());
    }
}
