/**
 * AArch64 (ARMv8.0) instructions as values.
 *
 * <p>Takes operands; gives {@link dev.a64w.backend.a64.A64Inst} records (one per encoding format,
 * the operation as an enum inside), their 32-bit words ({@link dev.a64w.backend.a64.A64Encoder})
 * and their LLVM assembler text ({@link dev.a64w.backend.a64.A64Printer}). Keeps true: an operand
 * that exists encodes ({@code Imm12.tryFrom}, {@code ImmLogic.tryFrom} return empty otherwise;
 * record constructors reject SP where the field means ZR and the reverse, and out-of-range
 * immediates), so the encoder never re-checks. The scalar floating-point forms are the sub-family
 * {@link dev.a64w.backend.a64.FpInst} (FP registers are {@link dev.a64w.backend.a64.FReg}, never a
 * {@link dev.a64w.backend.a64.Reg}; FMOV immediates exist only as {@link dev.a64w.backend.a64.FpImm}),
 * encoded and printed by FpEncoder/FpPrinter behind A64Encoder/A64Printer.
 * The same records serve before allocation: a {@link dev.a64w.backend.a64.VReg} stands where a
 * register may (an integer-class one for a {@link dev.a64w.backend.a64.Reg}, a float-class one for
 * an {@link dev.a64w.backend.a64.FOperand}; the constructors check the class) and a {@link
 * dev.a64w.backend.a64.LocalLabel} where a branch target may; {@link dev.a64w.backend.a64.Operands}
 * lists and resolves them, and the encoder rejects an instruction that still holds one.
 * {@link dev.a64w.backend.a64.A64Samples} (with {@link dev.a64w.backend.a64.FpSamples}) lists
 * representative instances of every form for oracle tests.
 */
package dev.a64w.backend.a64;
