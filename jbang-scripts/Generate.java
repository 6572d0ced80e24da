///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Telemetry into Kafka: synthetic readings with exact numbers of defects, a replay of the UCI air-quality
// file, or the device registry alone. A thin door: flags, help and logic live in
// dev.streaminglab.ingest.GenerateCommand. Try: --help, replay --help
import dev.streaminglab.Cli;
import dev.streaminglab.ingest.GenerateCommand;

class Generate {
    public static void main(String... args) {
        Cli.exit(new GenerateCommand(), args);
    }
}
