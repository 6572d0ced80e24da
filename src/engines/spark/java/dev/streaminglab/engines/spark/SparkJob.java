package dev.streaminglab.engines.spark;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.window;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.FlatMapGroupsWithStateFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.GroupState;
import org.apache.spark.sql.streaming.GroupStateTimeout;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.Trigger;

/**
 * The job (docs/evaluation/job.md) in Spark Structured Streaming, local[2]. Spark's watermark is global and set
 * from the previous micro-batch, so it cannot tell which reading of a batch came after which: the checks and the
 * lateness rule run in flatMapGroupsWithState per input partition, in offset order, with the stream time as
 * state. Accepted on-time readings then go through Spark's own event-time windows (append mode: each window
 * once, when the watermark passes its end). Checkpoints make the source and state exactly-once; the Kafka sink
 * is at least once, so a restart can write a window twice.
 */
public final class SparkJob {
    private static final long WINDOW_MS = 60_000;
    private static final long GRACE_MS = 30_000;

    private SparkJob() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        Map<String, String> sites = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(a.get("registry")))) {
            if (!line.isBlank()) {
                sites.put(line.split(",")[0], line.split(",")[1]);
            }
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName(a.get("id"))
                .config("spark.ui.enabled", false).config("spark.sql.shuffle.partitions", 2)
                .config("spark.sql.session.timeZone", "UTC").getOrCreate();
        Dataset<RawRecord> raw = spark.readStream().format("kafka")
                .option("kafka.bootstrap.servers", a.get("bootstrap")).option("subscribe", a.get("input"))
                .option("startingOffsets", "earliest").option("kafka.isolation.level", "read_committed").load()
                .select(col("key"), col("value"), col("partition"), col("offset")).as(Encoders.bean(RawRecord.class));
        Dataset<Row> checked = raw.groupByKey((MapFunction<RawRecord, Integer>) RawRecord::getPartition, Encoders.INT())
                .flatMapGroupsWithState(new CheckInOrder(sites), OutputMode.Append(), Encoders.LONG(),
                        Encoders.bean(Checked.class), GroupStateTimeout.NoTimeout()).toDF();
        Dataset<Row> windows = checked.filter("reason IS NULL").withWatermark("eventTime", GRACE_MS / 1000 + " seconds")
                .groupBy(window(col("eventTime"), "1 minute"), col("site"))
                .agg(count("*").as("count"), min("temperature").as("min"), max("temperature").as("max"),
                        avg("temperature").as("avg"))
                .select(lit(a.get("windows")).as("topic"), encode(col("site"), "UTF-8").as("key"),
                        encode(to_json(struct(col("site"), unix_millis(col("window.start")).as("windowStart"),
                                unix_millis(col("window.end")).as("windowEnd"), col("count"), col("min"), col("max"),
                                col("avg"))), "UTF-8").as("value"));
        Dataset<Row> refused = checked.filter("reason IS NOT NULL")
                .select(lit(a.get("dlq")).as("topic"), col("key"), col("value"),
                        array(struct(lit("dlq.reason").as("key"), encode(col("reason"), "UTF-8").as("value"))).as("headers"));
        var trigger = Trigger.ProcessingTime(Long.parseLong(a.getOrDefault("commit-ms", "1000")));
        String checkpoints = Path.of(a.get("state")).toAbsolutePath().toString();
        windows.writeStream().format("kafka").outputMode(OutputMode.Append()).trigger(trigger)
                .option("kafka.bootstrap.servers", a.get("bootstrap"))
                .option("checkpointLocation", checkpoints + "/windows").start();
        refused.writeStream().format("kafka").outputMode(OutputMode.Append()).trigger(trigger)
                .option("kafka.bootstrap.servers", a.get("bootstrap")).option("includeHeaders", "true")
                .option("checkpointLocation", checkpoints + "/dlq").start();
        spark.streams().awaitAnyTermination();
    }

    /**
     * Checks a partition's records of one micro-batch in offset order and applies the lateness rule with the
     * partition's stream time (the largest accepted event time so far), kept in Spark's state store.
     */
    static final class CheckInOrder implements FlatMapGroupsWithStateFunction<Integer, RawRecord, Long, Checked> {
        private static final ObjectReader READER = new ObjectMapper().reader()
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        private final Map<String, String> sites;

        CheckInOrder(Map<String, String> sites) {
            this.sites = new HashMap<>(sites);
        }

        @Override
        public Iterator<Checked> call(Integer partition, Iterator<RawRecord> records, GroupState<Long> state) {
            List<RawRecord> batch = new ArrayList<>();
            records.forEachRemaining(batch::add);
            batch.sort(Comparator.comparingLong(RawRecord::getOffset));
            long streamTime = state.exists() ? state.get() : Long.MIN_VALUE;
            List<Checked> out = new ArrayList<>();
            for (RawRecord r : batch) {
                Checked c = check(r);
                if (c.getReason() == null) {
                    long ts = c.getEventTime().getTime();
                    if (streamTime != Long.MIN_VALUE && ts / WINDOW_MS * WINDOW_MS + WINDOW_MS <= streamTime - GRACE_MS) {
                        c.setReason("LATE");
                    } else {
                        streamTime = Math.max(streamTime, ts);
                    }
                }
                out.add(c);
            }
            if (streamTime != Long.MIN_VALUE) {
                state.update(streamTime);
            }
            return out.iterator();
        }

        private Checked check(RawRecord r) {
            Checked c = new Checked();
            c.setKey(r.getKey());
            c.setValue(r.getValue());
            c.setPartition(r.getPartition());
            c.setOffset(r.getOffset());
            JsonNode t = null;
            try {
                t = r.getValue() == null || r.getValue().length == 0 ? null : READER.readTree(r.getValue());
            } catch (IOException e) {
                t = null;
            }
            c.setReason(reason(t));
            if (c.getReason() == null) {
                c.setEventTime(new Timestamp(t.get("timestamp").longValue()));
                c.setTemperature(t.get("temperature").doubleValue());
                c.setSite(sites.get(t.get("deviceId").asText()));
            }
            return c;
        }

        private String reason(JsonNode t) {
            if (t == null || !t.isObject() || t.hasNonNull("deviceId") && !t.get("deviceId").isTextual()
                    || List.of("timestamp", "seq").stream().anyMatch(f -> t.hasNonNull(f)
                            && !(t.get(f).isIntegralNumber() && t.get(f).canConvertToLong()))
                    || List.of("temperature", "humidity", "light", "voltage").stream()
                            .anyMatch(f -> t.hasNonNull(f) && !t.get(f).isNumber())) {
                return "BAD_JSON";
            }
            if (List.of("deviceId", "timestamp", "seq", "temperature", "humidity").stream().anyMatch(f -> !t.hasNonNull(f))
                    || t.get("deviceId").asText().isBlank()) {
                return "MISSING_FIELD";
            }
            long ts = t.get("timestamp").longValue();
            if (ts < 946_684_800_000L || ts >= 4_102_444_800_000L || outside(t, "temperature", -40, 85)
                    || outside(t, "humidity", 0, 100) || outside(t, "light", 0, 100_000) || outside(t, "voltage", 0, 5)) {
                return "OUT_OF_RANGE";
            }
            return sites.containsKey(t.get("deviceId").asText()) ? null : "UNKNOWN_DEVICE";
        }

        private static boolean outside(JsonNode t, String field, double low, double high) {
            return t.hasNonNull(field) && (t.get(field).doubleValue() < low || t.get(field).doubleValue() > high);
        }
    }

    /** A record as the Kafka source gives it. */
    public static class RawRecord implements Serializable {
        private byte[] key;
        private byte[] value;
        private int partition;
        private long offset;

        public byte[] getKey() {
            return key;
        }

        public void setKey(byte[] key) {
            this.key = key;
        }

        public byte[] getValue() {
            return value;
        }

        public void setValue(byte[] value) {
            this.value = value;
        }

        public int getPartition() {
            return partition;
        }

        public void setPartition(int partition) {
            this.partition = partition;
        }

        public long getOffset() {
            return offset;
        }

        public void setOffset(long offset) {
            this.offset = offset;
        }
    }

    /** A record after checking: the reason it is refused (null when accepted) and, if accepted, its fields. */
    public static final class Checked extends RawRecord {
        private String reason;
        private Timestamp eventTime;
        private Double temperature;
        private String site;

        public String getReason() {
            return reason;
        }

        public void setReason(String reason) {
            this.reason = reason;
        }

        public Timestamp getEventTime() {
            return eventTime;
        }

        public void setEventTime(Timestamp eventTime) {
            this.eventTime = eventTime;
        }

        public Double getTemperature() {
            return temperature;
        }

        public void setTemperature(Double temperature) {
            this.temperature = temperature;
        }

        public String getSite() {
            return site;
        }

        public void setSite(String site) {
            this.site = site;
        }
    }
}
