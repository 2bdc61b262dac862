package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.AddSubOp;
import dev.a64w.backend.a64.A64Inst.Adr;
import dev.a64w.backend.a64.A64Inst.AluOp;
import dev.a64w.backend.a64.A64Inst.AluRRImm12;
import dev.a64w.backend.a64.A64Inst.AluRRR;
import dev.a64w.backend.a64.A64Inst.AluRRShift;
import dev.a64w.backend.a64.A64Inst.B26;
import dev.a64w.backend.a64.A64Inst.BrOp;
import dev.a64w.backend.a64.A64Inst.BranchOp;
import dev.a64w.backend.a64.A64Inst.BranchReg;
import dev.a64w.backend.a64.A64Inst.LogicOp;
import dev.a64w.backend.a64.A64Inst.LogicRRImm;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.ImmLogic;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.Shift;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.regalloc.Edge;
import dev.a64w.backend.regalloc.VTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code br_table}: the index zero-extended into x16, a bounds check to the fallback, then
 * {@code adr x17, table; add x16, x17, x16, lsl #2; br x16} into a table of {@code b} instructions;
 * targets (and a fallback) whose edges move values get a stub after the table.
 */
final class JumpTable {
    private final EmitContext cx;
    private final SpillCode spill;
    private final BranchLayout layout;

    JumpTable(EmitContext cx, SpillCode spill, BranchLayout layout) {
        this.cx = cx;
        this.spill = spill;
        this.layout = layout;
    }

    void table(VTerm.Table tab) {
        int n = tab.targets().size();
        if (n == 0) {
            layout.edge(tab.fallback(), true);
            return;
        }
        Gpr idx = Gpr.X16;
        Gpr src = spill.intoGpr(tab.index(), idx);
        switch (tab.indexBits()) {
            case 8, 16 -> cx.buf.emit(new LogicRRImm(LogicOp.AND, Size.W, idx, src,
                    ImmLogic.tryFrom(tab.indexBits() == 8 ? 0xff : 0xffff, 32).orElseThrow()));
            case 32 -> cx.buf.emit(new AluRRR(AluOp.ORR, Size.W, idx, Zr.ZR, src));
            default -> spill.mov(idx, src);
        }
        // a fallback without edge moves is branched to directly, else through a stub after the table
        boolean direct = !layout.hasMoves(tab.fallback());
        Label fallback = direct ? cx.blockLabels[tab.fallback().block()] : cx.buf.newLabel();
        var imm = Imm12.tryFrom(n);
        if (imm.isPresent()) {
            cx.buf.emit(new AluRRImm12(AddSubOp.SUBS, Size.X, Zr.ZR, idx, imm.get()));
        } else {
            for (A64Inst i : A64Imm.materialize(Gpr.X17, n, Size.X)) cx.buf.emit(i);
            cx.buf.emit(new AluRRR(AluOp.SUBS, Size.X, Zr.ZR, idx, Gpr.X17));
        }
        layout.condBranch(Cond.HS, fallback);
        Label table = cx.buf.newLabel();
        cx.buf.emit(new Adr(Gpr.X17, table));
        cx.buf.emit(new AluRRShift(AluOp.ADD, Size.X, idx, Gpr.X17, idx, Shift.LSL, 2));
        cx.buf.emit(new BranchReg(BrOp.BR, idx));
        cx.buf.bind(table);
        List<Label> stubs = new ArrayList<>();
        for (Edge e : tab.targets()) {
            Label l = layout.hasMoves(e) ? cx.buf.newLabel() : cx.blockLabels[e.block()];
            stubs.add(l);
            cx.buf.emit(new B26(BranchOp.B, l));
        }
        for (int k = 0; k < n; k++) {
            Edge e = tab.targets().get(k);
            if (!layout.hasMoves(e)) continue;
            cx.buf.bind(stubs.get(k));
            layout.edge(e, false);
        }
        if (!direct) {
            cx.buf.bind(fallback);
            layout.edge(tab.fallback(), true);
        }
    }
}
