package dev.streaminglab.process;

import dev.streaminglab.domain.DeadLetterHeaders;
import dev.streaminglab.domain.DeadLetterReason;
import dev.streaminglab.kafka.HeaderText;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second line of defence, behind validation: whatever Kafka Streams hands to an exception handler (a record a
 * typed topic cannot read, a processor that throws, a write the broker refuses) becomes a dead letter in the
 * kit's own format ({@link DeadLetterHeaders}) on {@code errors.dead.letter.queue.topic.name} (KIP-1034), and
 * the application goes on. The default handlers would stop the client, and on restart it would meet the same
 * uncommitted record: a crash loop.
 * <ul>
 * <li>{@link Deserialization}: UNREADABLE, the record's own key and bytes;</li>
 * <li>{@link Processing}: PROCESSING_FAILED, the key and bytes that entered the sub-topology;</li>
 * <li>{@link Production}: BROKER_REFUSED, the refused record's key and bytes and its target topic (the input
 * record is not known any more when the broker answers).</li>
 * </ul>
 * The global thread (the registry) has no producer in Kafka Streams 4.3 (KIP-1295 is only proposed): a dead
 * letter handed back there fails the thread with a ClassCastException, so for it the handlers log and resume.
 * The registry's bad rows get their dead letters from {@link RegistryCheck} instead.
 */
public final class ErrorsToDeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorsToDeadLetters.class);
    /** The global thread's task id in Kafka Streams ({@code GlobalProcessorContextImpl}). */
    private static final int GLOBAL_SUBTOPOLOGY = -1;

    private ErrorsToDeadLetters() {
    }

    /** Sets the three handlers and the dead-letter topic on a Streams configuration. */
    static void configure(Map<Object, Object> props, String deadLetterTopic) {
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, Deserialization.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, Processing.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, Production.class);
    }

    /** Reads the dead-letter topic from the Streams configuration it is given. */
    private abstract static class Handler {
        private String topic;

        public void configure(Map<String, ?> configs) {
            Object t = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
            topic = t == null ? null : t.toString();
        }

        /** No dead letter where none can be sent: without a topic, or on the global thread. */
        List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key, byte[] value,
                Headers original, DeadLetterReason reason, Exception e, String extra) {
            String detail = e.getClass().getSimpleName() + ": " + e.getMessage() + extra;
            if (topic == null || context.taskId().subtopology() == GLOBAL_SUBTOPOLOGY) {
                LOG.warn("{} in {} ({}@{}), no dead letter possible here, record skipped: {}", reason,
                        context.processorNodeId(), context.topic(), context.offset(), detail);
                return List.of();
            }
            LOG.warn("{} in {} ({}-{}@{}), sent to {}: {}", reason, context.processorNodeId(), context.topic(),
                    context.partition(), context.offset(), topic, detail);
            Headers h = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
            HeaderText.put(h, DeadLetterHeaders.REASON, reason.name());
            HeaderText.put(h, DeadLetterHeaders.DETAIL, detail);
            HeaderText.put(h, DeadLetterHeaders.STAGE, context.processorNodeId() == null ? "kafka-streams"
                    : context.processorNodeId());
            if (context.topic() != null) {
                HeaderText.put(h, DeadLetterHeaders.SOURCE_TOPIC, context.topic());
                HeaderText.put(h, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(context.partition()));
                HeaderText.put(h, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(context.offset()));
            }
            // No timestamp: the producer stamps the time of sending, as a bad one may be what went wrong.
            return List.of(new ProducerRecord<>(topic, null, null, key, value, h));
        }
    }

    /** A record of a typed topic that does not deserialize: UNREADABLE. */
    public static final class Deserialization extends Handler implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                Exception exception) {
            return Response.resume(deadLetter(context, record.key(), record.value(), record.headers(),
                    DeadLetterReason.UNREADABLE, exception, ""));
        }
    }

    /** A processor that threw: PROCESSING_FAILED, with the input as it entered the sub-topology. */
    public static final class Processing extends Handler implements ProcessingExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            return Response.resume(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(),
                    context.headers(), DeadLetterReason.PROCESSING_FAILED, exception, ""));
        }
    }

    /**
     * A write the broker refused (e.g. a timestamp beyond its {@code message.timestamp.after.max.ms}), or a value
     * that does not serialize: BROKER_REFUSED, with the refused record itself.
     */
    public static final class Production extends Handler implements ProductionExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                Exception exception) {
            return Response.resume(deadLetter(context, record.key(), record.value(), record.headers(),
                    DeadLetterReason.BROKER_REFUSED, exception, target(record)));
        }

        @Override
        @SuppressWarnings("rawtypes")
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record,
                Exception exception, SerializationExceptionOrigin origin) {
            return Response.resume(deadLetter(context, context.sourceRawKey(), context.sourceRawValue(),
                    record.headers(), DeadLetterReason.PROCESSING_FAILED, exception,
                    " (serializing the " + origin.name().toLowerCase(Locale.ROOT) + " for " + record.topic() + ")"));
        }

        private static String target(ProducerRecord<?, ?> record) {
            return " (writing to " + record.topic() + ", timestamp " + record.timestamp() + ")";
        }
    }
}
