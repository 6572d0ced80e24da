package dev.streaminglab.engines;

import dev.streaminglab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lines of code of a job: lines with code on them, blank lines and comments (Java and SQL comments, Python
 * comments and docstrings) left out, so a well-commented job is not penalised.
 */
final class LinesOfCode {
    private LinesOfCode() {
    }

    static int count(Path file) {
        String name = file.getFileName().toString();
        try {
            return count(Files.readString(file), name.endsWith(".py") ? "#" : name.endsWith(".sql") ? "--" : "//",
                    name.endsWith(".py") ? "\"\"\"" : "/*", name.endsWith(".py") ? "\"\"\"" : "*/");
        } catch (IOException e) {
            throw new LabException("cannot read " + file + " to count its lines: " + e.getMessage(), e);
        }
    }

    static int count(String text, String lineComment, String blockOpen, String blockClose) {
        int lines = 0;
        boolean inBlock = false;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (inBlock) {
                int close = line.indexOf(blockClose);
                if (close < 0) {
                    continue;
                }
                inBlock = false;
                line = line.substring(close + blockClose.length()).strip();
            }
            if (line.startsWith(blockOpen)) {
                int close = line.indexOf(blockClose, blockOpen.length());
                if (close < 0) {
                    inBlock = true;
                    continue;
                }
                line = line.substring(close + blockClose.length()).strip();
            }
            if (!line.isEmpty() && !line.startsWith(lineComment)) {
                lines++;
            }
        }
        return lines;
    }
}
