package dev.streaminglab.measure;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * What figures depend on besides the code: the machine (cores, memory, CPU model), the OS, the JVM and its flags,
 * Kafka's version, and how busy the machine was when the run started.
 */
public record MachineFacts(int cores, long memoryBytes, String cpuModel, String os, String jvm, List<String> jvmFlags,
        String kafkaVersion, List<Double> loadAverageAtStart) {

    public static MachineFacts collect() {
        var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return new MachineFacts(Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize(), readCpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), AppInfoParser.getVersion(),
                loadAverage(os.getSystemLoadAverage()));
    }

    /** "2 cores, 24 GiB, Intel Xeon ..., OpenJDK 17": the line a chart's footer and a report's header carry. */
    public String describe() {
        return cores + " cores, " + Math.round(memoryBytes / (1024.0 * 1024 * 1024)) + " GiB, " + cpuModel + ", "
                + jvm + ", Kafka " + kafkaVersion;
    }

    private static String readCpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
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
}
