package dev.streaminglab.cluster;

import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Tail.java}: print a topic's records as they arrive, to watch any stage of the pipeline. */
@Command(name = "tail", mixinStandardHelpOptions = true,
        description = "Print the records of a topic as they arrive (key, value, headers), like kcat -C.")
public class TailCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = {"-t", "--topic"}, required = true, description = "the topic to read")
    String topic;

    @Option(names = "--from-beginning", description = "start at the oldest record instead of the newest")
    boolean fromBeginning;

    @Option(names = {"-n", "--max"}, defaultValue = "0", description = "stop after this many records (0: run until Ctrl-C)")
    long max;

    @Option(names = "--idle-exit", defaultValue = "0", description = "stop after this many seconds without a record (0: never)")
    int idleExitSeconds;

    @Override
    public Integer call() {
        KafkaConnection kafka = connection.connection();
        kafka.requireReachable();
        try (var admin = kafka.admin()) {
            Topics.require(admin, topic);
        }
        long seen = 0;
        Instant lastRecord = Instant.now();
        try (var consumer = new KafkaConsumer<>(kafka.consumerProperties(null), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            if (fromBeginning) {
                consumer.seekToBeginning(parts);
            } else {
                consumer.seekToEnd(parts);
            }
            while (max == 0 || seen < max) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    System.out.println(format(r));
                    lastRecord = Instant.now();
                    if (++seen == max) {
                        break;
                    }
                }
                if (idleExitSeconds > 0 && Duration.between(lastRecord, Instant.now()).toSeconds() >= idleExitSeconds) {
                    break;
                }
            }
        }
        System.err.printf("%d record(s) from %s%n", seen, topic);
        return 0;
    }

    static String format(ConsumerRecord<String, String> r) {
        String headers = StreamSupport.stream(r.headers().spliterator(), false)
                .map(h -> h.key() + "=" + (h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)))
                .collect(Collectors.joining(", "));
        return String.format("p%d@%d key=%s value=%s%s", r.partition(), r.offset(), r.key(), r.value(),
                headers.isEmpty() ? "" : " headers{" + headers + "}");
    }
}
