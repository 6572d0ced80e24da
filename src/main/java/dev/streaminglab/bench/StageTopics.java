package dev.streaminglab.bench;

/**
 * The topics a Streams stage under test works with. Input values are {@link dev.streaminglab.domain.Reading}
 * JSON keyed by device id; {@code devices} holds {@link dev.streaminglab.domain.Device} JSON (same key and
 * partition count) for joins.
 */
public record StageTopics(String input, String devices, String output, String deadLetter) {
}
