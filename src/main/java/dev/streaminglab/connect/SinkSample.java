package dev.streaminglab.connect;

import dev.streaminglab.domain.Json;
import dev.streaminglab.domain.TopicNames;
import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.domain.WindowStats;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.KafkaConnection;
import dev.streaminglab.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import tech.tablesaw.api.Table;

/**
 * A known hour of per-site window statistics, to watch the JDBC sink at work: every window sent twice (an update,
 * then its final count, so the upsert must keep one row with the second), and one poison record the sink must
 * send to {@link TopicNames#CONNECT_DLQ} without stopping. Used by notebook 03 and its test alike.
 */
public final class SinkSample {
    public static final int SITES = 3;
    public static final int MINUTES = 60;
    /** Readings per window in the first update; the second (final) one doubles it. */
    static final long FIRST_COUNT = 10;
    public static final long FINAL_COUNT = 2 * FIRST_COUNT;
    public static final String POISON_KEY = "poison";

    private SinkSample() {
    }

    /** Sends the hour starting at {@code start}; returns how many records went out (poison included). */
    public static int send(KafkaConnection kafka, Instant start) {
        try (var admin = kafka.admin()) {
            Topics.ensure(admin, TopicSet.data(TopicNames.AGGREGATES_SITE_1M));
        }
        int sent = 0;
        try (var producer = new KafkaProducer<>(kafka.producerProperties(), new StringSerializer(),
                new StringSerializer())) {
            for (long count = FIRST_COUNT; count <= FINAL_COUNT; count += FIRST_COUNT) {
                for (int site = 1; site <= SITES; site++) {
                    for (int m = 0; m < MINUTES; m++) {
                        WindowStats s = window(start, site, m, count);
                        producer.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, s.key(), Json.text(s)));
                        sent++;
                    }
                }
            }
            producer.send(new ProducerRecord<>(TopicNames.AGGREGATES_SITE_1M, POISON_KEY, "{not json"));
        }
        return sent + 1;
    }

    /** A smooth daily-looking curve per site, a degree apart: easy to recognise on the chart. */
    static WindowStats window(Instant start, int site, int minute, long count) {
        long from = start.toEpochMilli() + minute * 60_000L;
        double avg = 19 + site + 2 * Math.sin(minute / 9.0 + site);
        return new WindowStats("site-" + site, from, from + 60_000, count, avg - 1, avg + 1, avg, 45);
    }

    /**
     * The sink's rows for the hour, once every window holds its final count (the upsert replaced the update).
     */
    public static Table awaitFinalRows(LocalPostgres postgres, Instant start, Duration timeout) {
        String sql = "select key, windowstart, temperatureavg, count from site_stats_1m where windowstart >= '"
                + start + "' and windowstart < '" + start.plus(Duration.ofMinutes(MINUTES)) + "' order by key, windowstart";
        AtomicReference<Table> rows = new AtomicReference<>();
        Await.until(timeout, () -> "the sink to write " + SITES * MINUTES + " final rows (has "
                + (rows.get() == null ? 0 : rows.get().rowCount()) + " rows)", () -> {
                    rows.set(postgres.query(sql));
                    return rows.get().where(rows.get().longColumn("count").isEqualTo(FINAL_COUNT)).rowCount()
                            == SITES * MINUTES;
                });
        return rows.get();
    }
}
