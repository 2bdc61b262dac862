package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.LocalLabel;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.Operands;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.regalloc.Step;
import java.util.Arrays;
import java.util.List;

/**
 * How the {@link CodeEmitter} resolves one instruction's body: the register of each operand of that
 * instruction (a handful, kept in a small table that is cleared and refilled for the next
 * instruction) and a function label for each of its local labels.
 */
final class OperandRegs implements Operands.Resolver {
    private static final Label[] NO_LABELS = new Label[0];

    private final String function;
    private VReg[] vregs = new VReg[8];
    private MReg[] regs = new MReg[8];
    private int size;
    private Label[] labels = NO_LABELS;

    OperandRegs(String function) {
        this.function = function;
    }

    /** Forgets the previous instruction's operands and labels. */
    void clear() {
        size = 0;
        labels = NO_LABELS;
    }

    /** The register of {@code v} for this instruction, or null when it has none yet. */
    MReg get(VReg v) {
        for (int k = 0; k < size; k++) if (vregs[k].equals(v)) return regs[k];
        return null;
    }

    /** Gives {@code v} the register {@code g} for this instruction (replacing one it had). */
    void put(VReg v, MReg g) {
        for (int k = 0; k < size; k++) {
            if (vregs[k].equals(v)) {
                regs[k] = g;
                return;
            }
        }
        if (size == vregs.length) {
            vregs = Arrays.copyOf(vregs, 2 * size);
            regs = Arrays.copyOf(regs, 2 * size);
        }
        vregs[size] = v;
        regs[size++] = g;
    }

    /**
     * A fresh label of {@code buf} for each local label {@code steps} bind, made in label order
     * before any instruction of the body (as the buffer numbers them).
     */
    void labelsFor(List<Step> steps, MachineBuffer buf) {
        int n = 0;
        for (int k = 0; k < steps.size(); k++) if (steps.get(k) instanceof Step.Bind b) n = Math.max(n, b.label().index() + 1);
        if (n == 0) return;
        labels = new Label[n];
        for (int k = 0; k < n; k++) labels[k] = buf.newLabel();
    }

    @Override
    public MReg reg(VReg v) {
        MReg g = get(v);
        if (g == null) throw new CompileException(function + ": " + v + " is not an operand of this instruction");
        return g;
    }

    @Override
    public Label label(LocalLabel l) {
        if (l.index() >= labels.length) throw new CompileException(function + ": local label " + l.index() + " is never bound in this instruction");
        return labels[l.index()];
    }
}
