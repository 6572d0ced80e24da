package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments every engine program takes, whatever its language (the kit passes the same ones to each):
 * {@code --bootstrap --input --windows --dlq --registry --state --commit-ms --guarantee --id}. Flink, Spark and
 * Python parse the same flags in their own code.
 *
 * @param state a directory (Kafka Streams, Flink, Spark) or a topic name prefix (plain and Python programs keep
 *     their state in Kafka)
 * @param guarantee {@code exactly_once} or {@code at_least_once}
 * @param id names the program's group, application, transactional ids and state
 */
public record EngineArgs(String bootstrap, String input, String windows, String dlq, Path registry, String state,
        long commitMs, String guarantee, String id) {
    public static final String EXACTLY_ONCE = "exactly_once";
    public static final String AT_LEAST_ONCE = "at_least_once";

    public static EngineArgs parse(String... args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new LabException("unexpected argument '" + args[i] + "': engine programs take --name value pairs");
            }
            m.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : List.of("bootstrap", "input", "windows", "dlq", "registry", "state", "id")) {
            if (!m.containsKey(required)) {
                throw new LabException("missing --" + required + " (engine programs take --bootstrap --input "
                        + "--windows --dlq --registry --state --id [--commit-ms 1000] [--guarantee exactly_once])");
            }
        }
        return new EngineArgs(m.get("bootstrap"), m.get("input"), m.get("windows"), m.get("dlq"),
                Path.of(m.get("registry")), m.get("state"), Long.parseLong(m.getOrDefault("commit-ms", "1000")),
                m.getOrDefault("guarantee", EXACTLY_ONCE), m.get("id"));
    }

    public List<String> toArgs() {
        return List.of("--bootstrap", bootstrap, "--input", input, "--windows", windows, "--dlq", dlq, "--registry",
                registry.toString(), "--state", state, "--commit-ms", Long.toString(commitMs), "--guarantee",
                guarantee, "--id", id);
    }

    public boolean exactlyOnce() {
        return EXACTLY_ONCE.equals(guarantee);
    }
}
