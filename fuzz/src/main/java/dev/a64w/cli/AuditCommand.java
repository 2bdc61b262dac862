package dev.a64w.cli;

import dev.a64w.audit.AuditException;
import dev.a64w.audit.AuditSummary;
import dev.a64w.audit.AuditTarget;
import dev.a64w.audit.DecodeCheck;
import dev.a64w.audit.Auditor;
import dev.a64w.audit.FunctionReport;
import dev.a64w.audit.Verdict;
import dev.a64w.diff.readobj.ReadobjException;
import dev.a64w.util.Bytes;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code a64w audit FILE...}: steps every prologue and epilogue of Windows ARM64 images (EXE, DLL)
 * and objects and unwinds at every instruction boundary (see {@link dev.a64w.audit}). One line per
 * function ({@code NAME: ok | disagree +OFF ... | unsupported ...}, prefixed with the file when
 * several are given), the last line {@code audit: N functions, N packed, N checked, N disagreements,
 * N unsupported}. A file that cannot be read gives {@code a64w: FILE: reason} and exit code 2.
 * Before auditing, each file's unwind data is decoded by llvm-readobj too ({@link DecodeCheck}): a
 * function whose decode differs is a disagreement at +0x0; stderr gets one note per file with the
 * counts (known differences included), or one line saying why the cross-check could not run.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check the unwind data of Windows ARM64 images and objects by stepping every prologue and epilogue.")
final class AuditCommand implements Callable<Integer> {
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    @Parameters(arity = "1..*", paramLabel = "FILE")
    List<Path> files;

    @Option(names = {"-q", "--quiet"}, description = "print only the functions that are not ok, and the summary")
    boolean quiet;

    /** A decode disagreement not about one function (e.g. the entry count): printed on stderr, exit code 1. */
    private boolean decodeFileLevel;

    @Override
    public Integer call() {
        AuditSummary total = AuditSummary.EMPTY;
        boolean badInput = false;
        boolean anyRead = false;
        decodeFileLevel = false;
        for (Path file : files) {
            String prefix = files.size() > 1 ? file + ": " : "";
            AuditTarget target;
            Bytes bytes;
            try {
                bytes = Bytes.of(Sources.readBytes(file, Integer.MAX_VALUE - 8));
                target = Auditor.read(bytes);
            } catch (InputException e) {
                System.err.println("a64w: " + e.getMessage());
                badInput = true;
                continue;
            } catch (AuditException e) {
                System.err.println("a64w: " + file + ": " + e.getMessage());
                badInput = true;
                continue;
            }
            anyRead = true;
            Map<Long, String> decode = Map.of();
            try {
                DecodeCheck check = DecodeCheck.run(file, bytes, target);
                decode = check.disagreements();
                System.err.println("audit: " + file + ": " + check.note());
                for (String d : check.fileLevel()) {
                    System.err.println("audit: " + file + ": decode disagreement: " + d);
                    decodeFileLevel = true;
                }
            } catch (ReadobjException e) {
                System.err.println("audit: " + file + ": no decode cross-check (llvm-readobj): "
                        + e.getMessage().replaceAll("\\s+", " ").strip());
            }
            long[] last = {System.nanoTime()};
            List<FunctionReport> reports;
            try {
                reports = Auditor.audit(target, decode, r -> {
                    if (!quiet || !(r.effective() instanceof Verdict.Ok)) {
                        System.out.println(prefix + r.line());
                    }
                }, (done, all) -> {
                    long now = System.nanoTime();
                    if (now - last[0] >= PROGRESS_NANOS && done < all) {
                        System.err.println("audit: " + file + ": " + done + "/" + all + " functions");
                        last[0] = now;
                    }
                });
            } catch (AuditException e) {
                System.err.println("a64w: " + file + ": " + e.getMessage());
                badInput = true;
                continue;
            }
            for (FunctionReport r : reports) {
                total = total.plus(r);
            }
        }
        if (anyRead) {
            System.out.println(total.line());
        }
        if (badInput) {
            return 2;
        }
        return total.disagreements() > 0 || decodeFileLevel ? 1 : 0;
    }
}
