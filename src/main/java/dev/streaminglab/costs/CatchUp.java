package dev.streaminglab.costs;

import java.time.Duration;
import java.util.List;

/**
 * One run of a stage over a full input, timed the one way the kit times processing: from the moment the child JVM
 * starts its clients to the moment its committed offsets reach the input's end and every topic it feeds itself
 * (repartition topics, the pipeline's topics between stages) is committed to its end as well. Committed offsets
 * count only finished work: under exactly-once the last transaction is inside the clock, and so is the first,
 * since the clock starts before the application does.
 */
public final class CatchUp {
    /**
     * What one run measured.
     *
     * @param seconds from the start of the clients to the last committed offset
     * @param startupSeconds of which until RUNNING (group join, assignment, restores)
     * @param jvmFlags the flags the child JVM ran with
     */
    public record Run(String stage, String setup, long records, double seconds, double startupSeconds,
            List<String> jvmFlags) {
        public double recordsPerSec() {
            return records / seconds;
        }
    }

    private CatchUp() {
    }

    /** Runs {@code stage} with {@code setup} over {@code input} in a fresh child JVM and times it. */
    public static Run run(Rig rig, Stage stage, StreamsSetup setup, Rig.Input input, Duration timeout) {
        StageRun run = new StageRun(rig, stage, setup, input);
        try {
            ChildSpec.Status started = run.start();
            long doneAtMs = run.awaitCaughtUp(timeout);
            ChildSpec.Status last = run.status();
            List<String> flags = run.flags();
            run.stop();
            double startup = last.runningAtMs() == 0 ? 0 : (last.runningAtMs() - last.startedAtMs()) / 1000.0;
            return new Run(stage.label(), setup.label(), input.records(), (doneAtMs - started.startedAtMs()) / 1000.0,
                    startup, flags);
        } finally {
            run.cleanUp();
        }
    }
}
