package dev.streaminglab.bench;

import dev.streaminglab.Cli;
import dev.streaminglab.LabException;
import dev.streaminglab.LabHome;
import dev.streaminglab.cluster.RuntimeClasspath;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.measure.ProcessUsage;
import dev.streaminglab.measure.Row;
import dev.streaminglab.measure.Spread;
import dev.streaminglab.pipeline.PipelineCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;

/**
 * What the whole demo holds in memory: {@code ./lab demo} (its cluster, Kafka Connect, PostgreSQL, and its own JVM
 * with the generator, the pipeline and the dashboard) started as a user starts it, but in a network namespace of
 * its own and a work folder of its own, so its fixed ports (9092, 8080, 8083, 5432, 7070) meet nothing else on this
 * machine. Every process in that namespace is the demo's; their resident sets are summed every second once the
 * dashboard is up. Needs root (the namespace); elsewhere the suite says it was skipped.
 */
final class MemorySuite {
    static final String GROUP = "memory";
    static final String DEMO = "whole demo";
    /** {@code ./lab demo}'s command, started by name: the benchmark does not link the demo's code. */
    static final String DEMO_COMMAND = "dev.streaminglab.demo.DemoCommand";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(6);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private MemorySuite() {
    }

    static SuiteResult run(BenchContext ctx, boolean withConnect) {
        List<String> notes = new ArrayList<>();
        if (!ctx.ownCluster || !canIsolate()) {
            return new SuiteResult(List.of(), Map.of(), List.of("The demo's memory was not measured: it needs the "
                    + "benchmark's own machine and root, to run the demo in a network namespace of its own."));
        }
        Path work = ctx.workDir.resolve("demo");
        FileUtils.deleteQuietly(work.toFile());
        Path plugins = LabHome.workDir().resolve("connect-plugins");
        boolean connect = withConnect && Files.isDirectory(plugins);
        if (withConnect && !connect) {
            notes.add("Kafka Connect and PostgreSQL left out: the Connect plugins are not installed (./lab setup).");
        }
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "--", "sh", "-c",
                "ip link set lo up && exec \"$0\" \"$@\"", Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Djava.awt.headless=true", "-cp", RuntimeClasspath.get(), Cli.class.getName(),
                DEMO_COMMAND, "--duration", "1h"));
        if (!connect) {
            cmd.add("--no-connect");
        }
        Map<Long, String> peak = new TreeMap<>();
        List<Double> totals = new ArrayList<>();
        Process demo = null;
        String netns = null;
        try {
            Files.createDirectories(work);
            if (connect) {
                Files.createSymbolicLink(work.resolve("connect-plugins"), plugins);
            }
            Path log = ctx.logDir.resolve("demo.log");
            Files.createDirectories(ctx.logDir);
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("LAB_WORK", work.toString());
            pb.environment().put("LAB_HOME", LabHome.requireCheckout().toString());
            Process started = pb.start();
            demo = started;
            ctx.progress("memory: demo starting");
            Await.until(READY_TIMEOUT, "the demo to print its dashboard address (log " + log + ")", () -> {
                if (!started.isAlive()) {
                    throw new LabException("the demo ended before it was up: see " + log);
                }
                return read(log).contains("dashboard at ");
            });
            netns = Files.readSymbolicLink(Path.of("/proc", String.valueOf(started.pid()), "ns", "net")).toString();
            String ns = netns;
            ctx.progress("memory: sampling the demo's processes");
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
            timer.scheduleAtFixedRate(() -> {
                Map<Long, Long> rss = residentSets(ns);
                double total = rss.values().stream().mapToLong(Long::longValue).sum() / 1024.0 / 1024.0;
                synchronized (totals) {
                    if (totals.isEmpty() || total > totals.stream().mapToDouble(Double::doubleValue).max().orElse(0)) {
                        peak.clear();
                        rss.forEach((pid, bytes) -> peak.put(pid, describe(pid) + " " + Math.round(bytes / 1048576.0)
                                + " MiB"));
                    }
                    totals.add(total);
                }
            }, 0, 1, TimeUnit.SECONDS);
            timer.schedule(timer::shutdown, ctx.profile.demoObservation().toSeconds(), TimeUnit.SECONDS);
            timer.awaitTermination(ctx.profile.demoObservation().toSeconds() + 30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new LabException("cannot run the demo for its memory: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while sampling the demo", e);
        } finally {
            stopAll(demo, netns);
            FileUtils.deleteQuietly(work.toFile());
        }
        Spread rss = Spread.of(totals);
        Row row = Row.of(GROUP, DEMO, "sum of resident sets").param("connect_and_postgres", connect)
                .figure("rss_mib", rss).fact("peak_mib", rss.max()).fact("samples", totals.size())
                .fact("processes_at_peak", String.join("; ", peak.values()));
        Map<String, Object> workload = new LinkedHashMap<>();
        workload.put("demo memory", "./lab demo (DemoCommand, default JVM flags as JBang starts it) in its own network "
                + "namespace; VmRSS of every process in it, summed every second for "
                + ctx.profile.demoObservation().toSeconds() + " s once the dashboard is up");
        return new SuiteResult(List.of(row), workload, notes);
    }

    private static boolean canIsolate() {
        return "root".equals(System.getProperty("user.name")) && onPath("unshare") && onPath("ip");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    /** VmRSS in bytes of every process in the network namespace {@code netns}. */
    static Map<Long, Long> residentSets(String netns) {
        Map<Long, Long> out = new TreeMap<>();
        for (long pid : pidsIn(netns)) {
            // Kernel threads have no VmRSS line, read as 0: they are not the demo's.
            ProcessUsage.read(pid).filter(u -> u.rssBytes() > 0).ifPresent(u -> out.put(pid, u.rssBytes()));
        }
        return out;
    }

    private static List<Long> pidsIn(String netns) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readSymbolicLink(p.resolve("ns").resolve("net")).toString().equals(netns);
                        } catch (IOException | RuntimeException gone) {
                            return false;
                        }
                    }).map(p -> Long.parseLong(p.getFileName().toString())).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** "broker", "Kafka Connect", "pipeline JVM", "demo JVM"…: what a process of the demo is. */
    private static String describe(long pid) {
        // The whole command line from /proc: ProcessHandle's may stop before the main class of a long one (agents).
        String cmd;
        try {
            cmd = new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException gone) {
            cmd = "?";
        }
        if (cmd.contains(" kafka.Kafka ")) {
            return "broker";
        } else if (cmd.contains("Connect")) {
            return "Kafka Connect";
        } else if (cmd.contains(PipelineCommand.class.getName())) {
            return "pipeline JVM";
        } else if (cmd.contains(DEMO_COMMAND)) {
            return "demo JVM (generator, dashboard)";
        } else if (cmd.contains("postgres")) {
            return "postgres";
        } else if (cmd.contains("prometheus")) {
            return "prometheus";
        }
        return cmd.length() > 40 ? cmd.substring(0, 40) : cmd;
    }

    /** Ends every process of the demo's namespace, by pid: the demo leaves its cluster and Connect running. */
    private static void stopAll(Process demo, String netns) {
        List<ProcessHandle> handles = new ArrayList<>();
        if (netns != null) {
            pidsIn(netns).forEach(pid -> ProcessHandle.of(pid).ifPresent(handles::add));
        } else if (demo != null) {
            handles.add(demo.toHandle());
        }
        handles.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle h : handles) {
            try {
                h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception stillThere) {
                h.destroyForcibly();
            }
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }
}
