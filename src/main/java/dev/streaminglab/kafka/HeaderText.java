package dev.streaminglab.kafka;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Record headers as UTF-8 text, the form every header of the kit takes (dead letters, late records). */
public final class HeaderText {
    private HeaderText() {
    }

    /** The last value of a header, or null when absent. */
    public static String get(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** Sets a header, replacing any value it had. */
    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Every header, last value wins, in order of first appearance. */
    public static Map<String, String> all(Headers headers) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Header h : headers) {
            out.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return out;
    }
}
