///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// The same job on several engines, each checked against the oracle and measured.
// A thin door: flags, help and logic live in dev.streaminglab.engines.EnginesCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.engines.EnginesCommand;

class Engines {
    public static void main(String... args) {
        Cli.exit(new EnginesCommand(), args);
    }
}
