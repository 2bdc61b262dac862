package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.A64Inst.LdStOp;
import dev.a64w.backend.a64.A64Inst.LdStRegOffset;
import dev.a64w.backend.a64.A64Inst.LdStUImm;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.regalloc.Loc;
import dev.a64w.backend.regalloc.ParallelMoves;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import dev.a64w.backend.regalloc.RegClass;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VReg;
import java.util.ArrayList;
import java.util.List;

/**
 * Spills and reloads: the operands of an instruction reloaded into (and spilled defs stored from)
 * x16, x17, x15; stack accesses (one helper for offsets beyond the scaled 12-bit immediate); and
 * parallel moves (cycles through the class's scratch, memory to memory through x17).
 * <p>FLOAT values: a spill slot holds their 64 raw bits, so memory-to-memory moves and stack
 * arguments from a spill slot go through x17/x16 already. Everything with an fp register end needs
 * the FP forms ({@code fmov d, d}, {@code ldr/str d}) and goes through {@link #needsFpForms}.
 */
final class SpillCode {
    /** Reload (and spilled-def) scratch registers, in order. */
    private static final Gpr[] RELOAD = {Gpr.X16, Gpr.X17, Gpr.X15};

    private final EmitContext cx;
    private final OperandRegs operands;

    SpillCode(EmitContext cx) {
        this.cx = cx;
        this.operands = new OperandRegs(cx.code.name(), cx.frame);
    }

    /**
     * The single seam for the FP load/store/move forms this branch does not have yet: a CompileException
     * naming what needed them. The float lowering replaces its callers' throws with the instructions.
     */
    CompileException needsFpForms(String what) {
        return cx.fail("float moves need the FP forms (" + what + ")");
    }

    // ---- one instruction ----

    /** Reloads the spilled uses, maps every operand to its register, emits {@code op}, stores the spilled defs. */
    void op(VInst.Op op) {
        OperandRegs regs = operands;
        regs.clear();
        int usedScratch = 0; // RELOAD[0..usedScratch) hold reloaded uses
        List<VReg> uses = op.uses();
        for (int k = 0; k < uses.size(); k++) {
            VReg u = uses.get(k);
            if (regs.get(u) != null) continue;
            switch (cx.loc(u)) {
                case Loc.InReg r -> regs.put(u, r.reg());
                case Loc.Spill s -> regs.put(u, reload(u, s, RELOAD[usedScratch++]));
            }
        }
        List<VReg> temps = op.temps();
        for (int k = 0; k < temps.size(); k++) {
            VReg t = temps.get(k);
            if (!(cx.loc(t) instanceof Loc.InReg r)) throw cx.fail("temp " + t + " spilled");
            regs.put(t, r.reg());
        }
        List<VReg> defs = op.defs();
        List<VReg> spilledDefs = null;
        int nextDefScratch = 0;
        for (int k = 0; k < defs.size(); k++) {
            VReg d = defs.get(k);
            switch (cx.loc(d)) {
                case Loc.InReg r -> regs.put(d, r.reg());
                case Loc.Spill s -> {
                    if (d.isFloat()) throw needsFpForms("spilled float def " + d);
                    Gpr g;
                    if (op.earlyDef()) {
                        // the first scratch register no reloaded use (nor earlier early def) holds
                        if (usedScratch == RELOAD.length) throw cx.fail("no scratch for early def " + d);
                        g = RELOAD[usedScratch++];
                    } else {
                        g = RELOAD[nextDefScratch++];
                    }
                    regs.put(d, g);
                    if (spilledDefs == null) spilledDefs = new ArrayList<>(2);
                    spilledDefs.add(d);
                }
            }
        }
        op.emit().emit(regs, cx.buf);
        if (spilledDefs != null) {
            for (VReg d : spilledDefs) store((Gpr) regs.get(d), cx.frame.spillOffset(((Loc.Spill) cx.loc(d)).slot()));
        }
    }

    /**
     * The operand registers of a branch test: each use's register, the spilled ones reloaded into
     * the reload scratch registers in order.
     */
    OperandRegs testOperands(List<VReg> testUses) {
        OperandRegs regs = operands;
        regs.clear();
        int scratch = 0;
        for (VReg u : testUses) {
            if (regs.get(u) != null) continue;
            switch (cx.loc(u)) {
                case Loc.InReg r -> regs.put(u, r.reg());
                case Loc.Spill s -> regs.put(u, reload(u, s, RELOAD[scratch++]));
            }
        }
        return regs;
    }

    /** Loads spilled {@code v} into {@code scratch} (integer class; a float needs an fp scratch and the FP forms). */
    private MReg reload(VReg v, Loc.Spill s, Gpr scratch) {
        if (v.isFloat()) throw needsFpForms("reload of spilled float " + v);
        load(scratch, cx.frame.spillOffset(s.slot()));
        return scratch;
    }

    /** The integer register holding {@code v}: its own, or {@code scratch} loaded from its spill slot. */
    Gpr intoGpr(VReg v, Gpr scratch) {
        return switch (cx.loc(v)) {
            case Loc.InReg r -> {
                if (v.isFloat()) throw needsFpForms("float " + v + " in " + r.reg() + " used as raw bits");
                yield r.gpr();
            }
            case Loc.Spill s -> {
                load(scratch, cx.frame.spillOffset(s.slot()));
                yield scratch;
            }
        };
    }

    // ---- stack accesses ----

    void load(Gpr dst, long spOffset) {
        load(dst, Sp.SP, spOffset);
    }

    /** {@code ldr dst, [base, #offset]}; an offset out of range is built in {@code dst} first. */
    void load(Gpr dst, Reg base, long offset) {
        access(LdStOp.LDRX, dst, base, offset, dst);
    }

    void store(Gpr src, int spOffset) {
        cx.buf.emit(new LdStUImm(LdStOp.STRX, src, Sp.SP, spOffset));
    }

    /**
     * A 64-bit load or store at {@code base + offset}: the scaled unsigned 12-bit form when it
     * reaches, else the offset materialized into {@code offsetScratch} and the register-offset form.
     */
    void access(LdStOp op, Gpr reg, Reg base, long offset, Gpr offsetScratch) {
        if (offset % 8 == 0 && offset >= 0 && offset <= 32760) {
            cx.buf.emit(new LdStUImm(op, reg, base, (int) offset));
        } else {
            for (A64Inst i : A64Imm.materialize(offsetScratch, offset, Size.X)) cx.buf.emit(i);
            cx.buf.emit(new LdStRegOffset(op, reg, base, offsetScratch));
        }
    }

    void mov(Gpr dst, Gpr src) {
        if (!dst.equals(src)) cx.buf.emit(new AluRRR(AluOp.ORR, Size.X, dst, Zr.ZR, src));
    }

    // ---- moves ----

    void moves(List<Move> parallel) {
        if (parallel.isEmpty()) return;
        for (Move m : ParallelMoves.sequence(parallel)) {
            if (m.cls() == RegClass.FLOAT) {
                floatMove(m);
                continue;
            }
            switch (m.src()) {
                case Loc.InReg s -> {
                    switch (m.dst()) {
                        case Loc.InReg d -> mov(d.gpr(), s.gpr());
                        case Loc.Spill d -> store(s.gpr(), cx.frame.spillOffset(d.slot()));
                    }
                }
                case Loc.Spill s -> {
                    switch (m.dst()) {
                        case Loc.InReg d -> load(d.gpr(), cx.frame.spillOffset(s.slot()));
                        case Loc.Spill d -> spillToSpill(s, d);
                    }
                }
            }
        }
    }

    private void spillToSpill(Loc.Spill s, Loc.Spill d) {
        load(Gpr.X17, cx.frame.spillOffset(s.slot()));
        store(Gpr.X17, cx.frame.spillOffset(d.slot()));
    }

    /**
     * One FLOAT move. Memory to memory goes through x17 (8 raw bytes); a move with a register end
     * needs {@code fmov d, d} / {@code ldr/str d}: the place to add them.
     */
    private void floatMove(Move m) {
        if (m.src() instanceof Loc.Spill s && m.dst() instanceof Loc.Spill d) {
            spillToSpill(s, d);
            return;
        }
        throw needsFpForms(m.src() + " -> " + m.dst());
    }
}
