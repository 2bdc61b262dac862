/**
 * Coverage of operand values a person can read: which classes of values (zero, one, minus one, the
 * type's MIN and MAX, negative, a shift amount at or above the width; equal operands, MIN by -1)
 * actually reached each (opcode, type) pair when the reference interpreter ran a module's
 * invocations ({@link dev.a64w.fuzz.coverage.OperandCoverage}), and which of those classes matter for
 * each pair the backend compiles ({@link dev.a64w.fuzz.coverage.CoverageGoals}).
 *
 * <p>Takes modules and their invocations; gives counters and {@code stats coverage ...} lines.
 * Keeps true: observing runs the interpreter exactly as the Run check does (an
 * {@link dev.a64w.ir.interp.InstObserver} changes no outcome); the lines are sorted, so two runs of
 * one seed print the same.
 */
package dev.a64w.fuzz.coverage;
