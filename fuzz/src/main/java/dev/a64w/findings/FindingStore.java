package dev.a64w.findings;

import dev.a64w.diff.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes findings as reproducer files, atomically (temp file + rename), before anything else
 * happens to them: a crash of the harness afterwards never loses a finding. Each file is CLIF with
 * the verdict, its signature and the seed in leading comments, so it can be re-run with
 * {@code a64w check FILE}.
 */
public final class FindingStore {
    private final Path dir;

    public FindingStore(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The store of one side's findings: its own subfolder, with its own {@code reduced/}. */
    public FindingStore subfolder(String name) {
        return new FindingStore(dir.resolve(name));
    }

    /**
     * Saves {@code clif} (the printed module) under {@code name}.clif with a header naming the verdict.
     * Returns the path written.
     */
    public Path save(String name, Verdict verdict, String origin, String clif) {
        String header = "; a64w finding: " + verdict.line().replace('\n', ' ') + "\n"
                + "; signature: " + Signature.of(verdict) + "\n"
                + "; origin: " + origin + "\n";
        return writeAtomically(dir.resolve(name + ".clif"), header + clif);
    }

    /** Saves the reduced reproducer of a signature as {@code reduced/<signature>.clif}. */
    public Path saveReduced(String signature, Verdict verdict, String origin, String clif) {
        String header = "; a64w finding (reduced): " + verdict.line().replace('\n', ' ') + "\n"
                + "; signature: " + signature + "\n"
                + "; origin: " + origin + "\n";
        return writeAtomically(dir.resolve("reduced").resolve(signature + ".clif"), header + clif);
    }

    public static Path writeAtomically(Path target, String text) {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path tmp = Files.createTempFile(target.toAbsolutePath().getParent(), ".tmp-", ".part");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write finding " + target + ": " + e.getMessage(), e);
        }
    }
}
