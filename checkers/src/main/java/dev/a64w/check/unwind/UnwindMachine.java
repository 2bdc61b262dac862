package dev.a64w.check.unwind;

import java.util.List;

/**
 * The only mutable state of one virtual unwind: the registers being rebuilt, as Windows'
 * RtlpUnwindFunctionFull keeps them (package-private detail of {@link VirtualUnwinder}).
 */
final class UnwindMachine {
    final long[] x;
    final long[] vLow;
    final long[] vHigh;
    long sp;
    long pc;
    /** Windows' FinalPcFromLr, inverted: a custom frame code set pc itself. */
    boolean pcSet;
    /** Windows sets CONTEXT_UNWOUND_TO_CALL before running the codes; custom frames clear or inherit it. */
    boolean unwoundToCall = true;
    private final Memory memory;

    UnwindMachine(Context ctx, Memory memory) {
        this.x = ctx.xArray();
        this.vLow = ctx.vLowArray();
        this.vHigh = ctx.vHighArray();
        this.sp = ctx.sp();
        this.pc = ctx.pc();
        this.memory = memory;
    }

    /** Skips {@code skip} codes (each op is one code, custom ones included), runs the rest, then the phantom codes. */
    void execute(Sequence seq, long skip) {
        List<UnwindOp> ops = seq.ops();
        for (long i = skip; i < ops.size(); i++) {
            apply(ops.get((int) i));
        }
        for (UnwindOp op : seq.phantom()) {
            apply(op);
        }
    }

    private void apply(UnwindOp op) {
        switch (op) {
            case UnwindOp.Alloc a -> sp += a.bytes();
            case UnwindOp.Save s -> restore(s);
            case UnwindOp.SetFp f -> sp = x[29] - f.offset();
            case UnwindOp.Nop n -> {
            }
            case UnwindOp.PacSignLr p -> {
                // Windows strips the PAC from lr; an ARMv8.0 return address carries none, so nothing changes
            }
            case UnwindOp.Special s -> SpecialFrames.apply(this, s.code());
        }
    }

    private void restore(UnwindOp.Save s) {
        long addr = s.writeback() ? sp : sp + s.offset();
        for (UnwindOp.Reg r : s.regs()) {
            switch (r.cls()) {
                case X -> x[r.number()] = read(addr, r.toString());
                case D -> vLow[r.number()] = read(addr, r.toString());
                case Q -> {
                    vLow[r.number()] = read(addr, r + " (low half)");
                    vHigh[r.number()] = read(addr + 8, r + " (high half)");
                }
            }
            addr += r.size();
        }
        if (s.writeback()) {
            sp += s.offset();
        }
    }

    long read(long address, String what) {
        try {
            return memory.read64(address);
        } catch (RuntimeException e) {
            throw new MalformedUnwindException(String.format("restoring %s: cannot read memory at 0x%x: %s", what,
                    address, e.getMessage()), e);
        }
    }

    long read32(long address, String what) {
        try {
            return memory.read32(address);
        } catch (RuntimeException e) {
            throw new MalformedUnwindException(String.format("restoring %s: cannot read memory at 0x%x: %s", what,
                    address, e.getMessage()), e);
        }
    }

    Context finish() {
        return new Context(x, sp, pcSet ? pc : x[30], vLow, vHigh, unwoundToCall);
    }
}
