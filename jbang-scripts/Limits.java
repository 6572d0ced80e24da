///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// The catalogue of Kafka Streams possibilities and limits: named experiments against a real cluster.
// A thin door: flags, help and logic live in dev.streaminglab.limits.LimitsCommand. Try: list, run --all, --help
import dev.streaminglab.Cli;
import dev.streaminglab.limits.LimitsCommand;

class Limits {
    public static void main(String... args) {
        Cli.exit(new LimitsCommand(), args);
    }
}
