package dev.streaminglab.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Samples the machine every second while a measurement runs: CPU time by kind from {@code /proc/stat}, the load
 * average, and the CPU of every process that is neither this JVM nor one of its descendants (brokers and client
 * JVMs the measurement started) nor a process registered as part of it (a cluster started earlier). That last
 * figure says whether the run shared the cores with something else.
 *
 * <p>A run that starts a program of its own (an engine, a tool) can also {@link #follow} it: its CPU time and memory
 * are then read every {@value #FOLLOW_PERIOD_MS} ms, finer than the machine, so CPU per second over a few seconds
 * of the run is accurate.
 */
public final class LoadSampler implements AutoCloseable {
    private static final Path STAT = Path.of("/proc/stat");
    private static final Path LOADAVG = Path.of("/proc/loadavg");
    public static final long FOLLOW_PERIOD_MS = 250;

    private final Set<Long> alsoOurs;
    private final ScheduledExecutorService timer;
    private final List<Followed> followed = new ArrayList<>();
    private long[] lastCpu;
    private Map<Long, Long> lastTicks = new HashMap<>();
    private int samples;
    private double user;
    private double system;
    private double steal;
    private double outside;
    private double maxLoad;

    private LoadSampler(Set<Long> alsoOurs) {
        this.alsoOurs = Set.copyOf(alsoOurs);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "load-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts sampling; {@code alsoOurs} are pids outside this JVM's tree that belong to the measurement. */
    public static LoadSampler start(Set<Long> alsoOurs) {
        LoadSampler s = new LoadSampler(alsoOurs);
        s.sample();
        s.timer.scheduleAtFixedRate(s::sample, 1, 1, TimeUnit.SECONDS);
        s.timer.scheduleAtFixedRate(s::sampleFollowed, FOLLOW_PERIOD_MS, FOLLOW_PERIOD_MS, TimeUnit.MILLISECONDS);
        return s;
    }

    /** Reads {@code process} from now until it ends or sampling stops (a restarted program is followed anew). */
    public synchronized Followed follow(ProcessHandle process) {
        Followed f = new Followed(process.pid());
        f.sample();
        followed.add(f);
        return f;
    }

    /** The readings of one followed process. */
    public static final class Followed {
        private final long pid;
        private final List<ProcessUsage> readings = new ArrayList<>();

        private Followed(long pid) {
            this.pid = pid;
        }

        private synchronized void sample() {
            ProcessUsage.read(pid).ifPresent(readings::add);
        }

        public synchronized List<ProcessUsage> readings() {
            return List.copyOf(readings);
        }

        /** The process's CPU seconds at the reading nearest to {@code millis} (epoch ms); NaN without readings. */
        public synchronized double cpuSecondsAt(long millis) {
            return readings.stream().min((a, b) -> Long.compare(Math.abs(a.atMillis() - millis),
                    Math.abs(b.atMillis() - millis))).map(ProcessUsage::cpuSeconds).orElse(Double.NaN);
        }

        /** The highest resident memory the kernel saw (VmHWM), read once more now if the process still runs. */
        public long peakRssBytes() {
            sample();
            synchronized (this) {
                return readings.stream().mapToLong(ProcessUsage::peakRssBytes).max().orElse(0);
            }
        }
    }

    /** Stops and returns the averages over the samples taken (each sample covers the second before it). */
    public synchronized LoadSummary stop() {
        timer.shutdownNow();
        sample();
        sampleFollowed();
        if (samples == 0) {
            return LoadSummary.NONE;
        }
        return new LoadSummary(samples, user / samples, system / samples, steal / samples, outside / samples, maxLoad);
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void sampleFollowed() {
        followed.forEach(Followed::sample);
    }

    private synchronized void sample() {
        try {
            long[] cpu = cpuTicks();
            Map<Long, Long> ticks = processTicks();
            maxLoad = Math.max(maxLoad, Double.parseDouble(Files.readString(LOADAVG).trim().split("\\s+")[0]));
            if (lastCpu != null) {
                double total = 0;
                for (int i = 0; i < cpu.length; i++) {
                    total += cpu[i] - lastCpu[i];
                }
                if (total > 0) {
                    Set<Long> ours = ourProcesses();
                    long outsideTicks = 0;
                    for (Map.Entry<Long, Long> e : ticks.entrySet()) {
                        if (!ours.contains(e.getKey())) {
                            outsideTicks += Math.max(0, e.getValue() - lastTicks.getOrDefault(e.getKey(), 0L));
                        }
                    }
                    // /proc/stat: user nice system idle iowait irq softirq steal
                    user += 100 * (cpu[0] - lastCpu[0] + cpu[1] - lastCpu[1]) / total;
                    system += 100 * (cpu[2] - lastCpu[2] + cpu[5] - lastCpu[5] + cpu[6] - lastCpu[6]) / total;
                    steal += 100 * (cpu[7] - lastCpu[7]) / total;
                    outside += 100 * outsideTicks / total;
                    samples++;
                }
            }
            lastCpu = cpu;
            lastTicks = ticks;
        } catch (IOException | RuntimeException notLinux) {
            // No /proc (or a process vanished mid-read): this second goes unsampled, the summary says how many did.
        }
    }

    private Set<Long> ourProcesses() {
        Set<Long> ours = new HashSet<>(alsoOurs);
        ProcessHandle self = ProcessHandle.current();
        ours.add(self.pid());
        self.descendants().forEach(p -> ours.add(p.pid()));
        return ours;
    }

    private static long[] cpuTicks() throws IOException {
        String[] f = Files.readAllLines(STAT).get(0).trim().split("\\s+");
        long[] ticks = new long[8];
        for (int i = 0; i < ticks.length; i++) {
            ticks[i] = Long.parseLong(f[i + 1]);
        }
        return ticks;
    }

    /** utime + stime of every process, by pid. */
    private static Map<Long, Long> processTicks() throws IOException {
        Map<Long, Long> out = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // The command name may hold spaces and parentheses: fields start after the last ')'.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    out.put(Long.parseLong(p.getFileName().toString()), Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException gone) {
                    // the process ended between listing and reading
                }
            });
        }
        return out;
    }
}
