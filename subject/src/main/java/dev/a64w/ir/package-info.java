/**
 * The IR: an immutable model of the supported subset of Cranelift's CLIF (integer types i8..i64, float
 * types f32 and f64 carried as raw IEEE bits).
 *
 * <p>Takes nothing; gives {@link dev.a64w.ir.Module} and its parts as records under sealed
 * interfaces. Keeps true by construction: every block has exactly one {@link
 * dev.a64w.ir.Terminator}; lists are immutable. Everything that relates instructions to each other
 * (types of operands, definitions dominating uses, references to declared entities) is checked by
 * {@code dev.a64w.ir.verify.Verifier}, not here. Semantics are Cranelift's: wrapping integer
 * arithmetic, shift amounts modulo the width, division traps on zero and signed INT_MIN / -1,
 * little-endian memory, IEEE binary32/binary64 float arithmetic.
 */
package dev.a64w.ir;
