package dev.streaminglab.bench;

import dev.streaminglab.domain.TopicSet;
import dev.streaminglab.process.Enrichment;
import dev.streaminglab.process.TelemetryPipeline;
import dev.streaminglab.process.Validation;
import dev.streaminglab.process.WindowedAggregates;
import java.util.EnumSet;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The kit's code that the benchmark measures: every suite, chart and ratio picks up what these lists hold. */
final class UnderTest {
    static final String PASSTHROUGH = "passthrough";
    /** Stateless stages run several times faster than stateful ones: they get this many times the input. */
    private static final int LIGHT = 4;
    private static final int HEAVY = 1;

    private UnderTest() {
    }

    /**
     * Producers compared with Kafka's ProducerPerformance: the kit's plain producer loop (the first, which also
     * drives the other suites) and the telemetry generator, which only runs where the payloads are telemetry.
     */
    static List<ProducerUnderTest> producers() {
        return List.of(new KitProducer(), KitProducer.generator());
    }

    /** Streams stages measured against the passthrough baseline, which must stay first. */
    static List<StageUnderTest> stages() {
        return List.of(
                new StageUnderTest(PASSTHROUGH, StageInput.RAW, LIGHT, t -> List.of(t.valid()), (b, t) -> b
                        .stream(t.raw(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
                        .to(t.valid(), Produced.with(Serdes.String(), Serdes.ByteArray()))),
                new StageUnderTest(Validation.STAGE, StageInput.RAW, LIGHT, t -> List.of(t.valid(), t.deadLetter()),
                        Validation::build),
                new StageUnderTest(Enrichment.STAGE, StageInput.VALID, LIGHT, t -> List.of(t.enriched(), t.deadLetter()),
                        Enrichment::build),
                new StageUnderTest(WindowedAggregates.STAGE, StageInput.ENRICHED, HEAVY, t -> List.of(t.device1m(), t.late()),
                        WindowedAggregates::build),
                new StageUnderTest("pipeline", StageInput.RAW, HEAVY, t -> List.of(t.device1m(), t.deadLetter(), t.late()),
                        (b, t) -> TelemetryPipeline.build(b, t, EnumSet.allOf(TelemetryPipeline.Stage.class))));
    }

    /** The run's own copy of the pipeline's topics. */
    static TopicSet topics(String stage) {
        return TopicSet.STANDARD.prefixed(BenchTopics.uniqueName(stage) + ".");
    }
}
