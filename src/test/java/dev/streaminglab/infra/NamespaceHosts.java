package dev.streaminglab.infra;

import dev.streaminglab.ProcessRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local proof's hosts: network namespaces {@code lab-h1..} with their own sshd, a private and a public
 * address each, and data disks (loop devices) on the first ones, made and removed by
 * {@code infra/local/netns-hosts.sh}. Their names and addresses are the machine's, so one set exists at a time:
 * {@link #up} waits for a lock that {@link #close} releases. Closing (or the JVM exiting, even after a failure)
 * stops every process inside them and deletes them, so nothing the deployment started outlives the test.
 */
final class NamespaceHosts implements AutoCloseable {
    static final String PRIVATE = "10.214.0.";
    static final String PUBLIC = "10.214.1.";
    /** The login user of the hosts' "image" (passwordless sudo), as {@code admin} on AWS's Debian. */
    static final String LOGIN_USER = "slab-admin";
    private static final Path SCRIPT = ProcessRun.HOME.resolve("infra/local/netns-hosts.sh");
    private static final Path LOCK = Path.of(System.getProperty("java.io.tmpdir"), "lab-netns.lock");

    private final Path sshDir;
    private final int count;
    private final FileChannel lockFile;
    private final FileLock lock;
    private final Thread cleanup;

    private NamespaceHosts(Path sshDir, int count, FileChannel lockFile, FileLock lock) {
        this.sshDir = sshDir;
        this.count = count;
        this.lockFile = lockFile;
        this.lock = lock;
        this.cleanup = new Thread(this::down);
    }

    /** {@code count} hosts; the first {@code disks} get a data disk. Waits while another test has hosts up. */
    static NamespaceHosts up(Path sshDir, int count, int disks) {
        try {
            FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            NamespaceHosts hosts = new NamespaceHosts(sshDir, count, channel, channel.lock());
            Runtime.getRuntime().addShutdownHook(hosts.cleanup);
            hosts.run("up", String.valueOf(count), String.valueOf(disks));
            return hosts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean possibleHere() {
        return "root".equals(System.getProperty("user.name"))
                && ProcessRun.run(Duration.ofSeconds(10), Map.of(), List.of("sh", "-c",
                "command -v ip && command -v /usr/sbin/sshd && command -v ansible-playbook && command -v supervisord"
                        + " && command -v sudo && command -v losetup")).exitCode() == 0;
    }

    static String name(int host) {
        return "h" + host;
    }

    /** The host's address on the private network (a VPC's): Kafka's internal and controller listeners. */
    static String address(int host) {
        return PRIVATE + (10 + host);
    }

    /** The host's public address (an Elastic IP's): SSH and Kafka's external listener. */
    static String publicAddress(int host) {
        return PUBLIC + (10 + host);
    }

    int count() {
        return count;
    }

    Path sshDir() {
        return sshDir;
    }

    /** The stable path of a host's data disk (its loop device). */
    String dataDevice(int host) {
        try {
            return Files.readString(sshDir.resolve("disk-h" + host + ".dev")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("host h" + host + " has no data disk", e);
        }
    }

    /** Runs a command inside a host's network namespace (as a console on that host would). */
    ProcessRun exec(int host, Duration deadline, String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", "lab-" + name(host)));
        cmd.addAll(Arrays.asList(command));
        return ProcessRun.run(deadline, Map.of(), cmd);
    }

    /** The process in a host's namespace whose command line contains {@code marker}. */
    Optional<ProcessHandle> process(int host, String marker) {
        ProcessRun pids = ProcessRun.run(Duration.ofSeconds(10), Map.of(),
                List.of("ip", "netns", "pids", "lab-" + name(host)));
        return pids.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).map(Long::parseLong)
                .flatMap(pid -> ProcessHandle.of(pid).stream())
                .filter(h -> h.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .findFirst();
    }

    /** Gives a host a new SSH host key, as a man in the middle (or a rebuilt VM) would show. */
    void rekey(int host) {
        run("rekey", String.valueOf(host));
    }

    @Override
    public void close() {
        down();
        Runtime.getRuntime().removeShutdownHook(cleanup);
        try {
            lock.release();
            lockFile.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void down() {
        run("down", String.valueOf(count));
    }

    private void run(String action, String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), action, sshDir.toString()));
        cmd.addAll(Arrays.asList(args));
        ProcessRun r = ProcessRun.run(Duration.ofMinutes(2), Map.of(), cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError("netns-hosts.sh " + action + " failed: " + r.stderr());
        }
    }
}
