package dev.streaminglab.limits;

import com.sun.net.httpserver.HttpServer;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What exactly-once does not cover: a topology under exactly_once_v2 calls an HTTP service for each record and
 * crashes once mid-stream. Kafka's output holds every record once; the HTTP service saw some twice.
 */
final class ExactlyOnceSideEffects implements Experiment {
    static final Mode.Size RECORDS = new Mode.Size(500, 5_000);
    static final Mode.Size FAIL_AT = new Mode.Size(300, 3_000);
    private static final About ABOUT = new About("exactly-once-side-effects", "Guarantees: what exactly-once does not "
            + "cover",
            "Does exactly-once also protect calls the topology makes to systems outside Kafka?",
            "Exactly-once covers what Kafka commits atomically (state stores, offsets, output topics); a call the "
                    + "topology makes outside Kafka (HTTP, database, e-mail) is replayed after a failure.",
            "1 partition, " + RECORDS.text() + " records; exactly_once_v2; each record is sent to an HTTP "
                    + "server on 127.0.0.1 and forwarded to an output topic; the stream thread fails once after the "
                    + "HTTP call of record " + FAIL_AT.text() + " and is replaced.",
            "Write the request to a topic and let the receiver (or a sink connector) deduplicate by key, or make "
                    + "the call idempotent (an idempotency key per record).",
            List.of(Source.kip(447, "Producer scalability for exactly once semantics"),
                    Source.docs("streams/core-concepts", "Core concepts, processing guarantees")));

    @Override
    public About about() {
        return ABOUT;
    }

    /** Calls {@code notify} per record, forwards it to {@code out}, and fails once after call number {@code failAt}. */
    static Topology topology(String in, String out, HttpClient http, URI notify, int failAt, AtomicLong processed,
            AtomicBoolean failed) {
        StreamsBuilder b = new StreamsBuilder();
        b.<String, String>stream(in).peek((k, v) -> {
            try {
                http.send(HttpRequest.newBuilder(notify).POST(HttpRequest.BodyPublishers.ofString(v)).build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                throw new IllegalStateException("notification failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("notification interrupted", e);
            }
            if (processed.incrementAndGet() == failAt && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash after the HTTP call of record " + failAt);
            }
        }).to(out);
        return b.build();
    }

    @Override
    public List<Row> measure(Lab lab) {
        int n = RECORDS.of(lab.mode());
        int failAt = FAIL_AT.of(lab.mode());
        return lab.rows(lab.trials(lab.arm("exactly_once_v2, 1 crash", bench -> once(bench, n, failAt))));
    }

    private static Take once(Workbench bench, int n, int failAt) throws IOException {
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
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/notify");
            AtomicBoolean failed = new AtomicBoolean();
            StreamsRunner app = bench.app(bench.appId("app"), "a",
                    topology(in, output, HttpClient.newHttpClient(), uri, failAt, new AtomicLong(), failed),
                    // The failed thread's consumer stays in the group until its session times out: keep that short.
                    Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                            StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000),
                    StreamThreadExceptionResponse.REPLACE_THREAD);
            app.startAndAwaitRunning();
            bench.produce(in, IntStream.range(0, n)
                    .mapToObj(i -> Workbench.Rec.of("k" + i, "v" + i, System.currentTimeMillis())).toList());
            var outputs = bench.read(output, n, Duration.ofSeconds(90));
            Await.until(Duration.ofSeconds(30), "every record's HTTP call", () -> calls.get() >= n);
            return new Take().figure("duplicateHttpCalls", calls.get() - n)
                    .fact("records", n)
                    .fact("outputRecords", outputs.size())
                    .fact("distinctOutputKeys", outputs.stream().map(r -> r.key()).distinct().count())
                    .fact("threadFailures", failed.get() ? 1 : 0)
                    .fact("httpCallsReplayed", calls.get() > n);
        } finally {
            server.stop(0);
        }
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "exactly_once_v2, 1 crash";
        return Finding.of(Verdict.LIMIT, "after 1 crash the output topic held " + e.count(Lab.RUN, arm, "outputRecords")
                + " records for " + e.count(Lab.RUN, arm, "records") + " inputs (" + e.count(Lab.RUN, arm,
                "distinctOutputKeys") + " distinct); the HTTP server got " + LimitsReport.format(e.figure(Lab.RUN, arm,
                "duplicateHttpCalls")) + " duplicate calls");
    }
}
