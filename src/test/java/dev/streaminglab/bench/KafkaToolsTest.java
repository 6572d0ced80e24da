package dev.streaminglab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.streaminglab.LabException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Parsing the summaries of Kafka 4.3.1's tools, from output they printed on this machine. */
class KafkaToolsTest {
    @Test
    void producerPerformanceTakesTheSteadyStateSummaryAfterTheOverallOne() {
        RunStats s = KafkaTools.parseProducerPerformance("""
                Warmup first 50000 records. Steady state results will print after the complete test summary.
                10:32:27 WARN NetworkClient: something harmless
                200000 records sent, 41476.565740 records/sec (3.96 MB/sec), 869.01 ms avg latency, 1405.00 ms max latency, 897 ms 50th, 1249 ms 95th, 1396 ms 99th, 1405 ms 99.9th.
                150000 steady state records sent, 47423.332279 records/sec (4.52 MB/sec), 1027.88 ms avg latency, 1405.00 ms max latency, 1093 ms 50th, 1269 ms 95th, 1399 ms 99th, 1405 ms 99.9th.
                """);
        assertThat(s.records()).isEqualTo(150_000);
        assertThat(s.recordsPerSec()).isCloseTo(47423.332279, Offset.offset(1e-6));
        assertThat(s.latency().orElseThrow().p50Ms()).isEqualTo(1093);
        assertThat(s.latency().orElseThrow().p95Ms().getAsDouble()).isEqualTo(1269);
        assertThat(s.latency().orElseThrow().p99Ms()).isEqualTo(1399);
        assertThat(s.latency().orElseThrow().p999Ms()).isEqualTo(1405);
        assertThat(s.latency().orElseThrow().maxMs().getAsDouble()).isEqualTo(1405.0);
        assertThat(s.latency().orElseThrow().avgMs()).isEqualTo(1027.88);
    }

    @Test
    void producerPerformanceIgnoresProgressLinesWithoutPercentiles() {
        RunStats s = KafkaTools.parseProducerPerformance("""
                99960 records sent, 19992.0 records/sec (1.91 MB/sec), 1361.7 ms avg latency, 1771.0 ms max latency.
                200000 records sent, 41476.565740 records/sec (3.96 MB/sec), 869.01 ms avg latency, 1405.00 ms max latency, 897 ms 50th, 1249 ms 95th, 1396 ms 99th, 1405 ms 99.9th.
                """);
        assertThat(s.records()).isEqualTo(200_000);
        assertThat(s.latency().orElseThrow().p99Ms()).isEqualTo(1396);
    }

    @Test
    void theKitsProducersPrintTheSameSummaryWithFractionsOfAMillisecond() {
        RunStats s = KafkaTools.parseProducerPerformance(
                "16000 steady state records sent, 29878.4 records/sec (3.54 MB/sec), 27.00 ms avg latency, 224.10 ms "
                        + "max latency, 7.92 ms 50th, 180.33 ms 95th, 221.06 ms 99th, 222.02 ms 99.9th.\n");
        assertThat(s.records()).isEqualTo(16_000);
        assertThat(s.latency().orElseThrow().p50Ms()).isEqualTo(7.92);
        assertThat(s.latency().orElseThrow().p999Ms()).isEqualTo(222.02);
    }

    @Test
    void consumerPerformanceTakesTheFetchTimeWithoutTheGroupJoin() {
        RunStats s = KafkaTools.parseConsumerPerformance("""
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-26 10:32:29:070, 2026-11-26 10:32:31:275, 19.0735, 8.6501, 200000, 90702.9478, 1180, 1025, 18.6083, 195121.9512
                """);
        assertThat(s.records()).isEqualTo(200_000);
        assertThat(s.seconds()).isEqualTo(1.025);
        assertThat(s.recordsPerSec()).isCloseTo(195121.95, Offset.offset(0.01));
        assertThat(s.latency()).isEmpty();
    }

    @Test
    void endToEndLatencyHasWholeMillisecondPercentilesAndNoMaximum() {
        LatencySummary l = KafkaTools.parseEndToEndLatency("""
                Topic "e2e" does not exist. Will create topic with 1 partition(s) and replication factor = 1
                0\t230.81537899999998
                Avg latency: 8.7554 ms
                Percentiles: 50th = 6, 99th = 37, 99.9th = 230
                """);
        assertThat(l.avgMs()).isEqualTo(8.7554);
        assertThat(l.p50Ms()).isEqualTo(6);
        assertThat(l.p99Ms()).isEqualTo(37);
        assertThat(l.p999Ms()).isEqualTo(230);
        assertThat(l.maxMs()).isEmpty();
        assertThat(l.p95Ms()).isEmpty();
    }

    @Test
    void outputWithoutASummaryIsAnErrorShowingTheOutput() {
        assertThatThrownBy(() -> KafkaTools.parseProducerPerformance("Exception in thread main: boom"))
                .isInstanceOf(LabException.class).hasMessageContaining("printed no summary").hasMessageContaining("boom");
    }
}
