package dev.streaminglab.serve;

import dev.streaminglab.domain.Json;

/**
 * One message to the browser: a Server-Sent Event whose {@code event:} line is the type and whose data is
 * JSON. The types: {@code hello} (server instance), {@code aggregate}, {@code alert}, {@code deadLetter},
 * {@code metrics}, and {@code live} (the history before it was replayed).
 */
public record DashboardEvent(long id, String type, Object data) {
    /** The event as the SSE wire format wants it. */
    public String wire() {
        return "id: " + id + "\nevent: " + type + "\ndata: " + Json.text(data) + "\n\n";
    }
}
