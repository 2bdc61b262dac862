package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.Adrp;
import dev.a64w.backend.a64.A64Inst.B26;
import dev.a64w.backend.a64.A64Inst.BrOp;
import dev.a64w.backend.a64.A64Inst.BranchOp;
import dev.a64w.backend.a64.A64Inst.BranchReg;
import dev.a64w.backend.a64.A64Inst.LdStLo12;
import dev.a64w.backend.a64.A64Inst.LdStOp;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.FpInst.FpMemOp;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Sym;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.regalloc.CallTarget;
import dev.a64w.backend.regalloc.Fixed;
import dev.a64w.backend.regalloc.Loc;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * The calling convention at the function's entry, at calls and at tail calls (Windows ARM64): each
 * value moved between its allocated location and the fixed place the lowering gave it ({@link
 * Fixed#abi}: a register, or a stack argument slot).
 */
final class CallCode {
    private final EmitContext cx;
    private final SpillCode spill;

    CallCode(EmitContext cx, SpillCode spill) {
        this.cx = cx;
        this.spill = spill;
    }

    /** Moves from (or, with {@code toAbi}, to) the fixed registers of {@code places}, skipping the stack ones. */
    private List<Move> abiMoves(List<Fixed> places, boolean toAbi) {
        List<Move> moves = new ArrayList<>();
        for (Fixed f : places) {
            if (!(f instanceof Fixed.InReg r)) continue;
            Loc reg = Loc.InReg.of(r.reg());
            VReg v = r.v();
            moves.add(toAbi ? new Move(cx.loc(v), reg, v.cls()) : new Move(reg, cx.loc(v), v.cls()));
        }
        return moves;
    }

    /** The parameters arrive: register moves first, then the stack ones. */
    void params(VInst.Params p) {
        spill.moves(abiMoves(p.places(), false));
        for (Fixed place : p.places()) {
            if (!(place instanceof Fixed.OnStack st)) continue;
            long off = cx.frame.incomingArgOffset(st.slot());
            VReg v = st.v();
            switch (cx.loc(v)) {
                case Loc.InReg d -> {
                    if (d.reg() instanceof FReg f) spill.faccess(FpMemOp.LDR, f, cx.frame.incomingArgBase(), off, Gpr.X16);
                    else spill.load(d.gpr(), cx.frame.incomingArgBase(), off);
                }
                case Loc.Spill d -> {
                    spill.load(Gpr.X16, cx.frame.incomingArgBase(), off);
                    spill.store(Gpr.X16, cx.frame.spillOffset(d.slot()));
                }
            }
        }
    }

    void call(VInst.Call c) {
        if (c.target() instanceof CallTarget.Indirect ind) calleeToX17(ind);
        for (Fixed f : c.args()) {
            if (f instanceof Fixed.OnStack st) spill.store(spill.intoGpr(st.v(), Gpr.X16), 8 * st.slot());
        }
        spill.moves(abiMoves(c.args(), true));
        switch (c.target()) {
            case CallTarget.Direct d -> cx.buf.emit(new B26(BranchOp.BL, Sym.of(d.name())));
            case CallTarget.Import i -> {
                importAddress(Gpr.X16, i.name());
                cx.buf.emit(new BranchReg(BrOp.BLR, Gpr.X16));
            }
            case CallTarget.Indirect ind -> cx.buf.emit(new BranchReg(BrOp.BLR, Gpr.X17));
        }
        spill.moves(abiMoves(c.results(), false));
    }

    /** The returned values into their ABI registers (the epilogue and {@code ret} follow). */
    void returnValues(VTerm.Ret r) {
        spill.moves(abiMoves(r.places(), true));
    }

    /**
     * A tail call: the target's address (indirect, import) into x17, stack arguments into this
     * function's own incoming area (its parameters were loaded at entry, so it is free), register
     * arguments into x0..x7 / v0..v7, the epilogue (which leaves them and x17 alone), then the branch.
     */
    void tailCall(VTerm.TailCall tc) {
        switch (tc.target()) {
            case CallTarget.Indirect ind -> calleeToX17(ind);
            case CallTarget.Import i -> importAddress(Gpr.X17, i.name());
            case CallTarget.Direct d -> { }
        }
        for (Fixed f : tc.args()) {
            if (!(f instanceof Fixed.OnStack st)) continue;
            long off = cx.frame.incomingArgOffset(st.slot());
            Gpr src = spill.intoGpr(st.v(), Gpr.X16);
            spill.access(LdStOp.STRX, src, cx.frame.incomingArgBase(), off, Gpr.X15);
        }
        spill.moves(abiMoves(tc.args(), true));
        A64Inst jump = switch (tc.target()) {
            case CallTarget.Direct d -> new B26(BranchOp.B, Sym.of(d.name()));
            case CallTarget.Import i -> new BranchReg(BrOp.BR, Gpr.X17);
            case CallTarget.Indirect ind -> new BranchReg(BrOp.BR, Gpr.X17);
        };
        cx.frame.emitEpilogue(cx.buf, jump);
    }

    private void calleeToX17(CallTarget.Indirect ind) {
        switch (cx.loc(ind.callee())) {
            case Loc.InReg r -> spill.mov(Gpr.X17, r.gpr());
            case Loc.Spill s -> spill.load(Gpr.X17, cx.frame.spillOffset(s.slot()));
        }
    }

    /** {@code adrp reg, __imp_name; ldr reg, [reg, :lo12:__imp_name]}: the imported function's address. */
    private void importAddress(Gpr reg, String name) {
        Sym slot = Sym.of("__imp_" + name);
        cx.buf.emit(new Adrp(reg, slot));
        cx.buf.emit(new LdStLo12(LdStOp.LDRX, reg, reg, slot));
    }
}
