package dev.streaminglab.connect;

import dev.streaminglab.SharedCluster;
import dev.streaminglab.cluster.LocalCluster;
import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSpec;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Connect test's world: its own 1-node cluster (connector names, consumer groups and topics are those of the
 * real connector files, so two test classes must not share brokers), its own PostgreSQL on a free port and a copy
 * of the registry file that the test may edit. Everything is stopped by {@link #close()} and, should the test JVM
 * die first, by a shutdown hook.
 */
final class ConnectTestEnv implements AutoCloseable {
    static final Duration START = Duration.ofMinutes(4);
    static final Duration DEADLINE = Duration.ofMinutes(3);

    final LocalCluster cluster;
    final KafkaConnection kafka;
    final ConnectStack stack;
    final Path registryFile;

    ConnectTestEnv(String name) throws IOException {
        cluster = SharedCluster.startFresh(1, name + "-cluster");
        kafka = KafkaConnection.of(cluster.runningState().orElseThrow().bootstrap());
        Path dir = Path.of("target", name).toAbsolutePath();
        registryFile = dir.resolve("device-registry.csv");
        LocalPostgres postgres = new LocalPostgres(freePort(), dir.resolve("postgres"));
        LocalConnect connect = new LocalConnect(dir.resolve("connect"), freePort(), kafka);
        stack = new ConnectStack(connect, postgres, registryFile);
        stack.stop(true);
        Files.createDirectories(dir);
        Files.copy(ConnectorFiles.registryFile(), registryFile, StandardCopyOption.REPLACE_EXISTING);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stack.stop(true)));
        try (Admin admin = kafka.admin()) {
            for (String t : List.of(TopicNames.AGGREGATES_DEVICE_1M_FINAL, TopicNames.AGGREGATES_SITE_1M, TopicNames.ALERTS)) {
                Topics.ensure(admin, TopicSpec.of(t, 3));
            }
        }
    }

    @Override
    public void close() {
        stack.stop(true);
    }

    /** REST ports must leave room for a second worker on the next port. */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int p = ThreadLocalRandom.current().nextInt(41000, 49000);
            if (SharedCluster.isFree(p) && SharedCluster.isFree(p + 1)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port");
    }

    void produce(String topic, Map<String, Object> keyedValues) {
        try (var p = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(), new StringSerializer())) {
            keyedValues.forEach((k, v) -> p.send(new ProducerRecord<>(topic, k, v instanceof String s ? s : Json.text(v))));
            p.flush();
        }
    }

    /** Every record of a topic, from the beginning to its current end. */
    List<ConsumerRecord<String, String>> readAll(String topic) {
        return TopicReader.of(kafka, new StringDeserializer(), new StringDeserializer()).uncommitted()
                .toEnd(topic, DEADLINE);
    }

    List<Map<String, Object>> query(String sql) {
        try (Connection c = stack.postgres().connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= n; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(sql + " failed: " + e.getMessage(), e);
        }
    }

    long count(String table) {
        return ((Number) query("select count(*) as n from " + table).get(0).get("n")).longValue();
    }
}
