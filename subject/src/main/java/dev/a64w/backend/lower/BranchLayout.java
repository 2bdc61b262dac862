package dev.a64w.backend.lower;

import dev.a64w.backend.a64.A64Inst.B26;
import dev.a64w.backend.a64.A64Inst.BranchOp;
import dev.a64w.backend.a64.A64Inst.CondBr;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.regalloc.Edge;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import dev.a64w.backend.regalloc.StepEmitter;
import dev.a64w.backend.regalloc.VTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * Edges and branch layout: the parallel move of an edge's arguments into its block's parameters,
 * fallthrough into the next block, and conditional branches ({@code b.cond}, or
 * {@code b.!cond skip; b target} when {@link EmitContext#longBranches}), arranged so that an edge
 * with moves gets them on its own path.
 */
final class BranchLayout {
    private final EmitContext cx;
    private final SpillCode spill;

    BranchLayout(EmitContext cx, SpillCode spill) {
        this.cx = cx;
        this.spill = spill;
    }

    /** The parameters of the edge's block, as many as the edge passes arguments. */
    private List<VReg> checkedParams(Edge e) {
        List<VReg> params = cx.code.blocks().get(e.block()).params();
        if (params.size() != e.args().size()) {
            throw cx.fail("edge to " + cx.code.blocks().get(e.block()).name() + " passes " + e.args().size() + " args for " + params.size() + " params");
        }
        return params;
    }

    private List<Move> edgeMoves(Edge e) {
        List<VReg> params = checkedParams(e);
        List<Move> out = new ArrayList<>(params.size());
        for (int k = 0; k < params.size(); k++) out.add(new Move(cx.loc(e.args().get(k)), cx.loc(params.get(k)), params.get(k).cls()));
        return out;
    }

    /** Whether taking the edge moves anything. */
    boolean hasMoves(Edge e) {
        List<VReg> params = checkedParams(e);
        for (int k = 0; k < params.size(); k++) if (!cx.loc(e.args().get(k)).equals(cx.loc(params.get(k)))) return true;
        return false;
    }

    /** Moves for the edge, then a branch to its block unless it is the next block and fallthrough is allowed. */
    void edge(Edge e, boolean mayFallThrough) {
        spill.moves(edgeMoves(e));
        if (!(mayFallThrough && e.block() == cx.current + 1)) cx.buf.emit(new B26(BranchOp.B, cx.blockLabels[e.block()]));
    }

    void condBranch(Cond cond, Label target) {
        if (cx.longBranches) {
            Label skip = cx.buf.newLabel();
            cx.buf.emit(new CondBr(cond.invert(), skip));
            cx.buf.emit(new B26(BranchOp.B, target));
            cx.buf.bind(skip);
        } else {
            cx.buf.emit(new CondBr(cond, target));
        }
    }

    /** A two-way branch: the test, then the edges laid out so that at most one needs a stub. */
    void branch(VTerm.Branch br) {
        StepEmitter.emit(br.test().steps(), spill.testOperands(br.testUses()), spill.slotOffset, cx.buf);
        Cond cond = br.test().cond();
        Label[] labels = cx.blockLabels;
        if (!hasMoves(br.taken())) {
            if (br.taken().block() == cx.current + 1 && !hasMoves(br.notTaken())) {
                condBranch(cond.invert(), labels[br.notTaken().block()]);
                return;
            }
            condBranch(cond, labels[br.taken().block()]);
            edge(br.notTaken(), true);
            return;
        }
        if (!hasMoves(br.notTaken())) {
            condBranch(cond.invert(), labels[br.notTaken().block()]);
            edge(br.taken(), true);
            return;
        }
        Label notTaken = cx.buf.newLabel();
        condBranch(cond.invert(), notTaken);
        edge(br.taken(), false);
        cx.buf.bind(notTaken);
        edge(br.notTaken(), true);
    }
}
