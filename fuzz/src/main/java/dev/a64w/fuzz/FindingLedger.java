package dev.a64w.fuzz;

import dev.a64w.diff.Side;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The findings of a campaign, one per file ({@code <side>/<signature>-<case>.clif}), so that a case
 * checked twice (after a worker died, or on {@code --resume}) writes the same file again and counts once.
 * A resumed campaign starts from the files on disk whose origin is its seed. Not thread-safe.
 */
final class FindingLedger {
    private final Map<String, CaseRecord.FindingRef> files = new TreeMap<>();

    /** Adds a finding; returns whether its file was new. */
    boolean add(CaseRecord.FindingRef ref) {
        return files.putIfAbsent(ref.path(), ref) == null;
    }

    long count() {
        return files.size();
    }

    /** Findings per {@code side/signature}, sorted. */
    Map<String, Long> bySignature() {
        Map<String, Long> out = new TreeMap<>();
        files.values().forEach(r -> out.merge(r.signatureKey(), 1L, Long::sum));
        return out;
    }

    /** Findings per side. */
    Map<Side, Long> bySide() {
        Map<Side, Long> out = new EnumMap<>(Side.class);
        for (CaseRecord.FindingRef r : files.values()) {
            for (Side s : Side.values()) {
                if (s.id().equals(r.side())) out.merge(s, 1L, Long::sum);
            }
        }
        return out;
    }

    /**
     * The findings already in {@code out} of the campaign with {@code seed}: every {@code <side>/*.clif} whose
     * header's origin names that seed, under the signature its header gives.
     */
    static FindingLedger scan(Path out, long seed) {
        FindingLedger ledger = new FindingLedger();
        String origin = "; origin: a64w fuzz --seed " + seed + " ";
        for (Side side : Side.values()) {
            Path dir = out.resolve(side.id());
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".clif") && Files.isRegularFile(p)).sorted().toList()) {
                    List<String> head = header(f);
                    String signature = head.stream().filter(l -> l.startsWith("; signature: ")).findFirst()
                            .map(l -> l.substring("; signature: ".length()).strip()).orElse(null);
                    if (signature != null && head.stream().anyMatch(l -> l.startsWith(origin))) {
                        ledger.add(new CaseRecord.FindingRef(side.id(), signature, f.getFileName().toString()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the findings in " + dir + ": " + e.getMessage(), e);
            }
        }
        return ledger;
    }

    /** The leading comment lines of a finding file. */
    private static List<String> header(Path f) throws IOException {
        try (Stream<String> lines = Files.lines(f, StandardCharsets.UTF_8)) {
            return lines.limit(12).takeWhile(l -> l.startsWith(";")).toList();
        } catch (UncheckedIOException e) {
            return List.of(); // not UTF-8: not one of ours
        }
    }
}
