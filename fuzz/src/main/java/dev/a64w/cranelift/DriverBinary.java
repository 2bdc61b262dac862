package dev.a64w.cranelift;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the driver executable is: {@code -Da64w.cranelift.driver=PATH}, else
 * {@code oracle-cranelift/target/cargo/release/a64w-cranelift} under the project root (the system
 * property {@code a64w.root}, set by {@code ./a64w} and by Maven's surefire configuration; else the
 * working directory). Maven builds it when cargo and {@code ../shared/peers/cranelift} are present.
 */
public final class DriverBinary {
    static final String RELATIVE = "oracle-cranelift/target/cargo/release/a64w-cranelift";

    private DriverBinary() {
    }

    /** The executable, or the reason there is none (one line, naming what is missing). */
    public static Located locate() {
        String explicit = System.getProperty("a64w.cranelift.driver");
        if (explicit != null && !explicit.isBlank()) {
            Path p = Path.of(explicit);
            return Files.isExecutable(p) ? new Located(p, "") : new Located(null, "-Da64w.cranelift.driver=" + p + " is not an executable");
        }
        Path root = Path.of(System.getProperty("a64w.root", ".")).toAbsolutePath().normalize();
        Path p = root.resolve(RELATIVE);
        if (Files.isExecutable(p)) {
            return new Located(p, "");
        }
        String why = !Files.isDirectory(root.resolveSibling("shared").resolve("peers").resolve("cranelift"))
                ? "../shared/peers/cranelift is missing"
                : "cargo was missing or the build was skipped";
        return new Located(null, "Cranelift leg skipped: the driver " + RELATIVE + " is not built (" + why
                + "; mvn builds it with cargo)");
    }

    /** {@code path} null when there is no driver; then {@code reason} says why. */
    public record Located(Path path, String reason) {
        public boolean found() {
            return path != null;
        }
    }
}
