package dev.streaminglab.engines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Lines of code leave out blank lines and comments in each job language, and nothing else. */
class LinesOfCodeTest {
    @Test
    void javaBlockAndLineCommentsAreNotCode() {
        String java = """
                /**
                 * A header.
                 */
                package x;

                // why
                class A { /* inline */
                    int a; // trailing comment: still a line of code
                }
                """;
        assertThat(LinesOfCode.count(java, "//", "/*", "*/")).isEqualTo(4);
    }

    @Test
    void pythonDocstringsAndCommentsAreNotCode() {
        String python = "\"\"\"Module doc,\nover lines.\n\"\"\"\nimport json\n\n# why\ndef f():\n    \"\"\"One line.\"\"\"\n    return 1\n";
        assertThat(LinesOfCode.count(python, "#", "\"\"\"", "\"\"\"")).isEqualTo(3);
    }

    @Test
    void sqlCommentsAreNotCode() {
        assertThat(LinesOfCode.count("-- why\nSELECT 1\n  -- more\nFROM t;\n", "--", "/*", "*/")).isEqualTo(2);
    }
}
