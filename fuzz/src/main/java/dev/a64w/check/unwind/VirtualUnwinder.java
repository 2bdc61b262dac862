package dev.a64w.check.unwind;

import java.util.List;
import java.util.Optional;

/**
 * One-frame virtual unwind as the Windows ARM64 unwinder does it ("ARM64 exception handling",
 * "Unwinding partial prologs and epilogs"; reference §5, §6):
 * <ol>
 *   <li>no function entry covers pc: a leaf, pc = lr;</li>
 *   <li>pc inside the prologue after k instructions: skip (prologue length − k) codes, run the rest;</li>
 *   <li>pc inside an epilogue (its codes plus the final {@code ret}) after k instructions: start at that
 *       epilogue's codes, skip k, run the rest;</li>
 *   <li>otherwise (body): run the prologue codes from index 0;</li>
 * </ol>
 * codes after an {@code end_c} (a phantom parent prologue) always run. Then pc = the restored lr
 * (unless a machine frame set it). Works on the normalized {@link UnwindMeaning}, so packed and
 * full data go through the same steps.
 */
public final class VirtualUnwinder {
    private VirtualUnwinder() {
    }

    public static Context unwind(Context ctx, Memory memory, FunctionTable table) {
        return unwind(ctx, memory, table.lookup(ctx.pc()));
    }

    public static Context unwind(Context ctx, Memory memory, Optional<FunctionEntry> entry) {
        if (entry.isEmpty()) {
            if (ctx.pc() == ctx.lr()) {
                throw new MalformedUnwindException(String.format(
                        "no function entry for pc 0x%x and lr == pc: a leaf frame that cannot be unwound", ctx.pc()));
            }
            return ctx.withPc(ctx.lr());
        }
        FunctionEntry e = entry.get();
        long start = e.imageBase() + e.beginRva();
        long delta = ctx.pc() - start;
        if (delta < 0 || ctx.pc() >= e.imageBase() + e.endRva() || delta % 4 != 0) {
            throw new MalformedUnwindException(String.format(
                    "pc 0x%x is not an instruction of the function entry [0x%x, 0x%x)", ctx.pc(), start,
                    e.imageBase() + e.endRva()));
        }
        return run(ctx, memory, e.data().meaning(), delta / 4);
    }

    /** Unwinds with a meaning directly; {@code k} is the instruction index of pc in the function. */
    public static Context run(Context ctx, Memory memory, UnwindMeaning m, long k) {
        Machine machine = new Machine(ctx, memory);
        Sequence pro = m.prologue();
        if (k < pro.instructionCount()) {
            machine.execute(pro, (int) (pro.instructionCount() - k));
            return machine.finish();
        }
        for (UnwindMeaning.Epilog ep : m.epilogs()) {
            long s = ep.startOffset() / 4;
            if (k >= s && k <= s + ep.sequence().instructionCount()) {
                machine.execute(ep.sequence(), (int) (k - s));
                return machine.finish();
            }
        }
        machine.execute(pro, 0);
        return machine.finish();
    }

    /** The only mutable state of an unwind: the registers being rebuilt. */
    private static final class Machine {
        private final long[] x;
        private final long[] d;
        private long sp;
        private long pc;
        private boolean pcSet;
        private final Memory memory;

        Machine(Context ctx, Memory memory) {
            this.x = ctx.xArray();
            this.d = ctx.dArray();
            this.sp = ctx.sp();
            this.pc = ctx.pc();
            this.memory = memory;
        }

        void execute(Sequence seq, int skip) {
            List<UnwindOp> ops = seq.ops();
            for (int i = skip; i < ops.size(); i++) {
                apply(ops.get(i));
            }
            for (UnwindOp op : seq.phantom()) {
                apply(op);
            }
        }

        private void apply(UnwindOp op) {
            switch (op) {
                case UnwindOp.Alloc a -> sp += a.bytes();
                case UnwindOp.Save s -> {
                    long addr = s.writeback() ? sp : sp + s.offset();
                    for (UnwindOp.Reg r : s.regs()) {
                        long v = read(addr, r);
                        switch (r.cls()) {
                            case X -> {
                                if (r.number() > 30) {
                                    throw new MalformedUnwindException("save of x" + r.number() + " (no such register)");
                                }
                                x[r.number()] = v;
                            }
                            case D, Q -> {
                                if (r.number() >= 8 && r.number() <= 15) {
                                    d[r.number() - 8] = v;
                                }
                            }
                        }
                        addr += r.size();
                    }
                    if (s.writeback()) {
                        sp += s.offset();
                    }
                }
                case UnwindOp.SetFp f -> sp = x[29] - f.offset();
                case UnwindOp.Nop n -> {
                }
                case UnwindOp.PacSignLr p -> {
                    // authentication of lr: nothing to do on an ARMv8.0 target
                }
                case UnwindOp.Special s -> {
                    if (s.code() != 0xE9) {
                        throw new MalformedUnwindException(String.format(
                                "special frame code 0x%x is not supported by the harness unwinder", s.code()));
                    }
                    long newPc = read(sp + 8, UnwindOp.Reg.x(0));
                    long newSp = read(sp, UnwindOp.Reg.x(0));
                    pc = newPc;
                    sp = newSp;
                    pcSet = true;
                }
            }
        }

        private long read(long address, UnwindOp.Reg r) {
            try {
                return memory.read64(address);
            } catch (RuntimeException e) {
                throw new MalformedUnwindException(String.format("restoring %s: cannot read memory at 0x%x: %s", r,
                        address, e.getMessage()), e);
            }
        }

        Context finish() {
            return new Context(x, sp, pcSet ? pc : x[30], d);
        }
    }
}
