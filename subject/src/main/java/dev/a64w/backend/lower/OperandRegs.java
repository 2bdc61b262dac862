package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.regalloc.OpCtx;
import dev.a64w.backend.regalloc.VReg;
import java.util.Arrays;

/**
 * The {@link OpCtx} the {@link CodeEmitter} hands to one instruction's emitter: the register of
 * each operand of that instruction (a handful, kept in a small table that is cleared and refilled
 * for the next instruction) and the frame's slot offsets.
 */
final class OperandRegs implements OpCtx {
    private final String function;
    private final FrameLayout frame;
    private VReg[] vregs = new VReg[8];
    private MReg[] regs = new MReg[8];
    private int size;

    OperandRegs(String function, FrameLayout frame) {
        this.function = function;
        this.frame = frame;
    }

    /** Forgets the previous instruction's operands. */
    void clear() {
        size = 0;
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

    @Override
    public MReg mreg(VReg v) {
        MReg g = get(v);
        if (g == null) throw new CompileException(function + ": " + v + " is not an operand of this instruction");
        return g;
    }

    @Override
    public int slotOffset(int slotId) {
        return frame.slotOffset(slotId);
    }
}
