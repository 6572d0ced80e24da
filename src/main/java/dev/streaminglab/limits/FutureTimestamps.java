package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.limits.Workbench.Rec;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * A far-future event time: the input topic accepts the record (its own timestamp is the send time), but the
 * application takes its event time from the payload, and every record Kafka Streams writes with it (the count's
 * changelog, the output) is refused by the broker, whose message.timestamp.after.max.ms is one hour since Kafka 4.0.
 * Without a production handler the application stops on the first one.
 */
final class FutureTimestamps implements Experiment {
    static final Duration AHEAD = Duration.ofDays(2);
    /** Readings before and after the one from the future. */
    static final int ON_TIME = 10;

    private static final About ABOUT = new About("future-timestamps", "Time: event times in the future",
            "What does one reading timestamped two days ahead do to an application that uses event time?",
            "Kafka 4 brokers refuse records more than 1 hour ahead of their clock (message.timestamp.after.max.ms, "
                    + "KIP-1030), internal topics included. Kafka Streams writes changelog and output records with "
                    + "the event time, so the default production handler stops the application on the first one.",
            "1 partition; the value carries the event time, a TimestampExtractor uses it; count by key to an output "
                    + "topic; 10 readings now, 1 reading 2 days ahead, 10 more now; with the default handlers, with "
                    + "a production handler that resumes, and with event times checked at the edge.",
            "Validate event times where data enters (refuse more than a bound into the future, to a dead-letter "
                    + "topic, as the kit's pipeline does); or set a production exception handler that resumes and "
                    + "counts; keep the broker limit.",
            List.of(Source.kip(1030, "Change constraints and default values for various configurations"),
                    Source.docs("configuration/broker-configs", "Broker configuration, log.message.timestamp.after.max.ms"),
                    Source.docs("streams/developer-guide/config-streams",
                            "Streams configuration, production.exception.handler")));

    /** The event time is the value: what a device's clock wrote in the payload. */
    public static final class PayloadTime implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            return Long.parseLong(String.valueOf(record.value()));
        }
    }

    /** The edge check: an event time more than an hour ahead is not believed; the send time is used instead. */
    public static final class CheckedPayloadTime implements TimestampExtractor {
        @Override
        public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
            long claimed = Long.parseLong(String.valueOf(record.value()));
            return implausible(claimed, record.timestamp()) ? record.timestamp() : claimed;
        }
    }

    /** Resumes after a refused write and counts it (Streams creates it from its class name: the count is shared). */
    public static final class ResumeAndCount implements ProductionExceptionHandler {
        static final AtomicLong REFUSED = new AtomicLong();

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                Exception exception) {
            REFUSED.incrementAndGet();
            return Response.resume();
        }

        @Override
        public void configure(Map<String, ?> configs) {
            // nothing to configure
        }
    }

    static boolean implausible(long eventTime, long sentAt) {
        return eventTime > sentAt + Duration.ofHours(1).toMillis();
    }

    /** The ways the experiment runs the same topology. */
    enum Guard {
        NONE("default handlers"),
        HANDLER("production handler resumes"),
        EDGE("event time checked at the edge");

        final String label;

        Guard(String label) {
            this.label = label;
        }
    }

    @Override
    public About about() {
        return ABOUT;
    }

    /** Counts per key, event time from the value; with the edge check, implausible readings go to {@code rejected}. */
    static Topology topology(String in, String out, String rejected, Guard guard) {
        StreamsBuilder b = new StreamsBuilder();
        var readings = b.<String, String>stream(in, Consumed.with(Serdes.String(), Serdes.String())
                .withTimestampExtractor(guard == Guard.EDGE ? new CheckedPayloadTime() : new PayloadTime()));
        if (guard == Guard.EDGE) {
            readings.filter((k, v) -> implausible(Long.parseLong(v), System.currentTimeMillis())).to(rejected);
            readings = readings.filterNot((k, v) -> implausible(Long.parseLong(v), System.currentTimeMillis()));
        }
        readings.groupByKey().count().toStream().to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(
                lab.arm(Guard.NONE.label, bench -> once(bench, Guard.NONE)),
                lab.arm(Guard.HANDLER.label, bench -> once(bench, Guard.HANDLER)),
                lab.arm(Guard.EDGE.label, bench -> once(bench, Guard.EDGE))));
    }

    private static Take once(Workbench bench, Guard guard) {
        String in = bench.topic("in", 1);
        String out = bench.topic("out", 1);
        String rejected = bench.topic("rejected", 1);
        ResumeAndCount.REFUSED.set(0);
        Map<String, Object> config = guard == Guard.HANDLER
                ? Map.of(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ResumeAndCount.class) : Map.of();
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, out, rejected, guard), config)
                .startAndAwaitRunning();
        long now = System.currentTimeMillis();
        List<Rec> readings = new ArrayList<>();
        for (int i = 0; i < ON_TIME; i++) {
            readings.add(Rec.of("d" + i, String.valueOf(now), now));
        }
        readings.add(Rec.of("future", String.valueOf(now + AHEAD.toMillis()), now));
        for (int i = 0; i < ON_TIME; i++) {
            readings.add(Rec.of("d" + i, String.valueOf(now), now));
        }
        bench.produce(in, readings);
        int expected = guard == Guard.NONE ? 2 * ON_TIME + 1 : 2 * ON_TIME;
        var outputs = bench.readUntilFailed(out, expected, Duration.ofSeconds(60), new LongDeserializer());
        if (guard == Guard.NONE) {
            Workbench.awaitStopped(app);
        }
        Throwable root = app.error().map(Workbench::rootCause).orElse(null);
        return new Take().fact("inputAccepted", readings.size())
                .fact("brokerLimit", bench.topicConfig(out, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_CONFIG))
                .fact("state", app.streams().state().name())
                .fact("error", root == null ? "none" : root.getClass().getSimpleName() + ": "
                        + bench.anonymous(root.getMessage()))
                .fact("outputRecords", outputs.size())
                .fact("refusedWritesResumed", ResumeAndCount.REFUSED.get())
                .fact("rejectedAtTheEdge", bench.readUntilFailed(rejected, 1,
                        Duration.ofSeconds(guard == Guard.EDGE ? 30 : 1), new StringDeserializer()).size());
    }

    @Override
    public Finding read(Evidence e) {
        String none = Guard.NONE.label;
        String handler = Guard.HANDLER.label;
        String edge = Guard.EDGE.label;
        return new Finding(Verdict.LIMIT, "the input accepted all " + e.count(Lab.RUN, none, "inputAccepted")
                + " readings; with default handlers the application is " + e.text(Lab.RUN, none, "state") + " after "
                + e.count(Lab.RUN, none, "outputRecords") + " outputs (" + e.text(Lab.RUN, none, "error")
                + "); with a resuming production handler " + e.text(Lab.RUN, handler, "state") + ", "
                + e.count(Lab.RUN, handler, "refusedWritesResumed") + " refused writes skipped",
                "checking event times at the edge kept it " + e.text(Lab.RUN, edge, "state") + " with "
                        + e.count(Lab.RUN, edge, "outputRecords") + " outputs and "
                        + e.count(Lab.RUN, edge, "rejectedAtTheEdge") + " reading sent to a rejected topic");
    }
}
