package dev.streaminglab.ingest;

import dev.streaminglab.kafka.KafkaConnection;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where and how a generation sends: shared by the synthetic and the replay command. */
class SendOptions {
    @Option(names = {"-t", "--topic"},
            description = "topic for readings (default: ${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--devices-topic",
            description = "compacted registry topic (default: ${DEFAULT-VALUE})")
    String devicesTopic;

    @Mixin
    ProducerOptions producer;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    Generator generator(KafkaConnection kafka) {
        return new Generator(kafka, producer.tuning(), !noProgress);
    }
}
