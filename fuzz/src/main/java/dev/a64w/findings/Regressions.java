package dev.a64w.findings;

import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reproducers laid out as {@code corpus/regressions} files, which {@code AdversarialCorpusTest}
 * replays in every build: {@code test interpret} and {@code target aarch64}, comment lines saying
 * what was found, then the module with its {@code ; run:} lines. A module passes the replay when its
 * run lines pass on our code and the harness finds nothing on our side.
 *
 * <ul>
 *   <li>A finding on our backend (side {@code subject}) that the reproducer still shows fails the
 *       replay until the bug is fixed, so its file is also listed in the folder's
 *       {@code known-failures.txt} with a one-line reason: the build stays green while the bug is
 *       open, and turns red once it is fixed until the line is removed.</li>
 *   <li>A finding on LLVM's or Cranelift's code (a peer's bug) is written to the findings directory's
 *       {@code regressions/} but never into the project's regressions folder and never listed: there
 *       it would replay as a check of our backend only (the replay judges our side), which says
 *       nothing about the peer's bug. Its issue text is what carries it; a person who wants it kept
 *       copies it to {@code corpus/cranelift-findings/} or {@code corpus/llvm-findings/}.</li>
 * </ul>
 */
final class Regressions {
    static final String KNOWN_FAILURES = "known-failures.txt";
    private static final String KNOWN_FAILURES_HEADER = """
            # Regressions documenting bugs that are not fixed yet: AdversarialCorpusTest expects these to FAIL.
            # Remove a line when its bug is fixed (the test then requires the file to pass).
            """;

    private Regressions() {}

    /** The regression file's text for a reproducer {@code clif} (a printed module with its header lines). */
    static String text(Side side, String signature, Verdict verdict, FindingFile finding, String how, String clif, boolean listed) {
        StringBuilder sb = new StringBuilder("test interpret\ntarget aarch64\n");
        sb.append("; a64w regression (").append(side.id()).append("): ").append(verdict.line().replace('\n', ' ')).append('\n');
        sb.append("; signature: ").append(signature).append('\n');
        sb.append("; found by: ").append(finding.origin().isEmpty() ? "unknown" : finding.origin()).append("; ").append(how).append('\n');
        sb.append(side != Side.SUBJECT
                ? "; a finding on " + side.id() + "'s code: replayed here, it checks our backend on the module only\n"
                : listed ? "; our backend's bug: listed in known-failures.txt until it is fixed\n"
                : "; our backend's finding, not shown by this module when checked alone: not listed in known-failures.txt\n");
        for (String line : clif.split("\n", -1)) {
            if (line.startsWith("test ") || line.startsWith("target ")) continue;
            sb.append(line).append('\n');
        }
        return sb.toString().stripTrailing() + "\n";
    }

    /**
     * Writes {@code text} to {@code folder/<signature>.clif} unless a file of that name is there already,
     * and for a reproducing finding on our side lists it in the folder's {@code known-failures.txt}.
     */
    static void write(Path folder, Side side, String signature, Verdict verdict, String text, boolean reproduces) {
        String name = signature + ".clif";
        Path file = folder.resolve(name);
        if (!Files.exists(file)) FindingStore.writeAtomically(file, text);
        if (side != Side.SUBJECT || !reproduces) return;
        Path list = folder.resolve(KNOWN_FAILURES);
        try {
            if (Files.exists(list)) {
                for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (l.equals(name) || l.startsWith(name + " ")) return;
                }
            }
            String entry = name + " a64w triage: " + Signature.title(verdict) + " (our bug, not fixed yet)\n";
            if (!Files.exists(list)) {
                FindingStore.writeAtomically(list, KNOWN_FAILURES_HEADER + entry);
            } else {
                String old = Files.readString(list, StandardCharsets.UTF_8);
                Files.writeString(list, (old.isEmpty() || old.endsWith("\n") ? "" : "\n") + entry, StandardCharsets.UTF_8,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new TriageException("triage: cannot update " + list + ": " + e.getMessage());
        }
    }
}
