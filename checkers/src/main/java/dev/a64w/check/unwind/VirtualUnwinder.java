package dev.a64w.check.unwind;

import java.util.Optional;

/**
 * One-frame virtual unwind as Windows' RtlVirtualUnwind does it on ARM64 (docs/unwind-windows.md,
 * "Where the pc is"; Microsoft's RtlpUnwindFunctionFull as published in dotnet/runtime
 * src/coreclr/unwinder/arm64/unwinder.cpp):
 * <ol>
 *   <li>no function entry covers pc: a leaf, pc = lr (refused when pc == lr);</li>
 *   <li>pc at instruction k &lt; the prologue's instruction count n: skip n − k codes, run the rest;</li>
 *   <li>otherwise, for the epilogues in increasing start order: stop at the first that starts after
 *       pc; if pc is at instruction j of an epilogue, j &lt; its instruction count + 1 (the final
 *       {@code ret} included), start at its codes, skip j codes and run the rest;</li>
 *   <li>otherwise (body): run the prologue codes from the first;</li>
 * </ol>
 * Custom frame codes (0xE8–0xF7) count no instruction but use one skip step each; codes after an
 * {@code end_c} (a phantom parent prologue) always run. Then pc = lr, unless a custom frame set pc.
 * Packed data goes through the same steps after its expansion ({@link PackedUnwind}), as in Windows.
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
            return ctx.withPc(ctx.lr()).withUnwoundToCall(true);
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

    /** Unwinds with a meaning directly; {@code k} is the instruction index of pc in the function (fragment). */
    public static Context run(Context ctx, Memory memory, UnwindMeaning m, long k) {
        Place p = place(m, k);
        UnwindMachine machine = new UnwindMachine(ctx, memory);
        machine.execute(p.sequence(), p.skip());
        return machine.finish();
    }

    /**
     * Which codes an unwind at instruction index {@code k} runs: those of {@code sequence} after the
     * first {@code skip} (then its phantom codes). Two indexes with the same place unwind a state
     * alike, pc aside.
     */
    public record Place(Sequence sequence, long skip) {
    }

    /** Steps 2 to 4 above: the prologue if k is inside it, else the epilogue that holds k, else the body. */
    public static Place place(UnwindMeaning m, long k) {
        Sequence pro = m.prologue();
        long n = m.prologueLength();
        if (k < n) {
            return new Place(pro, n - k);
        }
        for (UnwindMeaning.Epilog ep : m.epilogs()) {
            long s = ep.startOffset() / 4;
            if (k < s) {
                break;
            }
            if (k < s + ep.instructionCount()) {
                return new Place(ep.sequence(), k - s);
            }
        }
        return new Place(pro, 0);
    }
}
