package dev.streaminglab.infra;

import dev.streaminglab.kafka.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * What the README tells a user to do for the services that listen on private addresses only (the dashboard,
 * Connect's REST API, PostgreSQL): {@code ssh -N -L 127.0.0.1:PORT:PRIVATE_ADDRESS:PORT LOGIN@PUBLIC_ADDRESS},
 * run by the operator with its own key and pinned host keys. The tunnel's local end is a free port here.
 */
final class SshTunnel implements AutoCloseable {
    private static final Duration OPEN = Duration.ofSeconds(30);

    private final Process ssh;
    private final int localPort;

    private SshTunnel(Process ssh, int localPort) {
        this.ssh = ssh;
        this.localPort = localPort;
    }

    /** A tunnel through host {@code host} to its own private address and {@code port}. */
    static SshTunnel open(LocalDeployment deployment, int host, int port) {
        int local = freePort();
        try {
            Process ssh = new ProcessBuilder(List.of("runuser", "-u", LocalDeployment.OPERATOR, "--", "env",
                    "HOME=" + deployment.operatorHome(), "ssh", "-N", "-o", "BatchMode=yes", "-o", "ExitOnForwardFailure=yes",
                    "-L", "127.0.0.1:" + local + ":" + NamespaceHosts.address(host) + ":" + port,
                    NamespaceHosts.LOGIN_USER + "@" + NamespaceHosts.publicAddress(host)))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            SshTunnel tunnel = new SshTunnel(ssh, local);
            Await.until(OPEN, () -> "the tunnel to h" + host + ":" + port + " accepting on 127.0.0.1:" + local
                    + (ssh.isAlive() ? "" : " (ssh exited with " + ssh.exitValue() + ")"), tunnel::accepting);
            return tunnel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return localPort;
    }

    private boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), localPort), 1000);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        // runuser's child, ssh, first: runuser would otherwise leave it behind.
        ssh.descendants().forEach(ProcessHandle::destroy);
        ssh.destroy();
        ssh.onExit().join();
    }
}
