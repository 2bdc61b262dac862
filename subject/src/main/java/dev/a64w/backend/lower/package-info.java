/**
 * Instruction selection and emission.
 *
 * <p>Takes a verified IR function; {@link dev.a64w.backend.lower.FunctionLowering} gives VCode (each
 * op's machine instructions written into an {@link dev.a64w.backend.regalloc.OpBody} over virtual
 * registers, by the same sequence helpers emission uses on machine registers), and
 * after allocation {@link dev.a64w.backend.lower.CodeEmitter} (with its parts SpillCode, CallCode,
 * BranchLayout and JumpTable) gives machine code in a {@link dev.a64w.backend.MachineBuffer}. Scalar
 * floats (f32/f64, FLOAT-class vregs in v0..v28) are selected by FloatLowering and
 * FloatConvLowering, their compares mapped to flags by FloatCond (every FloatCC, unordered
 * included). Keeps true: Cranelift semantics (wrapping arithmetic, shift
 * amounts modulo the width, division traps), narrow values with unspecified upper bits extended
 * wherever the result depends on them, only ARMv8.0 instructions, features not handled rejected
 * with {@link dev.a64w.backend.UnsupportedFeatureException}, conditional branches that never go
 * out of range (retry with long forms).
 */
package dev.a64w.backend.lower;
