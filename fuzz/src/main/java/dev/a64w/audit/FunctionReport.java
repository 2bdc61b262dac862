package dev.a64w.audit;

import java.util.Optional;

/**
 * The audit's result for one {@code .pdata} entry.
 *
 * @param name               export or symbol name, else the RVA as {@code 0x...}
 * @param rva                the function start (synthetic for objects)
 * @param packed             the entry is packed (Flag 1 or 2)
 * @param verdict            what stepping the prologue and epilogues found
 * @param decodeDisagreement a seam for a cross-check of the decode (e.g. against llvm-readobj):
 *                           present, it makes an otherwise agreeing function a disagreement at +0
 */
public record FunctionReport(String name, long rva, boolean packed, Verdict verdict, Optional<String> decodeDisagreement) {

    public static FunctionReport of(AuditTarget.AuditFunction f, Verdict v) {
        return new FunctionReport(f.name(), f.rva(), f.packed(), v, Optional.empty());
    }

    public FunctionReport withDecodeDisagreement(String reason) {
        return new FunctionReport(name, rva, packed, verdict, Optional.of(reason));
    }

    /** The verdict with the decode cross-check folded in. */
    public Verdict effective() {
        if (decodeDisagreement.isPresent() && !(verdict instanceof Verdict.Disagree)) {
            return new Verdict.Disagree(0, "decode: " + decodeDisagreement.get());
        }
        return verdict;
    }

    public String line() {
        return name + ": " + effective().line();
    }
}
