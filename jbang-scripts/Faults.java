///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Fault experiments: a broker cut off by a network partition while a producer writes with acks=all, counted.
// A thin door: flags, help and logic live in dev.streaminglab.faults.FaultsCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.faults.FaultsCommand;

class Faults {
    public static void main(String... args) {
        Cli.exit(new FaultsCommand(), args);
    }
}
