package dev.streaminglab.bench;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a child JVM spent its CPU, from a JDK Flight Recording ({@code -XX:StartFlightRecording}, settings
 * "profile"): the execution samples counted by the method on top of the stack (self time), and by area (the kit's
 * code, Jackson, Kafka's clients, Kafka Streams, RocksDB, the JDK).
 */
final class Profiling {
    /** A method or an area and its share of the samples, in percent. */
    record Share(String name, long samples, double percent) {
    }

    /** Top frames and areas of one recording. */
    record Profile(long samples, List<Share> topFrames, List<Share> areas) {
    }

    /** Areas by package prefix, first match wins. */
    static final Map<String, String> AREAS = areas();

    private Profiling() {
    }

    /** The JVM flag that records a child's whole life to {@code file}. */
    static String flightRecording(Path file) {
        return "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file;
    }

    static Profile read(Path recording, int top) {
        Map<String, Long> frames = new HashMap<>();
        Map<String, Long> areas = new LinkedHashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace stack = e.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame frame = stack.getFrames().get(0);
                String type = frame.getMethod().getType().getName();
                frames.merge(type + "." + frame.getMethod().getName(), 1L, Long::sum);
                areas.merge(area(stack), 1L, Long::sum);
                samples++;
            }
        } catch (IOException e) {
            throw new LabException("cannot read the flight recording " + recording + ": " + e.getMessage(), e);
        }
        return new Profile(samples, top(frames, samples, top), top(areas, samples, areas.size()));
    }

    /** The area of the method on top of the stack. */
    static String area(RecordedStackTrace stack) {
        String top = stack.getFrames().get(0).getMethod().getType().getName();
        for (Map.Entry<String, String> a : AREAS.entrySet()) {
            if (top.startsWith(a.getKey())) {
                return a.getValue();
            }
        }
        return "other";
    }

    private static List<Share> top(Map<String, Long> counts, long total, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> new Share(e.getKey(), e.getValue(), total == 0 ? 0 : 100.0 * e.getValue() / total)).toList();
    }

    private static Map<String, String> areas() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("dev.streaminglab.", "the kit's code");
        a.put("com.fasterxml.jackson.", "Jackson (JSON)");
        a.put("org.apache.kafka.streams.", "Kafka Streams");
        a.put("org.rocksdb.", "RocksDB");
        a.put("org.apache.kafka.clients.producer.", "Kafka producer");
        a.put("org.apache.kafka.clients.consumer.", "Kafka consumer");
        a.put("org.apache.kafka.common.record.", "Kafka record batches (CRC, compression)");
        a.put("org.apache.kafka.", "Kafka clients, other");
        a.put("java.", "JDK");
        a.put("jdk.", "JDK");
        a.put("sun.", "JDK");
        return a;
    }
}
