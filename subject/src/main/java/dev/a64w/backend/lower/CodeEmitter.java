package dev.a64w.backend.lower;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.a64.A64Inst.Brk;
import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.regalloc.Allocation;
import dev.a64w.backend.regalloc.VBlock;
import dev.a64w.backend.regalloc.VCode;
import dev.a64w.backend.regalloc.VInst;
import dev.a64w.backend.regalloc.VTerm;

/**
 * Allocated VCode to machine code: prologue, then the blocks in layout order, each instruction
 * with its spill code ({@link SpillCode}: reloads and stores through x16, x17, x15, parallel moves
 * with cycles through x16 and memory to memory through x17), calls, tail calls and the entry's
 * parameters ({@link CallCode}), edges and conditional branches ({@link BranchLayout}), jump tables
 * ({@link JumpTable}), the epilogue before every {@code ret}. Conditional branches to blocks use
 * {@code b.cond} unless {@code longBranches}, where they become {@code b.!cond skip; b target}
 * (±128 MiB).
 */
public final class CodeEmitter {
    private final EmitContext cx;
    private final SpillCode spill;
    private final CallCode calls;
    private final BranchLayout layout;
    private final JumpTable tables;

    private CodeEmitter(VCode code, Allocation alloc, FrameLayout frame, boolean longBranches) {
        this.cx = new EmitContext(code, alloc, frame, longBranches);
        this.spill = new SpillCode(cx);
        this.calls = new CallCode(cx, spill);
        this.layout = new BranchLayout(cx, spill);
        this.tables = new JumpTable(cx, spill, layout);
    }

    /** Emits the function, retrying with long conditional branches if a short one does not reach. */
    public static CompiledFunction emit(VCode code, Allocation alloc, FrameLayout frame) {
        CodeEmitter first = new CodeEmitter(code, alloc, frame, false);
        first.run();
        if (first.cx.buf.rangeProblems().isEmpty()) return first.cx.buf.finish(frame.hasFrame());
        CodeEmitter second = new CodeEmitter(code, alloc, frame, true);
        second.run();
        return second.cx.buf.finish(frame.hasFrame());
    }

    private void run() {
        cx.frame.emitPrologue(cx.buf);
        for (cx.current = 0; cx.current < cx.code.blocks().size(); cx.current++) {
            VBlock blk = cx.code.blocks().get(cx.current);
            boolean entry = cx.current == 0;
            if (!entry) cx.buf.bind(cx.blockLabels[cx.current]);
            for (VInst inst : blk.insts()) {
                switch (inst) {
                    case VInst.Params p -> {
                        calls.params(p);
                        cx.buf.bind(cx.blockLabels[0]);
                    }
                    case VInst.Op op -> spill.op(op);
                    case VInst.Call c -> calls.call(c);
                }
            }
            if (entry && !(blk.insts().stream().anyMatch(i -> i instanceof VInst.Params))) cx.buf.bind(cx.blockLabels[0]);
            term(blk.term());
        }
    }

    private void term(VTerm t) {
        switch (t) {
            case VTerm.Jump j -> layout.edge(j.target(), true);
            case VTerm.Branch br -> layout.branch(br);
            case VTerm.Table tab -> tables.table(tab);
            case VTerm.Ret r -> {
                calls.returnValues(r);
                cx.frame.emitEpilogueRet(cx.buf);
            }
            case VTerm.Trap tr -> cx.buf.emit(new Brk(tr.imm()));
            case VTerm.TailCall tc -> calls.tailCall(tc);
        }
    }
}
