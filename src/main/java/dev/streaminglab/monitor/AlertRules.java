package dev.streaminglab.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streaminglab.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The kit's alert rules ({@value LocalPrometheus#RULES}) as data: for notebooks, docs and tests. */
public final class AlertRules {
    /** One alerting rule. */
    public record Rule(String group, String name, String expr, String forDuration, String severity, String summary,
            String action) {
    }

    private AlertRules() {
    }

    public static List<Rule> read() {
        try (InputStream in = AlertRules.class.getClassLoader().getResourceAsStream(LocalPrometheus.RULES)) {
            if (in == null) {
                throw new LabException("the library lacks " + LocalPrometheus.RULES + ": rebuild it with './lab setup'");
            }
            List<Rule> out = new ArrayList<>();
            for (JsonNode g : new ObjectMapper(new YAMLFactory()).readTree(in).path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    out.add(new Rule(g.path("name").asText(), r.path("alert").asText(), r.path("expr").asText(),
                            r.path("for").asText("0s"), r.path("labels").path("severity").asText(),
                            r.path("annotations").path("summary").asText(), r.path("annotations").path("action").asText()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new LabException("cannot read " + LocalPrometheus.RULES + ": " + e.getMessage(), e);
        }
    }
}
