package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Cond;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.ImmLogic;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Shift;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import dev.a64w.backend.a64.Sym;
import dev.a64w.backend.a64.Zr;
import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.regalloc.Allocation;
import dev.a64w.backend.regalloc.CallTarget;
import dev.a64w.backend.regalloc.Edge;
import dev.a64w.backend.regalloc.Loc;
import dev.a64w.backend.regalloc.ParallelMoves;
import dev.a64w.backend.regalloc.ParallelMoves.Move;
import dev.a64w.backend.regalloc.RegClass;
import dev.a64w.backend.regalloc.VBlock;
import dev.a64w.backend.regalloc.VCode;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VReg;
import dev.a64w.backend.regalloc.VTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Allocated VCode to machine code: prologue, blocks in layout order, spill reloads and stores
 * around instructions (through x16, x17, x15), parallel moves on edges, at calls and returns
 * (cycles through x16, memory to memory through x17), epilogue before every {@code ret}.
 * Conditional branches to blocks use {@code b.cond} unless {@code longBranches}, where they become
 * {@code b.!cond skip; b target} (±128 MiB).
 */
public final class CodeEmitter {
    private static final Gpr[] RELOAD = {Gpr.X16, Gpr.X17, Gpr.X15};

    private final VCode code;
    private final Allocation alloc;
    private final FrameLayout frame;
    private final boolean longBranches;
    private final MachineBuffer buf;
    private final Label[] blockLabels;
    private final OperandRegs operands;
    private int current;

    private CodeEmitter(VCode code, Allocation alloc, FrameLayout frame, boolean longBranches) {
        this.code = code;
        this.alloc = alloc;
        this.frame = frame;
        this.longBranches = longBranches;
        this.buf = new MachineBuffer(code.name());
        this.operands = new OperandRegs(code.name(), frame);
        this.blockLabels = new Label[code.blocks().size()];
        for (int b = 0; b < blockLabels.length; b++) blockLabels[b] = buf.newLabel();
    }

    /** Emits the function, retrying with long conditional branches if a short one does not reach. */
    public static CompiledFunction emit(VCode code, Allocation alloc, FrameLayout frame) {
        CodeEmitter first = new CodeEmitter(code, alloc, frame, false);
        first.run();
        if (first.buf.rangeProblems().isEmpty()) return first.buf.finish(frame.hasFrame());
        CodeEmitter second = new CodeEmitter(code, alloc, frame, true);
        second.run();
        return second.buf.finish(frame.hasFrame());
    }

    private void run() {
        frame.emitPrologue(buf);
        for (current = 0; current < code.blocks().size(); current++) {
            VBlock blk = code.blocks().get(current);
            boolean entry = current == 0;
            if (!entry) buf.bind(blockLabels[current]);
            for (VInst inst : blk.insts()) {
                switch (inst) {
                    case VInst.Params p -> {
                        params(p);
                        buf.bind(blockLabels[0]);
                    }
                    case VInst.Op op -> op(op);
                    case VInst.Call c -> call(c);
                }
            }
            if (entry && !(blk.insts().stream().anyMatch(i -> i instanceof VInst.Params))) buf.bind(blockLabels[0]);
            term(blk.term());
        }
    }

    private Loc loc(VReg v) {
        Optional<Loc> l = alloc.loc(v);
        if (l.isEmpty()) throw new CompileException(code.name() + ": no location for " + v);
        return l.get();
    }

    // ---- ordinary instructions ----

    private void op(VInst.Op op) {
        OperandRegs regs = operands;
        regs.clear();
        int usedScratch = 0; // RELOAD[0..usedScratch) hold reloaded uses
        List<VReg> uses = op.uses();
        for (int k = 0; k < uses.size(); k++) {
            VReg u = uses.get(k);
            if (regs.get(u) != null) continue;
            switch (loc(u)) {
                case Loc.InReg r -> regs.put(u, r.reg());
                case Loc.Spill s -> {
                    Gpr g = RELOAD[usedScratch++];
                    load(g, frame.spillOffset(s.slot()));
                    regs.put(u, g);
                }
            }
        }
        List<VReg> temps = op.temps();
        for (int k = 0; k < temps.size(); k++) {
            VReg t = temps.get(k);
            if (!(loc(t) instanceof Loc.InReg r)) throw new CompileException(code.name() + ": temp " + t + " spilled");
            regs.put(t, r.reg());
        }
        List<VReg> defs = op.defs();
        List<VReg> spilledDefs = null;
        int nextDefScratch = 0;
        for (int k = 0; k < defs.size(); k++) {
            VReg d = defs.get(k);
            switch (loc(d)) {
                case Loc.InReg r -> regs.put(d, r.reg());
                case Loc.Spill s -> {
                    Gpr g;
                    if (op.earlyDef()) {
                        // the first scratch register no reloaded use (nor earlier early def) holds
                        if (usedScratch == RELOAD.length) throw new CompileException(code.name() + ": no scratch for early def " + d);
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
        op.emit().emit(regs, buf);
        if (spilledDefs != null) {
            for (VReg d : spilledDefs) store((Gpr) regs.get(d), frame.spillOffset(((Loc.Spill) loc(d)).slot()));
        }
    }

    private void load(Gpr dst, long spOffset) {
        load(dst, Sp.SP, spOffset);
    }

    private void load(Gpr dst, Reg base, long offset) {
        if (offset % 8 == 0 && offset >= 0 && offset <= 32760) {
            buf.emit(new LdStUImm(LdStOp.LDRX, dst, base, (int) offset));
        } else {
            for (A64Inst i : A64Imm.materialize(dst, offset, Size.X)) buf.emit(i);
            buf.emit(new LdStRegOffset(LdStOp.LDRX, dst, base, dst));
        }
    }

    private void store(Gpr src, int spOffset) {
        buf.emit(new LdStUImm(LdStOp.STRX, src, Sp.SP, spOffset));
    }

    private void mov(Gpr dst, Gpr src) {
        if (!dst.equals(src)) buf.emit(new AluRRR(AluOp.ORR, Size.X, dst, Zr.ZR, src));
    }

    // ---- moves ----

    private void moves(List<Move> parallel) {
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
                        case Loc.Spill d -> store(s.gpr(), frame.spillOffset(d.slot()));
                    }
                }
                case Loc.Spill s -> {
                    switch (m.dst()) {
                        case Loc.InReg d -> load(d.gpr(), frame.spillOffset(s.slot()));
                        case Loc.Spill d -> {
                            load(Gpr.X17, frame.spillOffset(s.slot()));
                            store(Gpr.X17, frame.spillOffset(d.slot()));
                        }
                    }
                }
            }
        }
    }

    /**
     * One FLOAT move. Memory to memory goes through x17 (8 raw bytes); a move with a register end
     * needs the FP forms ({@code fmov d, d}, {@code ldr/str d}), which this branch does not have yet:
     * this is the single place to add them.
     */
    private void floatMove(Move m) {
        if (m.src() instanceof Loc.Spill s && m.dst() instanceof Loc.Spill d) {
            load(Gpr.X17, frame.spillOffset(s.slot()));
            store(Gpr.X17, frame.spillOffset(d.slot()));
            return;
        }
        throw new CompileException(code.name() + ": float moves need the FP forms (" + m.src() + " -> " + m.dst() + ")");
    }

    private void params(VInst.Params p) {
        List<Move> regMoves = new ArrayList<>();
        for (int k = 0; k < p.params().size() && k < 8; k++) regMoves.add(new Move(Loc.InReg.of(Gpr.x(k)), loc(p.params().get(k)), p.params().get(k).cls()));
        moves(regMoves);
        for (int k = 8; k < p.params().size(); k++) {
            long off = frame.incomingArgOffset(k - 8);
            switch (loc(p.params().get(k))) {
                case Loc.InReg d -> load(d.gpr(), frame.incomingArgBase(), off);
                case Loc.Spill d -> {
                    load(Gpr.X16, frame.incomingArgBase(), off);
                    store(Gpr.X16, frame.spillOffset(d.slot()));
                }
            }
        }
    }

    private void call(VInst.Call c) {
        if (c.target() instanceof CallTarget.Indirect ind) {
            switch (loc(ind.callee())) {
                case Loc.InReg r -> mov(Gpr.X17, r.gpr());
                case Loc.Spill s -> load(Gpr.X17, frame.spillOffset(s.slot()));
            }
        }
        for (int k = 8; k < c.args().size(); k++) {
            int off = 8 * (k - 8);
            switch (loc(c.args().get(k))) {
                case Loc.InReg r -> store(r.gpr(), off);
                case Loc.Spill s -> {
                    load(Gpr.X16, frame.spillOffset(s.slot()));
                    store(Gpr.X16, off);
                }
            }
        }
        List<Move> argMoves = new ArrayList<>();
        for (int k = 0; k < c.args().size() && k < 8; k++) argMoves.add(new Move(loc(c.args().get(k)), Loc.InReg.of(Gpr.x(k)), c.args().get(k).cls()));
        moves(argMoves);
        switch (c.target()) {
            case CallTarget.Direct d -> buf.emit(new B26(BranchOp.BL, Sym.of(d.name())));
            case CallTarget.Import i -> {
                Sym slot = Sym.of("__imp_" + i.name());
                buf.emit(new Adrp(Gpr.X16, slot));
                buf.emit(new LdStLo12(LdStOp.LDRX, Gpr.X16, Gpr.X16, slot));
                buf.emit(new BranchReg(BrOp.BLR, Gpr.X16));
            }
            case CallTarget.Indirect ind -> buf.emit(new BranchReg(BrOp.BLR, Gpr.X17));
        }
        List<Move> resMoves = new ArrayList<>();
        for (int k = 0; k < c.results().size(); k++) resMoves.add(new Move(Loc.InReg.of(Gpr.x(k)), loc(c.results().get(k)), c.results().get(k).cls()));
        moves(resMoves);
    }

    // ---- terminators ----

    /** The parameters of the edge's block, as many as the edge passes arguments. */
    private List<VReg> checkedParams(Edge e) {
        List<VReg> params = code.blocks().get(e.block()).params();
        if (params.size() != e.args().size()) {
            throw new CompileException(code.name() + ": edge to " + code.blocks().get(e.block()).name() + " passes " + e.args().size() + " args for " + params.size() + " params");
        }
        return params;
    }

    private List<Move> edgeMoves(Edge e) {
        List<VReg> params = checkedParams(e);
        List<Move> out = new ArrayList<>(params.size());
        for (int k = 0; k < params.size(); k++) out.add(new Move(loc(e.args().get(k)), loc(params.get(k)), params.get(k).cls()));
        return out;
    }

    private boolean hasMoves(Edge e) {
        List<VReg> params = checkedParams(e);
        for (int k = 0; k < params.size(); k++) if (!loc(e.args().get(k)).equals(loc(params.get(k)))) return true;
        return false;
    }

    /** Moves for the edge, then a branch to its block unless it is the next block and fallthrough is allowed. */
    private void edge(Edge e, boolean mayFallThrough) {
        moves(edgeMoves(e));
        if (!(mayFallThrough && e.block() == current + 1)) buf.emit(new B26(BranchOp.B, blockLabels[e.block()]));
    }

    private void condBranch(Cond cond, Label target) {
        if (longBranches) {
            Label skip = buf.newLabel();
            buf.emit(new CondBr(cond.invert(), skip));
            buf.emit(new B26(BranchOp.B, target));
            buf.bind(skip);
        } else {
            buf.emit(new CondBr(cond, target));
        }
    }

    private void term(VTerm t) {
        switch (t) {
            case VTerm.Jump j -> edge(j.target(), true);
            case VTerm.Branch br -> branch(br);
            case VTerm.Table tab -> table(tab);
            case VTerm.Ret r -> {
                List<Move> m = new ArrayList<>();
                for (int k = 0; k < r.values().size(); k++) m.add(new Move(loc(r.values().get(k)), Loc.InReg.of(Gpr.x(k)), r.values().get(k).cls()));
                moves(m);
                frame.emitEpilogueRet(buf);
            }
            case VTerm.Trap tr -> buf.emit(new Brk(tr.imm()));
            case VTerm.TailCall tc -> tailCall(tc);
        }
    }

    /**
     * A tail call: the target's address (indirect, import) into x17, stack arguments into this
     * function's own incoming area (its parameters were loaded at entry, so it is free), register
     * arguments into x0..x7, the epilogue (which leaves x0..x7 and x17 alone), then the branch.
     */
    private void tailCall(VTerm.TailCall tc) {
        switch (tc.target()) {
            case CallTarget.Indirect ind -> {
                switch (loc(ind.callee())) {
                    case Loc.InReg r -> mov(Gpr.X17, r.gpr());
                    case Loc.Spill s -> load(Gpr.X17, frame.spillOffset(s.slot()));
                }
            }
            case CallTarget.Import i -> {
                Sym slot = Sym.of("__imp_" + i.name());
                buf.emit(new Adrp(Gpr.X17, slot));
                buf.emit(new LdStLo12(LdStOp.LDRX, Gpr.X17, Gpr.X17, slot));
            }
            case CallTarget.Direct d -> { }
        }
        for (int k = 8; k < tc.args().size(); k++) {
            long off = frame.incomingArgOffset(k - 8);
            Gpr src = switch (loc(tc.args().get(k))) {
                case Loc.InReg r -> r.gpr();
                case Loc.Spill s -> {
                    load(Gpr.X16, frame.spillOffset(s.slot()));
                    yield Gpr.X16;
                }
            };
            if (off % 8 == 0 && off <= 32760) {
                buf.emit(new LdStUImm(LdStOp.STRX, src, frame.incomingArgBase(), (int) off));
            } else {
                for (A64Inst i : A64Imm.materialize(Gpr.X15, off, Size.X)) buf.emit(i);
                buf.emit(new LdStRegOffset(LdStOp.STRX, src, frame.incomingArgBase(), Gpr.X15));
            }
        }
        List<Move> argMoves = new ArrayList<>();
        for (int k = 0; k < tc.args().size() && k < 8; k++) argMoves.add(new Move(loc(tc.args().get(k)), Loc.InReg.of(Gpr.x(k)), tc.args().get(k).cls()));
        moves(argMoves);
        A64Inst jump = switch (tc.target()) {
            case CallTarget.Direct d -> new B26(BranchOp.B, Sym.of(d.name()));
            case CallTarget.Import i -> new BranchReg(BrOp.BR, Gpr.X17);
            case CallTarget.Indirect ind -> new BranchReg(BrOp.BR, Gpr.X17);
        };
        frame.emitEpilogue(buf, jump);
    }

    private void branch(VTerm.Branch br) {
        OperandRegs regs = operands;
        regs.clear();
        int scratch = 0;
        for (VReg u : br.testUses()) {
            if (regs.get(u) != null) continue;
            switch (loc(u)) {
                case Loc.InReg r -> regs.put(u, r.reg());
                case Loc.Spill s -> {
                    Gpr g = RELOAD[scratch++];
                    load(g, frame.spillOffset(s.slot()));
                    regs.put(u, g);
                }
            }
        }
        Cond cond = br.test().emit(regs, buf);
        if (!hasMoves(br.taken())) {
            if (br.taken().block() == current + 1 && !hasMoves(br.notTaken())) {
                condBranch(cond.invert(), blockLabels[br.notTaken().block()]);
                return;
            }
            condBranch(cond, blockLabels[br.taken().block()]);
            edge(br.notTaken(), true);
            return;
        }
        if (!hasMoves(br.notTaken())) {
            condBranch(cond.invert(), blockLabels[br.notTaken().block()]);
            edge(br.taken(), true);
            return;
        }
        Label notTaken = buf.newLabel();
        condBranch(cond.invert(), notTaken);
        edge(br.taken(), false);
        buf.bind(notTaken);
        edge(br.notTaken(), true);
    }

    private void table(VTerm.Table tab) {
        int n = tab.targets().size();
        if (n == 0) {
            edge(tab.fallback(), true);
            return;
        }
        Gpr idx = Gpr.X16;
        Gpr src = switch (loc(tab.index())) {
            case Loc.InReg r -> r.gpr();
            case Loc.Spill s -> {
                load(idx, frame.spillOffset(s.slot()));
                yield idx;
            }
        };
        switch (tab.indexBits()) {
            case 8, 16 -> buf.emit(new LogicRRImm(LogicOp.AND, Size.W, idx, src,
                    ImmLogic.tryFrom(tab.indexBits() == 8 ? 0xff : 0xffff, 32).orElseThrow()));
            case 32 -> buf.emit(new AluRRR(AluOp.ORR, Size.W, idx, Zr.ZR, src));
            default -> mov(idx, src);
        }
        // a fallback without edge moves is branched to directly, else through a stub after the table
        boolean direct = !hasMoves(tab.fallback());
        Label fallback = direct ? blockLabels[tab.fallback().block()] : buf.newLabel();
        var imm = Imm12.tryFrom(n);
        if (imm.isPresent()) {
            buf.emit(new AluRRImm12(AddSubOp.SUBS, Size.X, Zr.ZR, idx, imm.get()));
        } else {
            for (A64Inst i : A64Imm.materialize(Gpr.X17, n, Size.X)) buf.emit(i);
            buf.emit(new AluRRR(AluOp.SUBS, Size.X, Zr.ZR, idx, Gpr.X17));
        }
        condBranch(Cond.HS, fallback);
        Label table = buf.newLabel();
        buf.emit(new Adr(Gpr.X17, table));
        buf.emit(new AluRRShift(AluOp.ADD, Size.X, idx, Gpr.X17, idx, Shift.LSL, 2));
        buf.emit(new BranchReg(BrOp.BR, idx));
        buf.bind(table);
        List<Label> stubs = new ArrayList<>();
        for (Edge e : tab.targets()) {
            Label l = hasMoves(e) ? buf.newLabel() : blockLabels[e.block()];
            stubs.add(l);
            buf.emit(new B26(BranchOp.B, l));
        }
        for (int k = 0; k < n; k++) {
            Edge e = tab.targets().get(k);
            if (!hasMoves(e)) continue;
            buf.bind(stubs.get(k));
            edge(e, false);
        }
        if (!direct) {
            buf.bind(fallback);
            edge(tab.fallback(), true);
        }
    }
}
