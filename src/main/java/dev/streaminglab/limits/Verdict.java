package dev.streaminglab.limits;

/** What an architect should take away from one experiment, in one word. */
public enum Verdict {
    /** Kafka Streams does this well out of the box. */
    WORKS("works"),
    /** It works, at a measurable price (pause, extra topic, throughput). */
    WORKS_WITH_COST("works, with a cost"),
    /** A hard boundary: data is lost, an application fails or stalls unless you design around it. */
    LIMIT("limit"),
    /** Kafka Streams does not do it at all; another tool does. */
    NOT_SUPPORTED("not supported");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
