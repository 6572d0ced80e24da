package dev.streaminglab.ingest;

import dev.streaminglab.cluster.ConnectionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code Generate.java}: synthetic telemetry (the default), a replay of real data, or the device registry alone. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = GeneratorDefaults.class,
        subcommands = {GenerateCommand.Replay.class, GenerateCommand.Registry.class},
        description = {"Send synthetic sensor readings to telemetry.raw (key = device id, value = reading JSON), "
                + "with exact numbers of out-of-order, late and malformed records, after publishing the device "
                + "registry to the compacted topic 'devices'. Creates both topics if missing. Ctrl-C stops cleanly "
                + "and prints the summary.",
            "Subcommands: 'replay' sends the real UCI air-quality file; 'registry' only publishes the registry."},
        footer = {"", "Examples:",
            "  Generate.java --count 100000 --rate max --malformed 0.01",
            "  Generate.java --count 0 --duration 5m --rate 200 --skew zipf \\",
            "      --burst-every 60s --burst-length 10s --burst-factor 5",
            "  Generate.java replay --speedup 3600",
            "  Generate.java registry"})
public class GenerateCommand implements Callable<Integer> {
    @Mixin
    ConnectionOptions connection;

    @Option(names = "--devices",
            description = "devices (the lab's 54 motes; more get generated positions) (default: ${DEFAULT-VALUE})")
    int devices;

    @Option(names = "--sites",
            description = "sites: bands across the lab (default: ${DEFAULT-VALUE})")
    int sites;

    @Option(names = "--rate", converter = Flags.RateFlag.class, paramLabel = "N|max",
            description = "records per second, or max (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = {"-n", "--count"},
            description = "records to send; 0 = run for --duration (default: ${DEFAULT-VALUE})")
    long count;

    @Option(names = "--duration", converter = Flags.DurationFlag.class, paramLabel = "30s|5m",
            description = "stop after this long (with --count 0: the only limit)")
    Duration duration;

    @Option(names = "--skew", converter = Flags.SkewFlag.class, paramLabel = "uniform|zipf",
            description = "how readings spread over devices (default: ${DEFAULT-VALUE})")
    KeySkew skew;

    @Option(names = "--zipf-exponent",
            description = "Zipf exponent s: device k gets weight 1/k^s (default: ${DEFAULT-VALUE})")
    double zipfExponent;

    @Option(names = "--out-of-order", paramLabel = "F",
            description = "fraction of records behind the stream, inside the grace period (default: ${DEFAULT-VALUE})")
    double outOfOrder;

    @Option(names = "--out-of-order-spread", converter = Flags.DurationFlag.class,
            description = "how far behind out-of-order records lie, at most the 30 s grace (default: ${DEFAULT-VALUE})")
    Duration outOfOrderSpread;

    @Option(names = "--late", paramLabel = "F",
            description = "fraction of records older than their windows' close (default: ${DEFAULT-VALUE})")
    double late;

    @Option(names = "--malformed", paramLabel = "F",
            description = "fraction of malformed records, split evenly over bad JSON, missing field, out of range, unknown device (default: ${DEFAULT-VALUE})")
    double malformed;

    @Option(names = "--burst-every", converter = Flags.DurationFlag.class,
            description = "start a burst this often; 0s = no bursts (default: ${DEFAULT-VALUE})")
    Duration burstEvery;

    @Option(names = "--burst-length", converter = Flags.DurationFlag.class,
            description = "how long a burst lasts (default: ${DEFAULT-VALUE})")
    Duration burstLength;

    @Option(names = "--burst-factor",
            description = "rate multiplier during a burst (default: ${DEFAULT-VALUE})")
    double burstFactor;

    @Option(names = "--seed",
            description = "random seed: same seed and flags, same records (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--start", paramLabel = "2026-01-01T00:00:00Z",
            description = "event time of the first record (default: now)")
    Instant start;

    @Option(names = "--interval", converter = Flags.DurationFlag.class,
            description = "event-time gap between two readings of a device (default: ${DEFAULT-VALUE})")
    Duration interval;

    @Mixin
    SendOptions send;

    @Override
    public Integer call() {
        GeneratorSettings settings = settings();
        var generator = send.generator(connection.connection());
        return printSummary(generator, () -> generator.synthetic(settings));
    }

    /** The settings the flags describe. */
    GeneratorSettings settings() {
        return new GeneratorSettings(devices, sites, rate, count, duration, skew, zipfExponent, outOfOrder,
                outOfOrderSpread, late, malformed, new Burst(burstEvery, burstLength, burstFactor), seed, start, interval,
                send.topic, send.devicesTopic);
    }

    /** Runs the generation; Ctrl-C stops it, and the summary is printed either way before the JVM exits. */
    static int printSummary(Generator generator, Supplier<GeneratorSummary> generation) {
        CountDownLatch printed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            generator.stop();
            try {
                printed.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "generator-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            GeneratorSummary summary = generation.get();
            System.out.print(summary.text());
            System.out.flush();
            return summary.failed() == 0 ? 0 : 1;
        } finally {
            printed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and lets the JVM exit once the summary is out.
            }
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
            defaultValueProvider = GeneratorDefaults.class,
            description = "Replay the UCI air-quality file as is (header, -200 markers, empty rows) as readings of "
                    + "device airquality-1, event times preserved (local time read as UTC+01:00), after publishing "
                    + "that device to the registry. -200 becomes an out-of-range reading, an empty row one with "
                    + "missing fields.")
    static class Replay implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--file",
                description = "the CSV to replay (default: datasets/AirQualityUCI.csv of the checkout)")
        Path file;

        @Option(names = "--speedup", converter = Flags.RateFlag.class, paramLabel = "N|max",
                description = "how much faster than real time: 3600 = an hour of data per second; max = no pacing (default: ${DEFAULT-VALUE})")
        double speedup;

        @Mixin
        SendOptions send;

        @Override
        public Integer call() {
            var generator = send.generator(connection.connection());
            AirQualityReplay data = AirQualityReplay.load(file != null ? file : AirQualityReplay.defaultFile());
            System.out.println(data.describe());
            return printSummary(generator, () -> generator.replay(data, speedup, send.topic, send.devicesTopic));
        }
    }

    @Command(name = "registry", mixinStandardHelpOptions = true, defaultValueProvider = GeneratorDefaults.class,
            description = "Publish every known device (54 lab motes over 3 sites, and airquality-1) to the compacted registry topic.")
    static class Registry implements Callable<Integer> {
        @Mixin
        ConnectionOptions connection;

        @Option(names = "--devices-topic",
                description = "compacted registry topic (default: ${DEFAULT-VALUE})")
        String devicesTopic;

        @Override
        public Integer call() {
            var kafka = connection.connection();
            kafka.requireReachable();
            int n = DeviceRegistry.all().publish(kafka, devicesTopic);
            System.out.println("published " + n + " devices to " + devicesTopic);
            return 0;
        }
    }
}
