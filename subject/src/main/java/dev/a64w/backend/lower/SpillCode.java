package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.A64Inst.LdStOp;
import dev.a64w.backend.a64.A64Inst.LdStRegOffset;
import dev.a64w.backend.a64.A64Inst.LdStUImm;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.FpInst.FpLdStRegOffset;
import dev.a64w.backend.a64.FpInst.FpLdStUImm;
import dev.a64w.backend.a64.FpInst.FpMemOp;
import dev.a64w.backend.a64.FpInst.FpRR;
import dev.a64w.backend.a64.FpInst.FpToGpr;
import dev.a64w.backend.a64.FpInst.FpToGprOp;
import dev.a64w.backend.a64.FpInst.FpUnOp;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.regalloc.Loc;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import dev.a64w.backend.regalloc.ParallelMoves;
import dev.a64w.backend.regalloc.StepEmitter;
import dev.a64w.backend.regalloc.VInst;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Spills and reloads: the operands of an instruction reloaded into (and spilled defs stored from)
 * x16, x17, x15; stack accesses (one helper for offsets beyond the scaled 12-bit immediate); and
 * parallel moves (cycles through the class's scratch, memory to memory through x17).
 * <p>FLOAT values: a spill slot holds their 64 raw bits ({@code str d}/{@code ldr d}, whatever the
 * precision), so memory-to-memory moves go through x17 for both classes. Spilled float operands
 * are reloaded into v29, v30, v31 (spilled float defs written from them), register moves are
 * {@code fmov d, d}.
 */
final class SpillCode {
    /** Reload (and spilled-def) scratch registers, in order. */
    private static final Gpr[] RELOAD = {Gpr.X16, Gpr.X17, Gpr.X15};
    /** Float reload (and spilled-def) scratch registers, in order (never allocated). */
    private static final FReg[] FRELOAD = {FReg.v(29), FReg.v(30), FReg.v(31)};

    private final EmitContext cx;
    private final OperandRegs operands;
    /** The frame's stack-slot offsets, made once (a method reference per op would be allocated per op). */
    final IntUnaryOperator slotOffset;

    SpillCode(EmitContext cx) {
        this.cx = cx;
        this.operands = new OperandRegs(cx.code.name());
        this.slotOffset = cx.frame::slotOffset;
    }

    // ---- one instruction ----

    /** Reloads the spilled uses, maps every operand to its register, emits {@code op}, stores the spilled defs. */
    void op(VInst.Op op) {
        OperandRegs regs = operands;
        regs.clear();
        int usedScratch = 0; // RELOAD[0..usedScratch) hold reloaded integer uses
        int usedFScratch = 0; // FRELOAD[0..usedFScratch) hold reloaded float uses
        List<VReg> uses = op.uses();
        for (int k = 0; k < uses.size(); k++) {
            VReg u = uses.get(k);
            if (regs.get(u) != null) continue;
            switch (cx.loc(u)) {
                case Loc.InReg r -> regs.put(u, r.reg());
                case Loc.Spill s -> regs.put(u, u.isFloat() ? reload(u, s, FRELOAD[usedFScratch++]) : reload(u, s, RELOAD[usedScratch++]));
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
        int nextDefScratch = 0, nextFDefScratch = 0;
        for (int k = 0; k < defs.size(); k++) {
            VReg d = defs.get(k);
            switch (cx.loc(d)) {
                case Loc.InReg r -> regs.put(d, r.reg());
                case Loc.Spill s -> {
                    if (d.isFloat()) {
                        FReg f;
                        if (op.earlyDef()) {
                            if (usedFScratch == FRELOAD.length) throw cx.fail("no fp scratch for early def " + d);
                            f = FRELOAD[usedFScratch++];
                        } else {
                            f = FRELOAD[nextFDefScratch++];
                        }
                        regs.put(d, f);
                        if (spilledDefs == null) spilledDefs = new ArrayList<>(2);
                        spilledDefs.add(d);
                        continue;
                    }
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
        regs.labelsFor(op.body(), cx.buf);
        StepEmitter.emit(op.body(), regs, slotOffset, cx.buf);
        if (spilledDefs != null) {
            for (VReg d : spilledDefs) {
                int off = cx.frame.spillOffset(((Loc.Spill) cx.loc(d)).slot());
                switch (regs.get(d)) {
                    case Gpr g -> store(g, off);
                    case FReg f -> fstore(f, off);
                }
            }
        }
    }

    /**
     * The operand registers of a branch test: each use's register, the spilled ones reloaded into
     * the reload scratch registers in order.
     */
    OperandRegs testOperands(List<VReg> testUses) {
        OperandRegs regs = operands;
        regs.clear();
        int scratch = 0, fscratch = 0;
        for (VReg u : testUses) {
            if (regs.get(u) != null) continue;
            switch (cx.loc(u)) {
                case Loc.InReg r -> regs.put(u, r.reg());
                case Loc.Spill s -> regs.put(u, u.isFloat() ? reload(u, s, FRELOAD[fscratch++]) : reload(u, s, RELOAD[scratch++]));
            }
        }
        return regs;
    }

    /** Loads spilled {@code v} into {@code scratch} (a register of v's class). */
    private MReg reload(VReg v, Loc.Spill s, MReg scratch) {
        int off = cx.frame.spillOffset(s.slot());
        switch (scratch) {
            case Gpr g -> load(g, off);
            case FReg f -> fload(f, off);
        }
        return scratch;
    }

    /**
     * The integer register holding {@code v}'s 64 bits: its own, {@code scratch} loaded from its
     * spill slot, or (a float in a register) {@code scratch} by {@code fmov x, d}.
     */
    Gpr intoGpr(VReg v, Gpr scratch) {
        return switch (cx.loc(v)) {
            case Loc.InReg r -> {
                if (r.reg() instanceof FReg f) {
                    cx.buf.emit(new FpToGpr(FpToGprOp.FMOV, Size.X, FpSize.D, scratch, f));
                    yield scratch;
                }
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

    /** {@code ldr d, [base, #offset]}; an offset out of range goes through {@code offsetScratch}. */
    void faccess(FpMemOp op, FReg reg, Reg base, long offset, Gpr offsetScratch) {
        if (offset % 8 == 0 && offset >= 0 && offset <= 32760) {
            cx.buf.emit(new FpLdStUImm(op, FpSize.D, reg, base, (int) offset));
        } else {
            for (A64Inst i : A64Imm.materialize(offsetScratch, offset, Size.X)) cx.buf.emit(i);
            cx.buf.emit(new FpLdStRegOffset(op, FpSize.D, reg, base, offsetScratch, false));
        }
    }

    void fload(FReg dst, int spOffset) {
        faccess(FpMemOp.LDR, dst, Sp.SP, spOffset, Gpr.X16);
    }

    void fstore(FReg src, int spOffset) {
        faccess(FpMemOp.STR, src, Sp.SP, spOffset, Gpr.X16);
    }

    void fmov(FReg dst, FReg src) {
        if (!dst.equals(src)) cx.buf.emit(new FpRR(FpUnOp.FMOV, FpSize.D, dst, src));
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

    /** One FLOAT move: {@code fmov d, d}, {@code ldr/str d}, memory to memory through x17 (8 raw bytes). */
    private void floatMove(Move m) {
        switch (m.src()) {
            case Loc.InReg s -> {
                FReg sf = (FReg) s.reg();
                switch (m.dst()) {
                    case Loc.InReg d -> fmov((FReg) d.reg(), sf);
                    case Loc.Spill d -> fstore(sf, cx.frame.spillOffset(d.slot()));
                }
            }
            case Loc.Spill s -> {
                switch (m.dst()) {
                    case Loc.InReg d -> fload((FReg) d.reg(), cx.frame.spillOffset(s.slot()));
                    case Loc.Spill d -> spillToSpill(s, d);
                }
            }
        }
    }
}
