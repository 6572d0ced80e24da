///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS lib/StreamingLab.java

// Build the seminar deck (HTML and PDF) from the kit's measured figures.
// A thin door: flags, help and logic live in dev.streaminglab.report.SlidesCommand. Try: --help
import dev.streaminglab.Cli;
import dev.streaminglab.report.SlidesCommand;

class Slides {
    public static void main(String... args) {
        Cli.exit(new SlidesCommand(), args);
    }
}
