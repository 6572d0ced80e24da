package dev.streaminglab.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streaminglab.domain.Json;

/**
 * One message to the browser: a Server-Sent Event whose {@code event:} line is the type and whose data is
 * JSON. The types: {@code hello} (server instance), {@code aggregate}, {@code alert}, {@code deadLetter},
 * {@code metrics}, {@code operations}, and {@code live} (the history before it was replayed).
 */
public record DashboardEvent(long id, String type, Object data) {
    /**
     * The event as the SSE wire format wants it, its data stamped with {@code pushedAt}: when the server wrote it
     * to the browser, on the server's clock. The page measures its own delay against that stamp after converting
     * its clock to the server's, so no figure ever subtracts one machine's clock from another's.
     */
    public String wire(long pushedAt) {
        JsonNode node = Json.MAPPER.valueToTree(data);
        if (node instanceof ObjectNode o) {
            o.put("pushedAt", pushedAt);
        }
        return "id: " + id + "\nevent: " + type + "\ndata: " + Json.text(node) + "\n\n";
    }
}
