package dev.a64w.diff;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.MalformedObjectException;
import dev.a64w.check.coff.RelocationRules;
import dev.a64w.check.coff.Section;
import dev.a64w.check.unwind.UnwindMeaning;
import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * The Object check (DESIGN.md "The checks", 2) over the subject's object bytes, read only through
 * the independent {@link CoffReader} and unwind decoder:
 * <ul>
 *   <li>the object reads; machine is IMAGE_FILE_MACHINE_ARM64 (0xaa64); TimeDateStamp is 0;</li>
 *   <li>{@link RelocationRules}: every relocation fits its instruction, the PAGEOFFSET_12L target is
 *       aligned to the access size (offset and section alignment: the LNK2048 class), code sections
 *       and function symbols are 4-byte aligned;</li>
 *   <li>{@code .pdata}/{@code .xdata} sections are 4-byte aligned and every entry decodes;</li>
 *   <li>every non-leaf function (one with a BL or BLR in its extent) has {@code .pdata}; every
 *       function's entries start at the function start and tile it: the FunctionLengths add up to
 *       the distance to the next function symbol or the section end (trailing NOP/zero padding
 *       allowed); epilogue start offsets lie inside the fragment; in a function of several
 *       fragments (1 MiB or more) the first has a real prologue and every later one only
 *       {@code end_c} and a phantom prologue equal to the first one's ({@link WholeUnwind#problems}).</li>
 * </ul>
 * Never throws for bad bytes: a malformed object is a mismatch.
 */
public final class ObjectCheck {
    private static final int NOP = 0xD503_201F;

    private ObjectCheck() {
    }

    /** {@code pass}, or a mismatch whose detail is the first problem. */
    public static Verdict check(Bytes object) {
        return check(Check.OBJECT, object);
    }

    /**
     * The same for the object of {@code check}'s side. For Cranelift's object one rule of the
     * subject's own policy is left out: an ADDR64 in a code section. Cranelift loads the address of a
     * non-colocated symbol from a literal pool ({@code ldr xN, 1f; b 2f; 1: .8byte sym}); that is
     * valid COFF (the linker writes the address and a base relocation for it), so it is a different
     * choice, shown by the relocation-class statistics, not a malformed object. Link and Run judge
     * whether it works.
     */
    public static Verdict check(Check check, Bytes object) {
        List<String> problems = problems(object);
        if (check.side() == Side.CRANELIFT) {
            problems = problems.stream().filter(p -> !isLiteralPoolAddr64(p)).toList();
        }
        return problems.isEmpty() ? Verdict.PASS : new Verdict.Mismatch(check, problems.get(0));
    }

    private static boolean isLiteralPoolAddr64(String problem) {
        return problem.contains("(ADDR64 reloc #") && problem.contains("data relocation expected in a data-like section");
    }

    /** Every problem found, in a stable order (format, relocations, alignment, unwind), one line each. */
    public static List<String> problems(Bytes object) {
        CoffObject obj;
        try {
            obj = CoffReader.read(object);
        } catch (MalformedObjectException e) {
            return List.of("object malformed: " + e.getMessage());
        }
        return problems(obj);
    }

    static List<String> problems(CoffObject obj) {
        List<String> problems = new ArrayList<>();
        if (obj.machine() != CoffObject.MACHINE_ARM64) {
            problems.add("machine expected 0xaa64, actual 0x" + Integer.toHexString(obj.machine()));
        }
        if (obj.timestamp() != 0) {
            problems.add("TimeDateStamp expected 0 (deterministic), actual 0x" + Long.toHexString(obj.timestamp()));
        }
        problems.addAll(RelocationRules.check(obj));
        for (Section s : obj.sections()) {
            if (UnwindEntries.isUnwindSection(s) && s.alignment() < 4) {
                problems.add("section #" + s.number() + " " + s.name() + ": alignment expected >= 4, actual "
                        + (s.alignment() == 0 ? "unset" : s.alignment()));
            }
        }
        List<CodeFunction> functions = CodeFunction.of(obj);
        UnwindEntries unwind = UnwindEntries.decode(obj, functions);
        problems.addAll(unwind.problems());
        for (CodeFunction f : functions) {
            checkFunction(f, unwind.of(f), problems);
        }
        return problems;
    }

    private static void checkFunction(CodeFunction f, List<UnwindEntries.Fragment> entries, List<String> problems) {
        String fn = "function " + f.name() + " (" + f.place(f.start()) + ", size 0x" + Long.toHexString(f.size()) + ")";
        if (entries.isEmpty()) {
            OptionalLong call = firstCall(f);
            if (call.isPresent()) {
                problems.add(fn + ": non-leaf (" + callName(f, call.getAsLong()) + " at " + f.place(call.getAsLong())
                        + ") expected a .pdata entry, actual none");
            }
            return;
        }
        List<UnwindEntries.Fragment> sorted = entries.stream()
                .sorted(Comparator.comparingLong(UnwindEntries.Fragment::offset)).toList();
        long cursor = 0;
        for (UnwindEntries.Fragment e : sorted) {
            if (e.offset() != cursor) {
                problems.add(fn + ": .pdata entry " + e.pdataPlace() + " expected to start at +0x"
                        + Long.toHexString(cursor) + ", actual +0x" + Long.toHexString(e.offset()));
                return;
            }
            UnwindMeaning m = e.meaning();
            for (UnwindMeaning.Epilog ep : m.epilogs()) {
                if (ep.startOffset() >= m.functionLengthBytes()) {
                    problems.add(fn + ": .pdata entry " + e.pdataPlace() + ": epilogue start expected < FunctionLength 0x"
                            + Long.toHexString(m.functionLengthBytes()) + ", actual 0x" + Long.toHexString(ep.startOffset()));
                }
            }
            cursor += m.functionLengthBytes();
        }
        if (sorted.size() > 1) {
            problems.addAll(WholeUnwind.problems(fn, sorted));
        }
        long size = f.size();
        if (cursor > size || (cursor < size && !paddingOnly(f, cursor))) {
            String what = sorted.size() == 1 ? "FunctionLength" : "sum of FunctionLengths";
            problems.add(fn + ": " + what + " expected 0x" + Long.toHexString(size)
                    + " (to the next function symbol or the section end), actual 0x" + Long.toHexString(cursor));
        }
    }

    /** Offset (in the section) of the first BL or BLR in the function, if any. */
    static OptionalLong firstCall(CodeFunction f) {
        Bytes data = f.section().data();
        for (long at = f.start(); at + 4 <= Math.min(f.end(), data.size()); at += 4) {
            int w = (int) data.u32((int) at);
            if (isBl(w) || isBlr(w)) {
                return OptionalLong.of(at);
            }
        }
        return OptionalLong.empty();
    }

    static boolean isBl(int w) {
        return (w & 0xFC00_0000) == 0x9400_0000;
    }

    static boolean isBlr(int w) {
        return (w & 0xFFFF_FC1F) == 0xD63F_0000;
    }

    private static String callName(CodeFunction f, long at) {
        return isBl((int) f.section().data().u32((int) at)) ? "bl" : "blr";
    }

    private static boolean paddingOnly(CodeFunction f, long from) {
        Bytes data = f.section().data();
        for (long at = f.start() + from; at < f.end(); at += 4) {
            if (at + 4 > data.size()) {
                return false;
            }
            int w = (int) data.u32((int) at);
            if (w != NOP && w != 0) {
                return false;
            }
        }
        return true;
    }
}
