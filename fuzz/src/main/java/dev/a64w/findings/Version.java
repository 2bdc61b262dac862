package dev.a64w.findings;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The a64w version the build was made from ({@code a64w 0.1.0-SNAPSHOT}), read from a resource that
 * Maven fills in ({@code src/main/resources-filtered}), so the issue texts name it without depending
 * on the CLI.
 */
public final class Version {
    private Version() {}

    /** {@code a64w <version>}, or {@code a64w (unknown version)} when the resource is missing. */
    public static String text() {
        try (InputStream in = Version.class.getResourceAsStream("a64w-version.properties")) {
            if (in == null) return "a64w (unknown version)";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            return v.isEmpty() || v.startsWith("${") ? "a64w (unknown version)" : "a64w " + v;
        } catch (IOException e) {
            return "a64w (unknown version)";
        }
    }
}
