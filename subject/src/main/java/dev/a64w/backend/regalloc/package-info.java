/**
 * Register allocation.
 *
 * <p>Takes {@link dev.a64w.backend.regalloc.VCode} (lowered instructions over virtual registers,
 * with def/use/temp lists, calls and edge arguments); gives an {@link
 * dev.a64w.backend.regalloc.Allocation} (a register or spill slot per virtual register, the number
 * of spill slots and of callee-saved registers to save) from {@link
 * dev.a64w.backend.regalloc.LinearScan}, and sequentialized parallel moves ({@link
 * dev.a64w.backend.regalloc.ParallelMoves}). Keeps true: x15..x18, x29, x30 and sp are never
 * allocated; a value live across a call is in x19..x28 or spilled; values whose intervals overlap
 * never share a register.
 */
package dev.a64w.backend.regalloc;
