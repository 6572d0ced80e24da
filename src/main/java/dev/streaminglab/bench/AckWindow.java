package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import dev.streaminglab.domain.Json;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The one throughput clock of the producer suite, put into every producer under test through Kafka's
 * {@code interceptor.classes} (ProducerPerformance takes it with {@code --command-property}, the kit's producers
 * through their connection's properties), so each side is measured by the same code in its own JVM: sends and
 * acknowledgements are counted as they happen and {@link AckClock} decides the window. When the window closes the
 * figures go to {@value #FILE} as JSON, and the harness ends the process: what the producer does afterwards
 * (flush, close) is outside every measurement.
 *
 * <p>Latency is acknowledgement time minus the record's timestamp, which the producer sets when {@code send} is
 * called (topics with CreateTime), in milliseconds as ProducerPerformance reports it.
 */
public final class AckWindow implements ProducerInterceptor<Object, Object> {
    public static final String FILE = "bench.window.file";
    public static final String WARMUP_MS = "bench.window.warmup.ms";
    public static final String MEASURE_MS = "bench.window.measure.ms";
    private static final long TICK_MS = 5;
    private static final long MAX_LATENCY_MS = TimeUnit.MINUTES.toMillis(10);

    /** What the window saw, with the JVM's flags; same field names as ProducerPerformance's summary. */
    public record Figures(long records, long bytes, double seconds, double secondsBeforeWindow, long sendsInWarmup,
            double avgLatencyMs, double p50Ms, double p95Ms, double p99Ms, double p999Ms, double maxLatencyMs,
            long failures, List<String> jvmFlags) {
        public double recordsPerSec() {
            return records / seconds;
        }

        public double mbPerSec() {
            return bytes / (1024.0 * 1024.0) / seconds;
        }

        static Optional<Figures> read(Path file) {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            try {
                return Optional.of(Json.MAPPER.readValue(file.toFile(), Figures.class));
            } catch (IOException e) {
                throw new LabException("cannot read the producer's figures " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private final AtomicLong sends = new AtomicLong();
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong ackedBytes = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Recorder latencies = new Recorder(MAX_LATENCY_MS, 3);
    private volatile boolean measuring;
    private ScheduledExecutorService timer;
    private Path file;
    private AckClock clock;

    @Override
    public void configure(Map<String, ?> configs) {
        file = Path.of(String.valueOf(configs.get(FILE)));
        clock = new AckClock(TimeUnit.MILLISECONDS.toNanos(Long.parseLong(String.valueOf(configs.get(WARMUP_MS)))),
                TimeUnit.MILLISECONDS.toNanos(Long.parseLong(String.valueOf(configs.get(MEASURE_MS)))));
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ack-window");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
        sends.incrementAndGet();
        return record;
    }

    @Override
    public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
        if (exception != null) {
            failures.incrementAndGet();
            return;
        }
        if (measuring) {
            latencies.recordValue(Math.min(MAX_LATENCY_MS, Math.max(0, System.currentTimeMillis() - metadata.timestamp())));
        }
        ackedBytes.addAndGet(Math.max(0, metadata.serializedKeySize()) + Math.max(0, metadata.serializedValueSize()));
        acks.incrementAndGet();
    }

    private synchronized void tick() {
        AckClock.Phase before = clock.phase();
        AckClock.Phase now = clock.tick(System.nanoTime(), sends.get(), acks.get(), ackedBytes.get());
        if (before != now && now == AckClock.Phase.MEASURING) {
            latencies.reset();
            measuring = true;
        } else if (before != now && now == AckClock.Phase.DONE) {
            measuring = false;
            write(latencies.getIntervalHistogram());
            timer.shutdown();
        }
    }

    private void write(Histogram h) {
        Figures f = new Figures(clock.acksInWindow(), clock.bytesInWindow(), clock.windowSeconds(),
                clock.secondsBeforeWindow(), clock.sendsInWarmup(), h.getMean(), h.getValueAtPercentile(50),
                h.getValueAtPercentile(95), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue(),
                failures.get(), ManagementFactory.getRuntimeMXBean().getInputArguments());
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.text(f));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new LabException("cannot write the producer's figures to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
