///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// The performance lab: the kit against Kafka's own tools, Streams stages against a passthrough.
// A thin door: flags, help and logic live in dev.streaminglab.bench.BenchCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.bench.BenchCommand;

class Bench {
    public static void main(String... args) {
        Cli.exit(new BenchCommand(), args);
    }
}
