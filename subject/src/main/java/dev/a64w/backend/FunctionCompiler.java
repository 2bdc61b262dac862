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
        VCode code = FunctionLowering.lower(module, f);
        Allocation alloc = LinearScan.allocate(code);
        FrameLayout frame = FrameLayout.compute(code.leaf(), alloc.savedRegs(), alloc.spillSlots(), code.slots(), code.outgoingBytes());
        CompiledFunction compiled;
        try {
            compiled = CodeEmitter.emit(code, alloc, frame);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CompileException("function %" + f.name() + ": " + e.getMessage(), e);
        }
        if (compiled.unwind().isPresent() && compiled.code().size() >= MAX_UNFRAGMENTED_BYTES) {
            // One .xdata record describes at most 2^18 words (just under 1 MiB); longer functions
            // need unwind fragments (.pdata per piece, phantom prologues), which are not written yet.
            throw new UnsupportedFeatureException("function of 0x" + Integer.toHexString(compiled.code().size())
                    + " bytes with a frame (unwind data for functions of 1 MiB or more needs fragments)", "function %" + f.name());
        }
        return compiled;
    }

    /** FunctionLength in .xdata is 18 bits counting 4-byte words. */
    static final int MAX_UNFRAGMENTED_BYTES = 1 << 20;
}
