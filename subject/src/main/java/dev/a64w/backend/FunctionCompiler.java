package dev.a64w.backend;

import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.lower.CodeEmitter;
import dev.a64w.backend.lower.FunctionLowering;
import dev.a64w.backend.regalloc.Allocation;
import dev.a64w.backend.regalloc.LinearScan;
import dev.a64w.backend.regalloc.VCode;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;

/**
 * The backend's entry point: a verified IR function to AArch64 machine code for Windows ARM64.
 * Lowering to virtual-register code, linear-scan allocation, frame layout, emission.
 *
 * <p>Narrow integer values (i8/i16/i32) in registers, arguments and results have unspecified bits
 * above their width, both as caller and as callee (AAPCS64 leaves them unspecified): the code
 * extends wherever the semantics look at them (compares, right shifts, division, extends).
 */
public final class FunctionCompiler {
    private FunctionCompiler() {}

    /**
     * @throws UnsupportedFeatureException for a feature the backend does not compile (message
     *                                     "unsupported: ...")
     * @throws CompileException            for an internal failure (names the function and offset)
     */
    public static CompiledFunction compile(Module module, Function f) {
        return compile(module, f, PhaseClock.NONE);
    }

    /** The same, reporting each phase's time to {@code clock}. */
    public static CompiledFunction compile(Module module, Function f, PhaseClock clock) {
        long t0 = System.nanoTime();
        VCode code = FunctionLowering.lower(module, f);
        long t1 = System.nanoTime();
        clock.lap(PhaseClock.Phase.LOWER, t1 - t0);
        Allocation alloc = LinearScan.allocate(code);
        FrameLayout frame = FrameLayout.compute(code.leaf(), alloc.savedGprs(), alloc.savedFregs(), alloc.spillSlots(), code.slots(), code.outgoingBytes());
        long t2 = System.nanoTime();
        clock.lap(PhaseClock.Phase.ALLOCATE, t2 - t1);
        try {
            return CodeEmitter.emit(code, alloc, frame);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CompileException("function %" + f.name() + ": " + e.getMessage(), e);
        } finally {
            clock.lap(PhaseClock.Phase.EMIT, System.nanoTime() - t2);
        }
    }
}
