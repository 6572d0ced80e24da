package dev.streaminglab.measure;

import dev.streaminglab.LabHome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit a result was measured at, and whether the checkout had uncommitted changes to tracked files (then
 * the figures belong to no commit anyone can check out). "unknown" outside a git checkout.
 */
public record CommitStamp(String commit, boolean dirty) {
    public static CommitStamp current() {
        Path dir = LabHome.checkout().orElse(Path.of(""));
        String commit = git(dir, "rev-parse", "--short=12", "HEAD");
        if (commit.isEmpty()) {
            return new CommitStamp("unknown", false);
        }
        return new CommitStamp(commit, !git(dir, "status", "--porcelain", "--untracked-files=no").isEmpty());
    }

    /** "1a2b3c4d5e6f" or "1a2b3c4d5e6f-dirty". */
    @Override
    public String toString() {
        return commit + (dirty ? "-dirty" : "");
    }

    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
