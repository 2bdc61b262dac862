/**
 * The reference interpreter: {@link dev.a64w.ir.interp.Interpreter}, {@link dev.a64w.ir.interp.Outcome},
 * {@link dev.a64w.ir.interp.Host} and the deterministic {@link dev.a64w.ir.interp.StandardHost},
 * {@link dev.a64w.ir.interp.RunLines}, and {@link dev.a64w.ir.interp.InstObserver}, a hook that sees each
 * instruction with its operand values before it executes (for coverage of value classes).
 *
 * <p>Takes a {@link dev.a64w.ir.Module} (which should verify); gives, per call, the returned values
 * (integers sign-extended from their types, floats as raw IEEE bits), the trap code, or out-of-fuel,
 * plus the final data memory and the host-call trace. Keeps true: Cranelift's integer semantics
 * exactly ({@link dev.a64w.ir.interp.Eval}); IEEE float semantics with AArch64's NaN results, the
 * policy written down in one place ({@link dev.a64w.ir.interp.FloatOps});
 * deterministic results (no clocks, no hashing order in outputs); IR it cannot run raises
 * {@link dev.a64w.ir.interp.InterpreterException}, never a silent wrong result; an observer changes no outcome.
 */
package dev.a64w.ir.interp;
