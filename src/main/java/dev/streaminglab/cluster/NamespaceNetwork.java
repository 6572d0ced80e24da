package dev.streaminglab.cluster;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One network namespace per node, joined by a bridge in this machine's own namespace, as {@code infra/local} does
 * for its hosts: node {@code i} has the address 10.213.1.(10+i), clients here reach it through the bridge, and the
 * namespaces have no default route, so nothing they send can leave the machine. {@link #partition} takes a node's
 * link down (it can reach neither the other nodes nor the clients), {@link #heal} brings it back. Needs root and
 * iproute2; {@link #close} deletes everything it made.
 */
public final class NamespaceNetwork implements NodeNetwork, AutoCloseable {
    static final String PREFIX = "10.213.1.";
    private static final String NAMESPACE = "slab-f";
    private static final String BRIDGE = "slab-fbr0";
    private static final String VETH = "slab-fv";

    private final int nodes;

    private NamespaceNetwork(int nodes) {
        this.nodes = nodes;
    }

    /** True when this process may create namespaces (root, with iproute2). */
    public static boolean possibleHere() {
        return "root".equals(System.getProperty("user.name")) && run(List.of("ip", "netns", "list"), false) == 0;
    }

    /** Creates the bridge and one namespace per node, after removing leftovers of an earlier run. */
    public static NamespaceNetwork create(int nodes) {
        if (!possibleHere()) {
            throw new LabException("network namespaces need root and iproute2 (apt-get install iproute2)");
        }
        NamespaceNetwork n = new NamespaceNetwork(nodes);
        n.delete();
        ip("link", "add", BRIDGE, "type", "bridge");
        ip("addr", "add", PREFIX + "1/24", "dev", BRIDGE);
        ip("link", "set", BRIDGE, "up");
        for (int i = 1; i <= nodes; i++) {
            String ns = NAMESPACE + i;
            ip("netns", "add", ns);
            ip("link", "add", VETH + i, "type", "veth", "peer", "name", "eth0", "netns", ns);
            ip("link", "set", VETH + i, "master", BRIDGE, "up");
            ip("-n", ns, "link", "set", "lo", "up");
            ip("-n", ns, "addr", "add", n.host(i) + "/24", "dev", "eth0");
            ip("-n", ns, "link", "set", "eth0", "up");
        }
        return n;
    }

    @Override
    public String host(int node) {
        return PREFIX + (10 + node);
    }

    @Override
    public List<String> launcher(int node) {
        return List.of("ip", "netns", "exec", NAMESPACE + node);
    }

    /** Cuts node {@code node} off: its link to the bridge goes down. */
    public void partition(int node) {
        ip("link", "set", VETH + node, "down");
    }

    public void heal(int node) {
        ip("link", "set", VETH + node, "up");
    }

    @Override
    public void close() {
        delete();
    }

    /** Kills what still runs inside the namespaces (only the kit starts processes there), then deletes them. */
    private void delete() {
        for (int i = 1; i <= nodes; i++) {
            String ns = NAMESPACE + i;
            if (run(List.of("ip", "netns", "pids", ns), false) == 0) {
                for (String pid : output(List.of("ip", "netns", "pids", ns)).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> {
                            h.destroyForcibly();
                            h.onExit().join();
                        });
                    }
                }
                run(List.of("ip", "netns", "del", ns), false);
            }
            run(List.of("ip", "link", "del", VETH + i), false);
        }
        run(List.of("ip", "link", "del", BRIDGE), false);
    }

    private static void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        if (run(cmd, true) != 0) {
            throw new LabException(String.join(" ", cmd) + " failed: see its output above");
        }
    }

    private static int run(List<String> cmd, boolean showErrors) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.redirectError(showErrors ? ProcessBuilder.Redirect.INHERIT : ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String output(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
