/**
 * Register allocation.
 *
 * <p>Takes {@link dev.a64w.backend.regalloc.VCode} (lowered instructions over virtual registers,
 * with def/use/temp lists, calls and edge arguments). An op's body is data: {@link
 * dev.a64w.backend.regalloc.Step}s holding {@link dev.a64w.backend.a64.A64Inst}s whose operands are
 * {@link dev.a64w.backend.a64.VReg}s, the same records emission encodes once {@link
 * dev.a64w.backend.regalloc.StepEmitter} has put the allocated registers in; operands the calling
 * convention pins carry their place ({@link dev.a64w.backend.regalloc.Fixed}). Gives an {@link
 * dev.a64w.backend.regalloc.Allocation} (a register or spill slot per virtual register, the number
 * of spill slots and the callee-saved registers of each class to save) from {@link
 * dev.a64w.backend.regalloc.LinearScan}, and sequentialized parallel moves ({@link
 * dev.a64w.backend.regalloc.ParallelMoves}). Every vreg has a {@link
 * dev.a64w.backend.a64.RegClass} and gets a register of that class. Keeps true: x15..x18, x29,
 * x30, sp and v29..v31 are never allocated; a value live across a call is in x19..x28 / d8..d15 or
 * spilled; values whose intervals overlap never share a register.
 */
package dev.a64w.backend.regalloc;
