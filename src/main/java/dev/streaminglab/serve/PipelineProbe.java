package dev.streaminglab.serve;

import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Once a second: brokers up, records/s into and out of the pipeline (from end offsets, so it costs the
 * pipeline nothing), dead letters/s and the pipeline's consumer lag. A failed probe becomes a
 * "cluster unreachable" state on the page instead of a blank one.
 */
public final class PipelineProbe implements AutoCloseable {
    static final Duration PERIOD = Duration.ofSeconds(1);

    /** What the page's header shows. */
    public record Metrics(long time, boolean reachable, int brokersUp, double inPerSec, double outPerSec,
            double deadLettersPerSec, long lag, String message) {
    }

    private final KafkaConnection kafka;
    private final String pipelineGroup;
    private final LiveFeed feed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dashboard-probe");
        t.setDaemon(true);
        return t;
    });
    private Admin admin;
    private Map<String, Long> previousEnds = Map.of();
    private long previousTime;
    private volatile Metrics latest;

    public PipelineProbe(KafkaConnection kafka, String pipelineGroup, LiveFeed feed) {
        this.kafka = kafka;
        this.pipelineGroup = pipelineGroup;
        this.feed = feed;
    }

    public PipelineProbe start() {
        timer.scheduleAtFixedRate(this::probe, 0, PERIOD.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public Metrics latest() {
        return latest;
    }

    private void probe() {
        long now = System.currentTimeMillis();
        Metrics m;
        try {
            if (admin == null) {
                admin = kafka.admin();
            }
            int brokers = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            Map<String, Long> ends = endOffsets(List.of(TopicNames.TELEMETRY_RAW, TopicNames.TELEMETRY_ENRICHED,
                    TopicNames.DEAD_LETTER));
            double seconds = previousTime == 0 ? 0 : (now - previousTime) / 1000.0;
            m = new Metrics(now, true, brokers, rate(ends, TopicNames.TELEMETRY_RAW, seconds),
                    rate(ends, TopicNames.TELEMETRY_ENRICHED, seconds), rate(ends, TopicNames.DEAD_LETTER, seconds),
                    lag(), "ok");
            previousEnds = ends;
            previousTime = now;
        } catch (Exception e) {
            m = new Metrics(now, false, 0, 0, 0, 0, 0, "cluster unreachable at " + kafka.bootstrap()
                    + ": is it running? ('./lab cluster status')");
            if (admin != null) {
                admin.close(Duration.ZERO);
                admin = null;
            }
            previousTime = 0;
        }
        latest = m;
        feed.publish("metrics", m);
    }

    private double rate(Map<String, Long> ends, String topic, double seconds) {
        if (seconds <= 0 || !previousEnds.containsKey(topic) || !ends.containsKey(topic)) {
            return 0;
        }
        return Math.max(0, ends.get(topic) - previousEnds.get(topic)) / seconds;
    }

    /** Sum of end offsets per topic; topics that do not exist yet are left out. */
    private Map<String, Long> endOffsets(List<String> topics) throws Exception {
        var existing = admin.listTopics().names().get(3, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        var described = admin.describeTopics(topics.stream().filter(existing::contains).toList()).allTopicNames()
                .get(3, TimeUnit.SECONDS);
        described.values().forEach(d -> d.partitions().forEach(p ->
                query.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<String, Long> sums = new HashMap<>();
        admin.listOffsets(query).all().get(3, TimeUnit.SECONDS)
                .forEach((tp, info) -> sums.merge(tp.topic(), info.offset(), Long::sum));
        return sums;
    }

    /** How far the pipeline's group is behind on the raw topic: records received but not yet processed. */
    private long lag() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(pipelineGroup)
                .partitionsToOffsetAndMetadata().get(3, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> query = new HashMap<>();
        committed.keySet().stream().filter(tp -> tp.topic().equals(TopicNames.TELEMETRY_RAW))
                .forEach(tp -> query.put(tp, OffsetSpec.latest()));
        if (query.isEmpty()) {
            return 0;
        }
        long lag = 0;
        for (var e : admin.listOffsets(query).all().get(3, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += Math.max(0, e.getValue().offset() - (c == null ? 0 : c.offset()));
        }
        return lag;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close(Duration.ZERO);
        }
    }
}
