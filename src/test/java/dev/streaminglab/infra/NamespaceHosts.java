package dev.streaminglab.infra;

import dev.streaminglab.ProcessRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local proof's hosts: network namespaces {@code slab-h1..} with their own sshd, made and removed by
 * {@code infra/local/netns-hosts.sh}. Closing (or the JVM exiting, even after a failure) stops every process
 * inside them and deletes them, so nothing the deployment started outlives the test.
 */
final class NamespaceHosts implements AutoCloseable {
    static final String PREFIX = "10.213.0.";
    private static final Path SCRIPT = ProcessRun.HOME.resolve("infra/local/netns-hosts.sh");

    private final Path sshDir;
    private final int count;
    private final Thread cleanup;

    private NamespaceHosts(Path sshDir, int count) {
        this.sshDir = sshDir;
        this.count = count;
        this.cleanup = new Thread(this::down);
    }

    static NamespaceHosts up(Path sshDir, int count) {
        NamespaceHosts hosts = new NamespaceHosts(sshDir, count);
        Runtime.getRuntime().addShutdownHook(hosts.cleanup);
        hosts.run("up");
        return hosts;
    }

    static boolean possibleHere() {
        return "root".equals(System.getProperty("user.name"))
                && ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("sh", "-c",
                "command -v ip && command -v /usr/sbin/sshd && command -v ansible-playbook && command -v supervisord"))
                .exitCode() == 0;
    }

    String name(int host) {
        return "h" + host;
    }

    String address(int host) {
        return PREFIX + (10 + host);
    }

    int count() {
        return count;
    }

    Path sshDir() {
        return sshDir;
    }

    /** Runs a command inside a host's namespace (as a console on that host would). */
    ProcessRun exec(int host, Duration deadline, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", "slab-" + name(host)));
        cmd.addAll(Arrays.asList(command));
        return ProcessRun.run(deadline, Map.of(), cmd);
    }

    /** The process in a host's namespace whose command line contains {@code marker}. */
    Optional<ProcessHandle> process(int host, String marker) {
        ProcessRun pids = ProcessRun.run(Duration.ofSeconds(10), Map.of(),
                List.of("ip", "netns", "pids", "slab-" + name(host)));
        return pids.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).map(Long::parseLong)
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .findFirst();
    }

    @Override
    public void close() {
        down();
        Runtime.getRuntime().removeShutdownHook(cleanup);
    }

    private void down() {
        run("down");
    }

    private void run(String action) {
        ProcessRun r = ProcessRun.run(Duration.ofMinutes(2), Map.of(),
                List.of("bash", SCRIPT.toString(), action, sshDir.toString(), String.valueOf(count)));
        if (r.exitCode() != 0) {
            throw new AssertionError("netns-hosts.sh " + action + " failed: " + r.stderr());
        }
    }
}
