package dev.streaminglab.limits;

import com.sun.net.httpserver.HttpServer;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What exactly-once does not cover: a topology under exactly_once_v2 calls an HTTP service for each record
 * and crashes once mid-stream. Kafka's output holds every record once; the HTTP service saw some twice.
 */
final class ExactlyOnceSideEffects implements Experiment {
    @Override
    public String name() {
        return "exactly-once-side-effects";
    }

    @Override
    public String capability() {
        return "Guarantees: what exactly-once does not cover";
    }

    @Override
    public String question() {
        return "Does exactly-once also protect calls the topology makes to systems outside Kafka?";
    }

    @Override
    public String setup() {
        return "1 partition, 500 (quick) or 5,000 (full) records; exactly_once_v2; each record is sent to an HTTP "
                + "server on 127.0.0.1 and forwarded to an output topic; the stream thread fails once after the "
                + "HTTP call of record 300 (quick) or 3,000 (full) and is replaced.";
    }

    @Override
    public void measure(Workbench bench, Mode mode, Outcome out) throws Exception {
        int n = mode.pick(500, 5_000);
        int failAt = mode.pick(300, 3_000);
        String in = bench.topic("in", 1);
        String output = bench.topic("out", 1);
        AtomicLong calls = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/notify", ex -> {
            calls.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
            AtomicBoolean failed = new AtomicBoolean();
            AtomicLong processed = new AtomicLong();
            StreamsBuilder b = new StreamsBuilder();
            b.<String, String>stream(in).peek((k, v) -> {
                try {
                    http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(v)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    throw new IllegalStateException("notification failed", e);
                }
                if (processed.incrementAndGet() == failAt && failed.compareAndSet(false, true)) {
                    throw new IllegalStateException("simulated crash after the HTTP call of record " + failAt);
                }
            }).to(output);
            StreamsRunner app = bench.app(bench.appId("app"), "a", b.build(),
                    // The failed thread's consumer stays in the group until its session times out: keep that short.
                    Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000),
                    StreamThreadExceptionResponse.REPLACE_THREAD);
            app.startAndAwaitRunning();
            bench.produce(in, IntStream.range(0, n)
                    .mapToObj(i -> Workbench.Rec.of("k" + i, "v" + i, System.currentTimeMillis())).toList());
            var outputs = bench.read(output, n, Duration.ofSeconds(90));
            Set<String> distinct = outputs.stream().map(r -> r.key()).collect(Collectors.toSet());
            Await.until(Duration.ofSeconds(30), "every record's HTTP call", () -> calls.get() >= n);
            long duplicates = calls.get() - n;
            out.figure("records", n)
                    .figure("outputRecords", outputs.size())
                    .figure("distinctOutputKeys", distinct.size())
                    .figure("httpCalls", calls.get())
                    .figure("duplicateHttpCalls", duplicates)
                    .figure("threadFailures", failed.get() ? 1 : 0)
                    .verdict(Verdict.LIMIT)
                    .headline(String.format("after 1 crash: output topic %d records for %d inputs (exactly once); "
                            + "HTTP server got %d calls (%d duplicates)", outputs.size(), n, calls.get(), duplicates))
                    .conclusion("Exactly-once covers only what Kafka commits atomically: state stores, offsets and "
                            + "output topics. Anything the topology does outside Kafka (HTTP, database writes, "
                            + "e-mail) is replayed after a failure. Write the request to a topic and let the "
                            + "receiver (or a sink connector) deduplicate by key, or make the call idempotent.");
        } finally {
            server.stop(0);
        }
    }
}
