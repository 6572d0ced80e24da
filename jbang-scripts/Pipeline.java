///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Run the processing pipeline (validation, enrichment, windowed aggregates, alerts, interactive queries).
// A thin door: flags, help and logic live in dev.streaminglab.pipeline.PipelineCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.pipeline.PipelineCommand;

class Pipeline {
    public static void main(String... args) {
        Cli.exit(new PipelineCommand(), args);
    }
}
