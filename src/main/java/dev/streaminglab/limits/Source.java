package dev.streaminglab.limits;

/**
 * Where a claim of the catalogue comes from: a KIP, or a page of the documentation of the Kafka version the
 * catalogue measures. The report prints it beside the figure, so a reader can check the claim at its origin.
 */
public record Source(String title, String url) {
    /** The documentation the catalogue cites: the 4.3 pages, the version of the jars it runs. */
    static final String DOCS = "https://kafka.apache.org/43/";

    /** A KIP by number and title, at its page on the Apache wiki. */
    static Source kip(int number, String title) {
        return new Source("KIP-" + number + ": " + title, "https://cwiki.apache.org/confluence/display/KAFKA/KIP-"
                + number + "%3A+" + title.replace(' ', '+'));
    }

    /** A page of the Kafka 4.3 documentation, e.g. {@code streams/developer-guide/config-streams}. */
    static Source docs(String path, String title) {
        return new Source("Kafka 4.3 docs: " + title, DOCS + path);
    }

    /** "[title](url)", for the Markdown report. */
    public String markdown() {
        return "[" + title + "](" + url + ")";
    }
}
