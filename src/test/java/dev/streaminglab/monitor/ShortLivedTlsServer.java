package dev.streaminglab.monitor;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.streaminglab.ProcessRun;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A TLS server on 127.0.0.1 with a self-made certificate valid for a few days (keytool, from the JDK): the
 * stand-in for a broker listener whose certificate is about to expire.
 */
public final class ShortLivedTlsServer implements AutoCloseable {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private final HttpsServer server;
    private final X509Certificate certificate;

    private ShortLivedTlsServer(HttpsServer server, X509Certificate certificate) {
        this.server = server;
        this.certificate = certificate;
    }

    public static ShortLivedTlsServer start(int validDays, Path dir) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve("short-lived.p12");
        Files.deleteIfExists(store);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        ProcessRun r = ProcessRun.run(Duration.ofSeconds(60), Map.of(), List.of(keytool, "-genkeypair", "-keyalg", "EC",
                "-alias", "broker", "-dname", "CN=short-lived.streaminglab.test", "-validity", Integer.toString(validDays),
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD)));
        if (r.exitCode() != 0) {
            throw new AssertionError("keytool failed: " + r.stderr() + r.stdout());
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        return new ShortLivedTlsServer(server, (X509Certificate) ks.getCertificate("broker"));
    }

    public String endpoint() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public X509Certificate certificate() {
        return certificate;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
