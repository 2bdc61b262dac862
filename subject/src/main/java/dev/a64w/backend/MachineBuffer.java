package dev.a64w.backend;

import dev.a64w.backend.a64.A64Encoder;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.InstSink;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.Sym;
import dev.a64w.backend.a64.Target;
import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one mutable object of a compile: instruction words and the instructions they encode (the
 * listing is printed from those only when asked for, see {@link CompiledFunction#asm}), labels and the
 * fixups that refer to them (each knows its range: BRANCH26/19/14, ADR21), relocations, and unwind
 * steps at offsets. {@link #finish} patches every fixup and fails with a {@link CompileException}
 * naming the offsets (hex) of anything unbound or out of range.
 */
public final class MachineBuffer implements InstSink {
    /** A label fixup: the instruction at {@code offset} reaches {@code label} with a field of this kind. */
    public enum FixupKind {
        BRANCH26(26), BRANCH19(19), BRANCH14(14), ADR21(21);

        public final int bits;

        FixupKind(int bits) {
            this.bits = bits;
        }

        /** Whether a byte displacement fits the field. */
        public boolean fits(long disp) {
            if (this == ADR21) return disp >= -(1L << 20) && disp < (1L << 20);
            if ((disp & 3) != 0) return false;
            long words = disp >> 2;
            return words >= -(1L << (bits - 1)) && words < (1L << (bits - 1));
        }
    }

    private record Fixup(int offset, Label label, FixupKind kind) {}

    private final String function;
    private final String labelPrefix;
    private int[] words = new int[256];
    private int size = 0;
    private final List<A64Inst> insts = new ArrayList<>(256);
    private final Map<Label, Integer> bound = new HashMap<>();
    private final List<Fixup> fixups = new ArrayList<>(64);
    private final List<Reloc> relocs = new ArrayList<>(64);
    private final List<UnwindStep> prologue = new ArrayList<>();
    private final List<Epilogue> epilogues = new ArrayList<>();
    private List<UnwindStep> openEpilogue = null;
    private int nextLabel = 0;

    public MachineBuffer(String function) {
        this.function = function;
        this.labelPrefix = ".L" + labelSafe(function) + "_";
    }

    /** The name with every character (code point) outside {@code [A-Za-z0-9_$.]} replaced by {@code _}. */
    private static String labelSafe(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); ) {
            int c = name.codePointAt(i);
            i += Character.charCount(c);
            boolean safe = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$' || c == '.';
            out.append(safe ? (char) c : '_');
        }
        return out.toString();
    }

    public String function() {
        return function;
    }

    /** A fresh label, unique in the module: {@code .L<function>_<n>}. */
    public Label newLabel() {
        return new Label(labelPrefix + nextLabel++);
    }

    public void bind(Label label) {
        Integer prev = bound.putIfAbsent(label, offset());
        if (prev != null) throw new CompileException(function + ": label " + label.name() + " bound twice (0x" + Integer.toHexString(prev) + ", 0x" + Integer.toHexString(offset()) + ")");
    }

    /** Byte offset of the next instruction. */
    public int offset() {
        return size * 4;
    }

    /** Encodes and records one instruction with the fixup or relocation its target needs. */
    @Override
    public void emit(A64Inst inst) {
        int off = offset();
        if (size == words.length) words = Arrays.copyOf(words, 2 * size);
        words[size++] = A64Encoder.encode(inst);
        insts.add(inst);
        switch (inst) {
            case B26 b -> target(off, b.target(), FixupKind.BRANCH26, RelocKind.CALL26);
            case CondBr b -> target(off, b.target(), FixupKind.BRANCH19, null);
            case CompareBranch b -> target(off, b.target(), FixupKind.BRANCH19, null);
            case TestBranch b -> target(off, b.target(), FixupKind.BRANCH14, null);
            case Adr a -> target(off, a.target(), FixupKind.ADR21, null);
            case Adrp a -> target(off, a.target(), null, RelocKind.ADRP_PAGE21);
            case AddLo12 a -> relocs.add(new Reloc(off, RelocKind.ADD_LO12, a.sym().name(), a.sym().addend()));
            case LdStLo12 l -> relocs.add(new Reloc(off, ldstKind(l.op()), l.sym().name(), l.sym().addend()));
            default -> { }
        }
    }

    private static RelocKind ldstKind(LdStOp op) {
        return switch (op.scale) {
            case 0 -> RelocKind.LDST8_LO12;
            case 1 -> RelocKind.LDST16_LO12;
            case 2 -> RelocKind.LDST32_LO12;
            default -> RelocKind.LDST64_LO12;
        };
    }

    private void target(int off, Target t, FixupKind fixup, RelocKind reloc) {
        switch (t) {
            case Label l -> {
                if (fixup == null) throw new CompileException(function + " at 0x" + Integer.toHexString(off) + ": label target " + l.name() + " needs a relocation");
                fixups.add(new Fixup(off, l, fixup));
            }
            case Sym s -> {
                if (reloc == null) throw new CompileException(function + " at 0x" + Integer.toHexString(off) + ": symbol target " + s.asm() + " has no relocation");
                relocs.add(new Reloc(off, reloc, s.name(), s.addend()));
            }
            case LocalLabel l -> throw new CompileException(function + " at 0x" + Integer.toHexString(off) + ": local label " + l.asm() + " was never resolved to a label");
            case dev.a64w.backend.a64.Rel r -> { }
        }
    }

    /** Emits a prologue instruction with its unwind effect. */
    public void emitPrologue(A64Inst inst, UnwindOp op) {
        prologue.add(new UnwindStep(offset(), op));
        emit(inst);
    }

    /** Emits an epilogue instruction (before the {@code ret}) with its unwind effect. */
    public void emitEpilogue(A64Inst inst, UnwindOp op) {
        if (openEpilogue == null) openEpilogue = new ArrayList<>();
        openEpilogue.add(new UnwindStep(offset(), op));
        emit(inst);
    }

    /** Emits the {@code ret} that closes the current epilogue (an empty one if no step was emitted). */
    public void emitEpilogueRet(A64Inst ret) {
        epilogues.add(new Epilogue(openEpilogue == null ? List.of() : openEpilogue, offset()));
        openEpilogue = null;
        emit(ret);
    }

    /** Fixups that do not reach their (bound) label; empty when the code can be finished. */
    public List<String> rangeProblems() {
        List<String> out = new ArrayList<>();
        for (Fixup f : fixups) {
            Integer at = bound.get(f.label());
            if (at == null) continue;
            long disp = (long) at - f.offset();
            if (!f.kind().fits(disp)) {
                out.add(f.kind() + " at 0x" + Integer.toHexString(f.offset()) + " to " + f.label().name() + " at 0x" + Integer.toHexString(at)
                        + ": displacement " + (disp < 0 ? "-0x" + Long.toHexString(-disp) : "0x" + Long.toHexString(disp)) + " out of range");
            }
        }
        return out;
    }

    /** Patches all fixups and returns the function; {@code unwind} is attached when {@code hasFrame}. */
    public CompiledFunction finish(boolean hasFrame) {
        List<String> problems = new ArrayList<>();
        int[] code = Arrays.copyOf(words, size);
        Set<Label> referenced = new LinkedHashSet<>();
        for (Fixup f : fixups) {
            Integer at = bound.get(f.label());
            if (at == null) {
                problems.add("unbound label " + f.label().name() + " used at 0x" + Integer.toHexString(f.offset()));
                continue;
            }
            referenced.add(f.label());
            long disp = (long) at - f.offset();
            if (!f.kind().fits(disp)) {
                problems.addAll(rangeProblems());
                break;
            }
            int i = f.offset() / 4;
            code[i] = patch(code[i], f.kind(), disp);
        }
        if (openEpilogue != null) problems.add("epilogue steps without a ret at 0x" + Integer.toHexString(openEpilogue.getFirst().offset()));
        if (!problems.isEmpty()) throw new CompileException(function + ": " + String.join("; ", problems));
        byte[] bytes = new byte[code.length * 4];
        for (int i = 0; i < code.length; i++) {
            bytes[4 * i] = (byte) code[i];
            bytes[4 * i + 1] = (byte) (code[i] >>> 8);
            bytes[4 * i + 2] = (byte) (code[i] >>> 16);
            bytes[4 * i + 3] = (byte) (code[i] >>> 24);
        }
        TreeMap<Integer, List<String>> labels = new TreeMap<>();
        for (Label l : referenced) labels.computeIfAbsent(bound.get(l), k -> new ArrayList<>()).add(l.name());
        Optional<FunctionUnwind> unwind = hasFrame ? Optional.of(new FunctionUnwind(prologue, epilogues)) : Optional.empty();
        if (!hasFrame && !prologue.isEmpty()) throw new CompileException(function + ": prologue steps in a frameless function");
        return new CompiledFunction(function, Bytes.of(bytes), insts, labels, relocs, unwind);
    }

    private static int patch(int word, FixupKind kind, long disp) {
        return switch (kind) {
            case BRANCH26 -> word | (int) ((disp >> 2) & 0x3ff_ffff);
            case BRANCH19 -> word | (int) ((disp >> 2) & 0x7ffff) << 5;
            case BRANCH14 -> word | (int) ((disp >> 2) & 0x3fff) << 5;
            case ADR21 -> word | (int) (disp & 3) << 29 | (int) ((disp >> 2) & 0x7ffff) << 5;
        };
    }
}
