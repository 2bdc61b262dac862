/**
 * Windows ARM64 unwind data.
 *
 * <p>Takes the neutral unwind facts of a compiled function ({@link dev.a64w.backend.FunctionUnwind}:
 * one {@link dev.a64w.backend.UnwindOp} per prologue/epilogue instruction). Gives the unwind codes
 * ({@link dev.a64w.backend.unwind.UnwindCode}, {@code save_next} folded as LLVM MC folds it), for each
 * .pdata entry ({@link dev.a64w.backend.unwind.UnwindEntry}) either the packed word
 * ({@link dev.a64w.backend.unwind.PackedUnwind}, when {@link dev.a64w.backend.unwind.Packing} finds the
 * prologue canonical and the single final epilogue its mirror, as LLVM MC decides) or the full .xdata
 * record ({@link dev.a64w.backend.unwind.XdataRecord} via {@link dev.a64w.backend.unwind.XdataBuilder}),
 * and the {@code .seh_*} directive text for the listing ({@link dev.a64w.backend.unwind.SehDirectives}).
 * The subject's entries equal what LLVM MC makes of that listing, byte for byte (docs/unwind-emission.md).
 * A function longer than one record can describe (0xFFFFC bytes) is cut into segments
 * ({@link dev.a64w.backend.unwind.Segmenter}, as LLVM MC cuts it), one record each, the later ones
 * with {@code end_c} and the phantom prologue ({@link dev.a64w.backend.unwind.UnwindEntry#entries}).
 *
 * <p>Keeps true: one code per instruction; every code's declared length equals the bytes it writes;
 * an op with no encoding is a {@link dev.a64w.backend.CompileException} naming function, op and
 * offset, never a silently rounded code. Pure functions of immutable values.
 */
package dev.a64w.backend.unwind;
