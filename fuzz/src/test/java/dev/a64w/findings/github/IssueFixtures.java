package dev.a64w.findings.github;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Issue texts laid out as triage writes them ({@code DIR/issues/<side>--<signature>.md}), for tests. */
public final class IssueFixtures {
    private IssueFixtures() {
    }

    /** The text of a well-formed issue. */
    public static String text(String signature, String title) {
        return "# " + title + "\n\n"
                + "**Verdict:** mismatch:run: subject returned 1, interpreter 2\n\n"
                + "```\nfunction %f0() -> i32 {\nblock0:\n    v0 = iconst.i32 1\n    return v0\n}\n```\n\n"
                + "Reproduce: `a64w check regressions/" + signature + ".clif`\n\n"
                + IssueMarker.line(signature) + "\n";
    }

    /** Writes {@code DIR/issues/<signature>.md} with a well-formed text. */
    public static Path write(Path dir, String signature, String title) throws IOException {
        return writeRaw(dir, signature + ".md", text(signature, title));
    }

    public static Path writeRaw(Path dir, String fileName, String text) throws IOException {
        Path issues = Files.createDirectories(dir.resolve("issues"));
        return Files.writeString(issues.resolve(fileName), text);
    }
}
