package dev.streaminglab.limits;

import dev.streaminglab.LabException;
import dev.streaminglab.kafka.KafkaConnection;
import java.time.Duration;
import java.time.Instant;

/**
 * One named experiment of the limits catalogue: a question an architect asks about Kafka Streams, answered
 * by running a small topology against a real cluster. Each experiment works in its own {@link Workbench}
 * (fresh topics, application ids and state folders), so runs never see each other's data.
 */
public interface Experiment {
    /** Short, stable name used on the command line and in result files, e.g. {@code late-data-grace}. */
    String name();

    /** The capability under test, as the catalogue's table names it, e.g. "Time: late data vs grace". */
    String capability();

    /** The question, as an architect would ask it. */
    String question();

    /** The set-up in one or two sentences: topics, partitions, instances, data. */
    String setup();

    /** Runs the experiment; everything created in the bench is cleaned up afterwards. */
    void measure(Workbench bench, Mode mode, Outcome outcome) throws Exception;

    default Finding run(KafkaConnection kafka, Mode mode) {
        Instant started = Instant.now();
        double load = RunContext.currentLoad();
        long t0 = System.nanoTime();
        Outcome outcome = new Outcome();
        int brokers;
        try (Workbench bench = new Workbench(kafka, name())) {
            brokers = bench.brokers();
            measure(bench, mode, outcome);
        } catch (LabException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("experiment " + name() + " was interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("experiment " + name() + " failed: " + e, e);
        }
        if (outcome.verdict() == null || outcome.headline() == null || outcome.conclusion() == null) {
            throw new IllegalStateException("experiment " + name() + " gave no verdict, headline or conclusion");
        }
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        return new Finding(name(), capability(), question(), setup(), mode, outcome.verdict(), outcome.headline(),
                outcome.conclusion(), outcome.figures(), outcome.series(), RunContext.of(started, ms, brokers, load));
    }
}
