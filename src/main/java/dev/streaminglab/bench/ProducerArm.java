package dev.streaminglab.bench;

import dev.streaminglab.Cli;
import dev.streaminglab.costs.ClientJvm;
import dev.streaminglab.ingest.GenerateCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The producers under test and how each is started: Kafka's ProducerPerformance, the kit's plain loop
 * ({@link KitProducer}) and the real generator ({@code Generate.java --rate max}). Each gets the point's settings
 * and the same client properties file (with {@link AckWindow}, and {@link DeviceKeys} where the tool must send the
 * generator's keys), and runs in a JVM of its own with {@link ClientJvm#CLIENT_HEAP}.
 */
enum ProducerArm {
    TOOL("ProducerPerformance"),
    KIT("kit-producer"),
    GENERATOR("generator");

    /** The generator's flag for each producer setting it takes: it is given every one the tool is given. */
    static final Map<String, String> GENERATOR_FLAGS = Map.of("acks", "--acks", "linger.ms", "--linger-ms",
            "batch.size", "--batch-size", "compression.type", "--compression", "enable.idempotence", "--idempotence");

    final String label;

    ProducerArm(String label) {
        this.label = label;
    }

    /** The interceptors this producer needs on this point, AckWindow last (it sees what is really sent). */
    List<String> interceptors(ProducerPoint point) {
        List<String> i = new ArrayList<>();
        if (point.deviceKeys() && this != GENERATOR) {
            i.add(DeviceKeys.class.getName());
        }
        i.add(AckWindow.class.getName());
        return i;
    }

    /** The child's main class and arguments. */
    List<String> command(String bootstrap, String topic, String devicesTopic, ProducerPoint point,
            Optional<Path> payloadFile, Path clientProperties) {
        List<String> cmd = new ArrayList<>();
        switch (this) {
            case TOOL -> {
                cmd.add(KafkaTools.PRODUCER_PERFORMANCE);
                cmd.addAll(KafkaTools.producerPerformance(bootstrap, topic, payloadFile, point.recordSize(),
                        point.settings(), clientProperties));
            }
            case KIT -> {
                cmd.addAll(List.of(KitProducer.class.getName(), bootstrap, topic, String.valueOf(point.recordSize()),
                        payloadFile.map(Path::toString).orElse("-"), clientProperties.toString()));
                point.settings().forEach((k, v) -> cmd.add(k + "=" + v));
            }
            case GENERATOR -> {
                cmd.addAll(List.of(Cli.class.getName(), GenerateCommand.class.getName(), "--bootstrap", bootstrap,
                        "--client-config", clientProperties.toString(), "--rate", "max", "--count", "0",
                        "--duration", "1h", "--topic", topic, "--devices-topic", devicesTopic, "--no-progress"));
                GENERATOR_FLAGS.forEach((setting, flag) -> cmd.addAll(List.of(flag, point.settings().get(setting))));
            }
        }
        return cmd;
    }

    /** Starts the producer; it sends until the harness ends it. */
    ClientJvm start(String name, String bootstrap, String topic, String devicesTopic, ProducerPoint point,
            Optional<Path> payloadFile, Path clientProperties, Path logDir, List<String> extraFlags) {
        List<String> cmd = command(bootstrap, topic, devicesTopic, point, payloadFile, clientProperties);
        return ClientJvm.startCommand(name, ClientJvm.flags(ClientJvm.CLIENT_HEAP, extraFlags), cmd.get(0),
                cmd.subList(1, cmd.size()), logDir);
    }

    /** The interceptor settings for one run: where the figures go, warm-up and window. */
    static Map<String, String> windowSettings(List<String> interceptors, Path figures, long warmupMs, long windowMs) {
        return Map.of("interceptor.classes", String.join(",", interceptors), AckWindow.FILE, figures.toString(),
                AckWindow.WARMUP_MS, String.valueOf(warmupMs), AckWindow.MEASURE_MS, String.valueOf(windowMs));
    }
}
