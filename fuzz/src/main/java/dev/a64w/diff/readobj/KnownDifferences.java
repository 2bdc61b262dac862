package dev.a64w.diff.readobj;

import dev.a64w.check.unwind.PackedUnwind;
import dev.a64w.check.unwind.UnwindCode;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The documented cases where llvm-readobj 20.1.7 prints something our decoder does not, and the
 * decoder is deliberately not changed to match (docs/readobj-differences.md has the evidence). Each
 * method returns the difference's id when it applies, so a finding is reported as known instead of
 * as a disagreement. Anything else stays a disagreement.
 */
public final class KnownDifferences {
    /** LLVM decodes reserved codes one byte at a time ("Bad opcode!"); ours gives DF and F8–FB their payload bytes. */
    public static final String RESERVED_CODE_LENGTH = "reserved-code-length";
    /** LLVM prints register fields that name x31 and above (save_reg X=15 is "x34"); ours rejects them. */
    public static final String REGISTER_BEYOND_X30 = "register-beyond-x30";
    /** Packed CR=1 RegI=1: LLVM 20 prints "INVALID!" (fixed later by llvm-project PR 169676, issue 169588). */
    public static final String PACKED_CR1_REGI1 = "packed-cr1-regi1";
    /**
     * Packed H=1, RegI=RegF=0, CR≠1: LLVM 20 homes with a pre-indexed stp (fixed by PR 170294); Windows
     * counts the home area as locals and the homing stores as body instructions (docs/unwind-windows.md).
     */
    public static final String PACKED_HOMED_NO_SAVES = "packed-homed-no-saves";
    /** Packed RegI 11–15: LLVM synthesizes saves of x29 and up; ours rejects (RegI is 0–10). */
    public static final String PACKED_REGI_OVER_10 = "packed-regi-over-10";
    /** Packed FrameSize below the register save area: LLVM prints a negative sub; ours rejects. */
    public static final String PACKED_FRAME_TOO_SMALL = "packed-frame-too-small";

    /**
     * Packed local area above 4080 bytes: llvm-readobj 20 synthesizes the document's two
     * {@code sub}s (4080, then the rest); Windows' unwinder allocates it with one step
     * (docs/unwind-windows.md, "Local-area split").
     */
    public static final String PACKED_SINGLE_ALLOC = "packed-single-alloc";

    /**
     * Packed CR=2/3 with no local area: llvm-readobj 20 synthesizes {@code stp x29,lr,[sp,#-0]!}
     * and {@code mov x29,sp}; Windows saves no frame record and sets no frame pointer when
     * {@code #locsz} is 0 (docs/unwind-windows.md, "CR=2 versus CR=3").
     */
    public static final String PACKED_CHAINED_NO_LOCALS = "packed-chained-no-locals";

    private static final Pattern HIGH_X = Pattern.compile("\\bx(3[1-9]|[4-9]\\d)\\b");

    private KnownDifferences() {
    }

    /** Consecutive {@code alloc N} lines as one {@code alloc} of their sum. */
    static List<String> mergeAllocs(List<String> ops) {
        List<String> out = new java.util.ArrayList<>();
        for (String op : ops) {
            int last = out.size() - 1;
            if (op.startsWith("alloc ") && last >= 0 && out.get(last).startsWith("alloc ")) {
                long sum = Long.parseLong(out.get(last).substring(6)) + Long.parseLong(op.substring(6));
                out.set(last, "alloc " + sum);
            } else {
                out.add(op);
            }
        }
        return out;
    }

    /** A code whose bytes differ: our reserved multi-byte code where LLVM printed "Bad opcode!" for its first byte. */
    static Optional<String> codeBytes(UnwindCode ours, ReadobjCode llvm) {
        if (ours instanceof UnwindCode.Reserved r && r.length() > 1 && llvm instanceof ReadobjCode.Op op
                && op.text().equals("Bad opcode!") && op.first() == r.firstByte()) {
            return Optional.of(RESERVED_CODE_LENGTH);
        }
        return Optional.empty();
    }

    /** A code whose meaning differs: ours invalid where LLVM names a register beyond x30. */
    static Optional<String> codeMeaning(String ours, String llvm) {
        if (ours.equals("invalid") && HIGH_X.matcher(llvm).find()) {
            return Optional.of(REGISTER_BEYOND_X30);
        }
        return Optional.empty();
    }

    /**
     * The synthesized packed prologue differs: {@code oursError} is our expansion's rejection (empty
     * if it expanded), {@code llvm} the canonical texts of readobj's lines.
     */
    static Optional<String> packedPrologue(PackedUnwind p, Optional<String> oursError, List<String> llvm, List<String> ours) {
        if (oursError.isEmpty()) {
            if (p.cr() == 1 && p.regI() == 1 && llvm.contains("invalid")) {
                return Optional.of(PACKED_CR1_REGI1);
            }
            if (llvm.equals(ours)) {
                return Optional.empty();
            }
            if (p.h() && p.regI() == 0 && p.regF() == 0 && p.cr() != 1) {
                return Optional.of(PACKED_HOMED_NO_SAVES);
            }
            if (p.cr() >= 2 && p.localSize() == 0) {
                return Optional.of(PACKED_CHAINED_NO_LOCALS);
            }
            return mergeAllocs(llvm).equals(mergeAllocs(ours)) ? Optional.of(PACKED_SINGLE_ALLOC) : Optional.empty();
        }
        if (p.regI() > 10) {
            return Optional.of(PACKED_REGI_OVER_10);
        }
        if (p.h() && p.regI() == 0 && p.regF() == 0 && p.cr() != 1) {
            return Optional.of(PACKED_HOMED_NO_SAVES);
        }
        if (p.localSize() < 0) {
            return Optional.of(PACKED_FRAME_TOO_SMALL);
        }
        return Optional.empty();
    }
}
