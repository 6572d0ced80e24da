package dev.streaminglab.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.streaminglab.ProcessRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The JBang scripts compile the library from source with the dependencies listed in jbang-scripts/lib: they must be
 * pom.xml's (every compile and runtime dependency, same versions, the same Jackson BOM), or a script would run
 * against other jars than the tests.
 */
class JbangLibraryTest {
    private static final Path LIBRARY = ProcessRun.HOME.resolve("jbang-scripts/lib/StreamingLab.java");

    @Test
    void theScriptsLibraryHasThePomsDependencies() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ProcessRun.HOME.resolve("pom.xml").toFile());
        Map<String, String> properties = new TreeMap<>();
        NodeList props = ((Element) pom.getElementsByTagName("properties").item(0)).getChildNodes();
        for (int i = 0; i < props.getLength(); i++) {
            if (props.item(i) instanceof Element e) {
                properties.put(e.getTagName(), e.getTextContent().strip());
            }
        }
        TreeSet<String> fromPom = new TreeSet<>();
        NodeList deps = pom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            String scope = text(d, "scope");
            if (scope.equals("test")) {
                continue;
            }
            String version = resolve(text(d, "version"), properties);
            String gav = text(d, "groupId") + ":" + text(d, "artifactId") + (version.isEmpty() ? "" : ":" + version);
            fromPom.add(scope.equals("import") ? gav + "@" + text(d, "type") : gav);
        }
        assertThat(new TreeSet<>(scriptDeps())).isEqualTo(fromPom);
    }

    @Test
    void everyScriptUsesTheLibraryFromSource() throws IOException {
        try (var scripts = Files.list(ProcessRun.HOME.resolve("jbang-scripts"))) {
            scripts.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                try {
                    assertThat(Files.readString(p)).as(p.toString()).contains("//DEPS lib/StreamingLab.java\n");
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private static List<String> scriptDeps() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(LIBRARY)) {
            if (line.startsWith("//DEPS ")) {
                out.add(line.substring("//DEPS ".length()).strip());
            }
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList n = e.getElementsByTagName(tag);
        return n.getLength() == 0 ? "" : n.item(0).getTextContent().strip();
    }

    private static String resolve(String value, Map<String, String> properties) {
        return value.startsWith("${") ? properties.get(value.substring(2, value.length() - 1)) : value;
    }
}
