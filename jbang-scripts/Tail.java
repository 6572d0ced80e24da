///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Print a topic's records as they arrive.
// A thin door: flags, help and logic live in dev.streaminglab.cluster.TailCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.cluster.TailCommand;

class Tail {
    public static void main(String... args) {
        Cli.exit(new TailCommand(), args);
    }
}
