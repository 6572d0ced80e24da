package dev.streaminglab.limits;

import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.kafka.TopicReader;
import dev.streaminglab.measure.Row;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The default error handlers fail: one record that does not deserialize, or one that makes a processor throw, stops
 * the application. Handlers that continue, with the dead-letter queue of KIP-1034, keep it running and keep the bad
 * records.
 */
final class ErrorHandlers implements Experiment {
    static final int READINGS = 20;
    /** The reading whose processing throws. */
    static final long POISON = 13;
    /** Written after reading 10: four bytes where a long takes eight. */
    static final byte[] MALFORMED = {'o', 'o', 'p', 's'};

    private static final About ABOUT = new About("error-handlers", "Guarantees: the default error handlers fail",
            "What does one malformed record, or one record a processor cannot handle, do to an application left "
                    + "with the default handlers?",
            "The defaults (LogAndFailExceptionHandler for deserialization, LogAndFailProcessingExceptionHandler, "
                    + "DefaultProductionExceptionHandler) stop the stream thread on the first bad record; handlers "
                    + "that continue, with errors.dead.letter.queue.topic.name (KIP-1034), keep the application up and "
                    + "the bad records in a topic.",
            "1 partition, 20 readings (longs) and one 4-byte malformed record after reading 10; the topology doubles "
                    + "each reading and throws on reading 13; with the defaults, with a continuing deserialization "
                    + "handler only, and with continuing handlers and a dead-letter queue topic.",
            "Set deserialization.exception.handler and processing.exception.handler to continue, with a "
                    + "dead-letter queue topic, and alert on dropped-records-total; the kit's pipeline validates at "
                    + "the edge and routes refusals to a dead-letter topic with the reason.",
            List.of(Source.kip(1033, "Add Kafka Streams exception handler for exceptions occurring during processing"),
                    Source.kip(1034, "Dead letter queue in Kafka Streams"),
                    Source.docs("streams/developer-guide/config-streams", "Streams configuration, exception handlers")));

    /** How bad records are handled. */
    enum Handling {
        DEFAULTS("default handlers"),
        DESERIALIZATION_ONLY("deserialization handler continues"),
        CONTINUE_WITH_DLQ("both continue, dead-letter queue");

        final String label;

        Handling(String label) {
            this.label = label;
        }
    }

    @Override
    public About about() {
        return ABOUT;
    }

    /** Doubles every reading; reading {@link #POISON} throws. */
    static Topology topology(String in, String out) {
        StreamsBuilder b = new StreamsBuilder();
        b.stream(in, Consumed.with(Serdes.String(), Serdes.Long())).mapValues(v -> {
            if (v == POISON) {
                throw new IllegalArgumentException("reading " + v + " cannot be processed");
            }
            return v * 2;
        }).to(out, Produced.with(Serdes.String(), Serdes.Long()));
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(Stream.of(Handling.values())
                .map(h -> lab.arm(h.label, bench -> once(bench, h))).toList()));
    }

    private static Take once(Workbench bench, Handling handling) {
        String in = bench.topic("in", 1);
        String out = bench.topic("out", 1);
        String dlq = bench.topic("dlq", 1);
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(bench.kafka().producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            LongSerializer longs = new LongSerializer();
            for (long v = 1; v <= READINGS; v++) {
                p.send(new ProducerRecord<>(in, ("d" + v).getBytes(), longs.serialize(in, v)));
                if (v == READINGS / 2) {
                    p.send(new ProducerRecord<>(in, "bad".getBytes(), MALFORMED));
                }
            }
            p.flush();
        }
        Map<String, Object> config = new HashMap<>();
        if (handling != Handling.DEFAULTS) {
            config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        }
        if (handling == Handling.CONTINUE_WITH_DLQ) {
            config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueProcessingExceptionHandler.class);
            config.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, dlq);
        }
        // The records are there before the start: an instance that fails may never be seen RUNNING.
        StreamsRunner app = bench.app(bench.appId("app"), "a", topology(in, out), config).start();
        int valid = READINGS - 1;
        var outputs = bench.readUntilFailed(out, valid, Duration.ofSeconds(60), new LongDeserializer());
        if (handling != Handling.CONTINUE_WITH_DLQ) {
            Workbench.awaitStopped(app);
            // What the failed instance really wrote: the reader above may have stopped before its last sends landed.
            outputs = TopicReader.of(bench.kafka(), new StringDeserializer(), new LongDeserializer())
                    .toEnd(out, Duration.ofSeconds(30));
        }
        var dead = bench.readUntilFailed(dlq, 2, Duration.ofSeconds(handling == Handling.CONTINUE_WITH_DLQ ? 30 : 1),
                new StringDeserializer());
        TreeSet<String> headers = new TreeSet<>();
        dead.forEach(r -> r.headers().forEach((Header h) -> headers.add(h.key())));
        Throwable root = app.error().map(Workbench::rootCause).orElse(null);
        return new Take().fact("state", app.streams().state().name())
                .fact("error", root == null ? "none" : root.getClass().getSimpleName() + ": "
                        + bench.anonymous(root.getMessage()))
                .fact("outputs", outputs.size())
                .fact("droppedRecordsMetric", (long) Metrics.sum(app.streams(), "stream-task-metrics",
                        "dropped-records-total"))
                .fact("deadLetters", dead.size())
                .fact("deadLetterHeaders", String.join(",", headers));
    }

    @Override
    public Finding read(Evidence e) {
        String defaults = Handling.DEFAULTS.label;
        String deser = Handling.DESERIALIZATION_ONLY.label;
        String dlq = Handling.CONTINUE_WITH_DLQ.label;
        return new Finding(Verdict.LIMIT, "default handlers: " + e.text(Lab.RUN, defaults, "state") + " after "
                + e.count(Lab.RUN, defaults, "outputs") + " of " + (READINGS - 1) + " outputs ("
                + e.text(Lab.RUN, defaults, "error") + "); continuing on bad bytes only: " + e.text(Lab.RUN, deser,
                "state") + " after " + e.count(Lab.RUN, deser, "outputs") + " (" + e.text(Lab.RUN, deser, "error") + ")",
                "continuing handlers with a dead-letter queue: " + e.text(Lab.RUN, dlq, "state") + ", "
                        + e.count(Lab.RUN, dlq, "outputs") + " outputs, " + e.count(Lab.RUN, dlq, "deadLetters")
                        + " records in the dead-letter topic, dropped-records-total "
                        + e.count(Lab.RUN, dlq, "droppedRecordsMetric"));
    }
}
