package dev.streaminglab.bench;

import dev.streaminglab.LabHome;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What the numbers of a run depend on besides the code: the machine, the JVM, Kafka's version, the commit,
 * and how busy the machine already was when the run started (other processes share the cores).
 */
public record MachineFacts(String startedAt, int cores, long memoryBytes, String os, String jvm, String kafkaVersion,
        String gitCommit, List<Double> loadAverageAtStart) {

    public static MachineFacts collect() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new MachineFacts(Instant.now().toString(), Runtime.getRuntime().availableProcessors(),
                os.getTotalMemorySize(), System.getProperty("os.name") + " " + System.getProperty("os.version")
                        + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                AppInfoParser.getVersion(), readGitCommit(), loadAverage(os.getSystemLoadAverage()));
    }

    /** 1, 5 and 15 minute load averages from /proc; elsewhere the JVM's 1 minute figure. */
    private static List<Double> loadAverage(double oneMinute) {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return List.of(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]));
        } catch (IOException | RuntimeException notLinux) {
            return List.of(oneMinute);
        }
    }

    private static String readGitCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD")
                    .directory(LabHome.checkout().orElse(Path.of("")).toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            String dirty = p.waitFor() == 0 && isDirty() ? "-dirty" : "";
            return p.exitValue() == 0 ? out + dirty : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    private static boolean isDirty() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                .directory(LabHome.checkout().orElse(Path.of("")).toFile()).start();
        boolean dirty = !new String(p.getInputStream().readAllBytes()).isBlank();
        p.waitFor();
        return dirty;
    }
}
