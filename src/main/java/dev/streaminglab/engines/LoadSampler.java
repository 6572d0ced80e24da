package dev.streaminglab.engines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples, every {@link #PERIOD_MS} while a trial runs: the engine process's CPU time and resident memory, and
 * the whole machine's busy cores (/proc/stat) and load average, so that every figure comes with how busy the
 * machine was (other engineers' jobs share the two cores).
 */
final class LoadSampler implements AutoCloseable {
    static final long PERIOD_MS = 250;

    /** One sample: when (epoch ms), the engine's CPU seconds and RSS, the machine's busy cores and load. */
    record Sample(long millis, double engineCpuSeconds, long engineRssBytes, double machineBusyCores, double load1) {
    }

    private final EngineProcess engine;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    LoadSampler(EngineProcess engine) {
        this.engine = engine;
        thread = new Thread(this::loop, "load-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long[] previous = machineTicks();
        while (running) {
            try {
                Thread.sleep(PERIOD_MS); // a sampling period, not a synchronisation
            } catch (InterruptedException e) {
                return;
            }
            long[] now = machineTicks();
            double busyCores = 0;
            if (previous != null && now != null && now[1] > previous[1]) {
                busyCores = (double) (now[0] - previous[0]) / (now[1] - previous[1]) * Runtime.getRuntime().availableProcessors();
            }
            previous = now;
            Sample s = new Sample(System.currentTimeMillis(), engine.cpuSeconds(), engine.rssBytes(), busyCores, load1());
            synchronized (this) {
                samples.add(s);
            }
        }
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    /** The engine's CPU seconds at the sample nearest to {@code millis} (epoch ms). */
    synchronized double cpuSecondsAt(long millis) {
        Sample best = null;
        for (Sample s : samples) {
            if (!Double.isNaN(s.engineCpuSeconds()) && (best == null
                    || Math.abs(s.millis() - millis) < Math.abs(best.millis() - millis))) {
                best = s;
            }
        }
        return best == null ? Double.NaN : best.engineCpuSeconds();
    }

    /** Mean busy cores of the whole machine between two instants (epoch ms). */
    synchronized double machineBusyCores(long fromMillis, long toMillis) {
        return samples.stream().filter(s -> s.millis() >= fromMillis && s.millis() <= toMillis)
                .mapToDouble(Sample::machineBusyCores).average().orElse(Double.NaN);
    }

    synchronized double maxLoad1() {
        return samples.stream().mapToDouble(Sample::load1).max().orElse(Double.NaN);
    }

    /** Busy and total jiffies of all CPUs (first line of /proc/stat), or null off Linux. */
    private static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double load1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
