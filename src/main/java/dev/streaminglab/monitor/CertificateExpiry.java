package dev.streaminglab.monitor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * When the certificate a TLS endpoint serves (a broker's listener) stops being valid: a TLS handshake, then the
 * peer certificate's notAfter. Nothing is sent after the handshake.
 */
public final class CertificateExpiry {
    private static final int TIMEOUT_MS = 3000;

    /** What one probe found: the certificate's subject and notAfter (epoch ms), or why there is none. */
    public record Probe(String endpoint, String subject, long notAfterMillis, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private CertificateExpiry() {
    }

    /** Probes {@code host:port}. */
    public static Probe probe(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon < 1) {
            return new Probe(endpoint, null, 0, "not host:port");
        }
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new ReadOnly()}, null);
            try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress(endpoint.substring(0, colon),
                        Integer.parseInt(endpoint.substring(colon + 1))), TIMEOUT_MS);
                s.setSoTimeout(TIMEOUT_MS);
                s.startHandshake();
                X509Certificate c = (X509Certificate) s.getSession().getPeerCertificates()[0];
                return new Probe(endpoint, c.getSubjectX500Principal().getName(), c.getNotAfter().getTime(), null);
            }
        } catch (IOException | GeneralSecurityException | NumberFormatException e) {
            return new Probe(endpoint, null, 0, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Accepts any chain: the probe reads dates, it decides no trust and sends no data. An expired or unknown
     * certificate must still be read, which a validating trust manager would refuse to do.
     */
    private static final class ReadOnly implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // the probe is a client: never called
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // read, not judged: see the class comment
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
