package dev.streaminglab.limits;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * Where and when a finding was measured: figures on a loaded 2-core machine differ from a quiet server, so
 * every result says which it was.
 */
public record RunContext(String startedAt, long durationMs, int brokers, int cpus, double loadAverage,
        String kafkaVersion) {

    public static double currentLoad() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    public static RunContext of(Instant started, long durationMs, int brokers, double load) {
        return new RunContext(started.toString(), durationMs, brokers, Runtime.getRuntime().availableProcessors(),
                Math.round(load * 100) / 100.0, AppInfoParser.getVersion());
    }

    /** One line for tables: "1 broker, 2 cpus, load 1.52". */
    public String describe() {
        return brokers + (brokers == 1 ? " broker" : " brokers") + ", " + cpus + " cpus, load " + loadAverage;
    }
}
