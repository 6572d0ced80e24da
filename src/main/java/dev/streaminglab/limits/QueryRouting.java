package dev.streaminglab.limits;

import com.sun.net.httpserver.HttpServer;
import dev.streaminglab.kafka.Await;
import dev.streaminglab.kafka.StreamsRunner;
import dev.streaminglab.measure.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries answer from local state only: with two instances each holds about half of the keys. Kafka
 * Streams tells which instance holds a key (its application.server), but offers no call to ask it; the few lines of
 * HTTP that forward a query are the application's to write (the kit's dashboard has them in serve.QueryServer).
 */
final class QueryRouting implements Experiment {
    static final int PARTITIONS = 2;
    static final int KEYS = 200;

    private static final About ABOUT = new About("iq-rpc", "Operations: interactive queries leave the RPC layer to you",
            "Can one instance answer a query for a key another instance holds?",
            "A store query sees only the local partitions. Kafka Streams publishes who holds which key "
                    + "(queryMetadataForKey, fed by application.server) but has no remote call: routing, "
                    + "serialisation and the server are the application's.",
            "2 partitions, a count store over 200 keys, two instances with application.server set, each serving "
                    + "GET /count/KEY over HTTP on 127.0.0.1 from its local store and forwarding keys it does not "
                    + "hold to the owner named by queryMetadataForKey; every key queried at instance A.",
            "Give every instance application.server and a small query endpoint that forwards by "
                    + "queryMetadataForKey (with retries during rebalances), or serve queries from a sink database.",
            List.of(Source.docs("streams/developer-guide/interactive-queries",
                            "Interactive queries, querying remote state stores"),
                    Source.kip(535, "Allow state stores to serve stale reads during rebalance")));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public List<Row> measure(Lab lab) {
        return lab.rows(lab.trials(lab.arm("two instances", QueryRouting::once)));
    }

    /** One instance and its query endpoint. */
    private record Node(StreamsRunner app, HttpServer server) {
    }

    private static Take once(Workbench bench) throws IOException, InterruptedException {
        String in = bench.topic("in", PARTITIONS);
        String appId = bench.appId("app");
        bench.produceKeyed(in, KEYS, KEYS, 10);
        HttpClient http = HttpClient.newHttpClient();
        List<Node> nodes = new ArrayList<>();
        try {
            for (String name : List.of("a", "b")) {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                StreamsRunner app = bench.app(appId, name, CountByKey.topology(in, new AtomicLong()),
                        Map.of(StreamsConfig.APPLICATION_SERVER_CONFIG, "127.0.0.1:" + server.getAddress().getPort()));
                server.createContext("/count/", ex -> {
                    String key = ex.getRequestURI().getPath().substring("/count/".length());
                    String answer = answer(app, key, http, ex.getRequestURI().getQuery() != null);
                    byte[] body = answer.getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(200, body.length);
                    ex.getResponseBody().write(body);
                    ex.close();
                });
                server.start();
                nodes.add(new Node(app, server));
            }
            nodes.forEach(n -> n.app().start());
            for (Node n : nodes) {
                n.app().awaitState(State.RUNNING, StreamsRunner.START_TIMEOUT);
            }
            StreamsRunner a = nodes.get(0).app();
            Await.until(Duration.ofSeconds(60), "both instances to own a task and every key to be counted",
                    () -> Tasks.active(a) == 1 && Tasks.active(nodes.get(1).app()) == 1 && counted(nodes) == KEYS);
            ReadOnlyKeyValueStore<String, Long> local = a.store(CountByKey.STORE,
                    QueryableStoreTypes.keyValueStore(), StreamsRunner.START_TIMEOUT);
            int localHits = 0;
            int ownedElsewhere = 0;
            int answered = 0;
            List<Long> forwardNanos = new ArrayList<>();
            URI base = URI.create("http://127.0.0.1:" + nodes.get(0).server().getAddress().getPort() + "/count/");
            for (int i = 0; i < KEYS; i++) {
                String key = "k" + i;
                if (local.get(key) != null) {
                    localHits++;
                }
                HostInfo owner = a.streams().queryMetadataForKey(CountByKey.STORE, key,
                        Serdes.String().serializer()).activeHost();
                boolean remote = owner.port() != nodes.get(0).server().getAddress().getPort();
                ownedElsewhere += remote ? 1 : 0;
                long t0 = System.nanoTime();
                String body = http.send(HttpRequest.newBuilder(base.resolve(key)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (remote) {
                    forwardNanos.add(System.nanoTime() - t0);
                }
                answered += body.equals("1") ? 1 : 0;
            }
            return new Take().figure("forwardedQueryMs", forwardNanos.stream().mapToLong(Long::longValue).sorted()
                            .skip(forwardNanos.size() / 2).findFirst().orElse(0) / 1e6)
                    .fact("keys", KEYS)
                    .fact("foundInLocalStore", localHits)
                    .fact("ownedByTheOtherInstance", ownedElsewhere)
                    .fact("answeredWithForwarding", answered);
        } finally {
            nodes.forEach(n -> n.server().stop(0));
        }
    }

    /** The key's count from the local store, or from the owner (once: {@code ?forwarded} marks a forwarded call). */
    private static String answer(StreamsRunner app, String key, HttpClient http, boolean forwarded) {
        KeyQueryMetadata owner = app.streams().queryMetadataForKey(CountByKey.STORE, key,
                Serdes.String().serializer());
        ReadOnlyKeyValueStore<String, Long> store = app.store(CountByKey.STORE,
                QueryableStoreTypes.keyValueStore(), StreamsRunner.START_TIMEOUT);
        Long local = store.get(key);
        if (local != null || forwarded) {
            return String.valueOf(local);
        }
        URI uri = URI.create("http://" + owner.activeHost().host() + ":" + owner.activeHost().port() + "/count/"
                + key + "?forwarded");
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static long counted(List<Node> nodes) {
        Map<String, Long> all = new HashMap<>();
        for (Node n : nodes) {
            try (var it = n.app().store(CountByKey.STORE, QueryableStoreTypes.<String, Long>keyValueStore(),
                    StreamsRunner.START_TIMEOUT).all()) {
                it.forEachRemaining(kv -> all.put(kv.key, kv.value));
            }
        }
        return all.size();
    }

    @Override
    public Finding read(Evidence e) {
        String arm = "two instances";
        return new Finding(Verdict.WORKS_WITH_COST, "instance A's store answered " + e.count(Lab.RUN, arm,
                "foundInLocalStore") + " of " + e.count(Lab.RUN, arm, "keys") + " keys; "
                + e.count(Lab.RUN, arm, "ownedByTheOtherInstance") + " belong to B, and Kafka Streams has no call to ask B",
                "a 20-line HTTP forwarder answered " + e.count(Lab.RUN, arm, "answeredWithForwarding") + " of "
                        + e.count(Lab.RUN, arm, "keys") + " (forwarded query "
                        + LimitsReport.format(e.figure(Lab.RUN, arm, "forwardedQueryMs")) + " ms)");
    }
}
