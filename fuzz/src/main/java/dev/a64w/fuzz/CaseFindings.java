package dev.a64w.fuzz;

import dev.a64w.cranelift.CraneliftVariant;
import dev.a64w.diff.Side;
import dev.a64w.diff.Verdict;
import dev.a64w.findings.FindingStore;
import dev.a64w.findings.Signature;
import dev.a64w.gen.GeneratedCase;
import dev.a64w.gen.Generator;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.Printer;
import java.nio.file.Path;

/**
 * Writes a case's finding the one way both a worker (the checks' findings) and the campaign (a dead or
 * hung worker's case) do: {@code <side>/<signature>-<case>.clif} under the findings folder, atomically,
 * with the case's Cranelift variant header and {@code ; run:} lines, before anything else is done with it.
 */
final class CaseFindings {
    private CaseFindings() {}

    /** Saves {@code verdict} as {@code side}'s finding of case {@code i} and says what was written. */
    static CaseRecord.FindingRef save(Path out, CaseStream stream, long i, Side side, Verdict verdict, Module repro) {
        return save(out, stream, i, side, verdict, Printer.print(repro));
    }

    /** The same with the module as text (or a comment saying why there is none). */
    static CaseRecord.FindingRef save(Path out, CaseStream stream, long i, Side side, Verdict verdict, String moduleText) {
        String signature = Signature.of(verdict);
        String name = signature + "-" + i;
        String head = CraneliftVariant.forCase(i).header() + "\n";
        new FindingStore(out).subfolder(side.id()).save(name, verdict, stream.origin(i), head + moduleText);
        return new CaseRecord.FindingRef(side.id(), signature, name + ".clif");
    }

    /** The module with its inputs as {@code ; run:} lines, or as generated when the interpreter cannot give them. */
    static Module reproducer(GeneratedCase gc, long fuel) {
        try {
            return Reproducer.withRunLines(gc, fuel);
        } catch (RuntimeException | StackOverflowError e) {
            return gc.module();
        }
    }

    /**
     * Case {@code i} generated again from the stream (for a worker that died on it), printed as a reproducer; or a
     * comment saying why it could not be.
     */
    static String regenerate(CaseStream stream, long i) {
        try {
            return Printer.print(reproducer(stream.generate(new Generator(stream.generator()), i), stream.harness().fuel()));
        } catch (RuntimeException | StackOverflowError e) {
            return "; case " + i + " could not be generated again: " + e + "\n";
        }
    }
}
