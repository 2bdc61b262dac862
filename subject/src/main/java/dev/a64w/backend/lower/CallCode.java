package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.Adrp;
import dev.a64w.backend.a64.A64Inst.B26;
import dev.a64w.backend.a64.A64Inst.BrOp;
import dev.a64w.backend.a64.A64Inst.BranchOp;
import dev.a64w.backend.a64.A64Inst.BranchReg;
import dev.a64w.backend.a64.A64Inst.LdStLo12;
import dev.a64w.backend.a64.A64Inst.LdStOp;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.FpInst.FpMemOp;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.Sym;
import dev.a64w.backend.regalloc.CallTarget;
import dev.a64w.backend.regalloc.Loc;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import dev.a64w.backend.a64.RegClass;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.regalloc.VTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * The calling convention at the function's entry, at calls and at tail calls (Windows ARM64): the
 * k-th value of a class in an argument or result list is register k of that class (x0..x7,
 * v0..v7; the classes are counted separately), the arguments beyond the eighth of their class go
 * to the stack in list order.
 */
final class CallCode {
    private final EmitContext cx;
    private final SpillCode spill;

    CallCode(EmitContext cx, SpillCode spill) {
        this.cx = cx;
        this.spill = spill;
    }

    /**
     * Per value of {@code values}: its register number in its class (&ge; 0), or {@code -1 - k} for
     * stack slot k when {@code stackAfter8} and it is beyond the eighth of its class.
     */
    static int[] positions(List<VReg> values, boolean stackAfter8) {
        int[] out = new int[values.size()];
        int ints = 0, floats = 0, stack = 0;
        for (int k = 0; k < out.length; k++) {
            int pos = values.get(k).isFloat() ? floats++ : ints++;
            out[k] = stackAfter8 && pos >= 8 ? -1 - stack++ : pos;
        }
        return out;
    }

    private static Loc abiReg(VReg v, int n) {
        MReg r = v.isFloat() ? FReg.v(n) : Gpr.x(n);
        return Loc.InReg.of(r);
    }

    /** Moves from (or, with {@code toAbi}, to) the ABI registers of {@code values}, skipping the stack ones. */
    private List<Move> abiMoves(List<VReg> values, int[] pos, boolean toAbi) {
        List<Move> moves = new ArrayList<>();
        for (int k = 0; k < values.size(); k++) {
            if (pos[k] < 0) continue;
            VReg v = values.get(k);
            Loc reg = abiReg(v, pos[k]);
            moves.add(toAbi ? new Move(cx.loc(v), reg, v.cls()) : new Move(reg, cx.loc(v), v.cls()));
        }
        return moves;
    }

    /** The parameters arrive: register moves first, then the stack ones. */
    void params(VInst.Params p) {
        List<VReg> params = p.params();
        int[] pos = positions(params, true);
        spill.moves(abiMoves(params, pos, false));
        for (int k = 0; k < params.size(); k++) {
            if (pos[k] >= 0) continue;
            long off = cx.frame.incomingArgOffset(-1 - pos[k]);
            VReg v = params.get(k);
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
        int[] pos = positions(c.args(), true);
        for (int k = 0; k < pos.length; k++) {
            if (pos[k] < 0) spill.store(spill.intoGpr(c.args().get(k), Gpr.X16), 8 * (-1 - pos[k]));
        }
        spill.moves(abiMoves(c.args(), pos, true));
        switch (c.target()) {
            case CallTarget.Direct d -> cx.buf.emit(new B26(BranchOp.BL, Sym.of(d.name())));
            case CallTarget.Import i -> {
                importAddress(Gpr.X16, i.name());
                cx.buf.emit(new BranchReg(BrOp.BLR, Gpr.X16));
            }
            case CallTarget.Indirect ind -> cx.buf.emit(new BranchReg(BrOp.BLR, Gpr.X17));
        }
        spill.moves(abiMoves(c.results(), positions(c.results(), false), false));
    }

    /** The returned values into their ABI registers (the epilogue and {@code ret} follow). */
    void returnValues(VTerm.Ret r) {
        spill.moves(abiMoves(r.values(), positions(r.values(), false), true));
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
        int[] pos = positions(tc.args(), true);
        for (int k = 0; k < pos.length; k++) {
            if (pos[k] >= 0) continue;
            long off = cx.frame.incomingArgOffset(-1 - pos[k]);
            Gpr src = spill.intoGpr(tc.args().get(k), Gpr.X16);
            spill.access(LdStOp.STRX, src, cx.frame.incomingArgBase(), off, Gpr.X15);
        }
        spill.moves(abiMoves(tc.args(), pos, true));
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
