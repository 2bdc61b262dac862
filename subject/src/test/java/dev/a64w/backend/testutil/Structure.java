package dev.a64w.backend.testutil;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.Epilogue;
import dev.a64w.backend.FunctionUnwind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.UnwindStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural invariants of a compiled function, checked from its listing and unwind facts (an
 * independent view of the code: registers as printed, SP changes as described):
 * x18 never appears; every prologue/epilogue instruction has exactly one step and the steps are
 * contiguous; every SP allocation is a multiple of 16 and each epilogue frees what the prologue
 * allocated; every callee-saved register written in the body is saved by the prologue; every
 * {@code ret} is covered by an epilogue record when the function has a frame, and every epilogue
 * ends in a {@code ret} or a tail-call branch.
 */
public final class Structure {
    private static final Pattern REG = Pattern.compile("\\b[wx](\\d+)\\b");

    private Structure() {}

    public static List<String> problems(CompiledFunction f) {
        return problems(f.asm(), f.unwind());
    }

    /** The same for a function given as listing lines ({@code asm.get(i)} at byte 4i) and unwind facts. */
    public static List<String> problems(List<String> asm, Optional<FunctionUnwind> unwind) {
        List<String> out = new ArrayList<>();
        Set<Integer> regs = new TreeSet<>();
        for (int i = 0; i < asm.size(); i++) {
            String line = asm.get(i);
            Matcher m = REG.matcher(line.replaceAll(":lo12:[^\\]]*|\\b(bl|b) [^,]*$", ""));
            while (m.find()) regs.add(Integer.parseInt(m.group(1)));
            if (line.matches(".*\\b[wx]18\\b.*")) out.add("x18 used at 0x" + Integer.toHexString(4 * i) + ": " + line);
        }
        int retCount = (int) asm.stream().filter(l -> l.equals("ret") || l.startsWith("ret ")).count();
        if (unwind.isEmpty()) {
            for (int r = 19; r <= 30; r++) if (r != 30 && regs.contains(r)) out.add("frameless function uses x" + r);
            // Reading SP (incoming stack arguments, get_stack_pointer) is fine without a frame; moving it is not.
            for (String l : asm) if (l.matches("\\w+ (sp|wsp),.*|.*\\[sp[^\\]]*\\](!|, #).*")) out.add("frameless function moves sp: " + l);
            return out;
        }
        FunctionUnwind u = unwind.get();
        int alloc = 0;
        Set<Integer> saved = new TreeSet<>();
        int expect = 0;
        for (UnwindStep s : u.prologue()) {
            if (s.offset() != expect) out.add("prologue step at 0x" + Integer.toHexString(s.offset()) + ", expected 0x" + Integer.toHexString(expect));
            expect = s.offset() + 4;
            alloc += allocation(s.op(), saved, out);
        }
        if (alloc % 16 != 0) out.add("prologue allocates " + alloc + " (not a multiple of 16)");
        int tailCalls = 0;
        for (Epilogue e : u.epilogues()) if (isTailBranch(asm.get(e.endOffset() / 4))) tailCalls++;
        if (u.epilogues().size() != retCount + tailCalls) out.add(retCount + " rets and " + tailCalls + " tail calls but " + u.epilogues().size() + " epilogues");
        for (Epilogue e : u.epilogues()) {
            int freed = 0;
            int next = e.startOffset();
            for (UnwindStep s : e.steps()) {
                if (s.offset() != next) out.add("epilogue step at 0x" + Integer.toHexString(s.offset()) + ", expected 0x" + Integer.toHexString(next));
                next = s.offset() + 4;
                freed += allocation(s.op(), new TreeSet<>(), out);
            }
            if (next != e.endOffset()) out.add("epilogue steps end at 0x" + Integer.toHexString(next) + " but ret at 0x" + Integer.toHexString(e.endOffset()));
            String ret = asm.get(e.endOffset() / 4);
            if (!ret.startsWith("ret") && !isTailBranch(ret)) out.add("epilogue ends at neither a ret nor a tail-call branch: " + ret);
            if (freed != alloc) out.add("epilogue at 0x" + Integer.toHexString(e.endOffset()) + " frees " + freed + " of " + alloc);
        }
        for (int r = 19; r <= 28; r++) if (regs.contains(r) && !saved.contains(r)) out.add("x" + r + " used but not saved");
        if (!saved.contains(29) || !saved.contains(30)) out.add("frame record x29/x30 not saved");
        return out;
    }

    /** {@code b symbol} or {@code br x17}: how a tail call leaves (never to a local label). */
    private static boolean isTailBranch(String line) {
        return line.equals("br x17") || line.matches("b [^.].*");
    }

    private static int allocation(UnwindOp op, Set<Integer> saved, List<String> out) {
        return switch (op) {
            case UnwindOp.SaveFpLrPre x -> { saved.add(29); saved.add(30); yield x.size(); }
            case UnwindOp.SaveFpLr x -> { saved.add(29); saved.add(30); yield 0; }
            case UnwindOp.SaveRegPairPre x -> { saved.add(x.reg()); saved.add(x.reg() + 1); yield x.size(); }
            case UnwindOp.SaveRegPair x -> { saved.add(x.reg()); saved.add(x.reg() + 1); yield 0; }
            case UnwindOp.SaveRegPre x -> { saved.add(x.reg()); yield x.size(); }
            case UnwindOp.SaveReg x -> { saved.add(x.reg()); yield 0; }
            case UnwindOp.SaveFRegPairPre x -> x.size();
            case UnwindOp.SaveFRegPre x -> x.size();
            case UnwindOp.SaveFRegPair x -> 0;
            case UnwindOp.SaveFReg x -> 0;
            case UnwindOp.AllocStack x -> {
                if (x.size() % 16 != 0) out.add("allocation of " + x.size() + " is not a multiple of 16");
                yield x.size();
            }
            case UnwindOp.SetFp x -> 0;
            case UnwindOp.AddFp x -> 0;
            case UnwindOp.Nop x -> 0;
        };
    }

    /** A readable dump: labels, offsets, words and listing. */
    public static String dump(CompiledFunction f) {
        StringBuilder sb = new StringBuilder(f.name()).append(":\n");
        List<String> asm = f.asm();
        for (int i = 0; i < asm.size(); i++) {
            for (String l : f.labels().getOrDefault(4 * i, List.of())) sb.append(l).append(":\n");
            sb.append(String.format("  %04x: %08x  %s%n", 4 * i, f.code().u32(4 * i), asm.get(i)));
        }
        f.relocs().forEach(r -> sb.append("  reloc ").append(r).append('\n'));
        f.unwind().ifPresent(u -> sb.append("  unwind ").append(u).append('\n'));
        return sb.toString();
    }
}
