/**
 * The IR verifier: {@link dev.a64w.ir.verify.Verifier}, {@link dev.a64w.ir.verify.Diagnostic},
 * {@link dev.a64w.ir.verify.VerifierException}.
 *
 * <p>Takes a {@link dev.a64w.ir.Module} or one function (with its module for cross-function
 * checks); gives every finding as a {@link dev.a64w.ir.verify.Diagnostic}
 * ({@code %f: block2/inst5 (v7 = iadd v3, v4): operand types differ: i32 vs i64}). Keeps true: a
 * module that verifies can be interpreted and lowered without meeting an undefined value, an
 * ill-typed operand, an undeclared entity or a mismatched call; checks follow Cranelift's verifier
 * and instruction constraints (br_table index i32, uadd_overflow_trap on i32/i64, iconst immediate
 * in the signed-or-unsigned range of its type, an explicit type suffix equal to the type of the
 * operand it controls), with addresses fixed to i64 for this target.
 */
package dev.a64w.ir.verify;
