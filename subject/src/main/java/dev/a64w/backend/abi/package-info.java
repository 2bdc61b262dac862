/**
 * The Windows ARM64 calling convention and frame.
 *
 * <p>Takes what a function needs (callee-saved registers, spill slots, stack slots, outgoing
 * argument bytes); gives a {@link dev.a64w.backend.abi.FrameLayout} that emits the prologue and
 * epilogues with one unwind step per instruction, and the brk immediates of trap codes ({@link
 * dev.a64w.backend.abi.TrapCodes}). Keeps true: SP 16-byte aligned, x29 points at the saved
 * x29/x30 pair (above the register saves, or pushed below them when d8..d15 are saved, the
 * canonical shape of packed unwind data), allocations of 4 KiB or more probe through {@code __chkstk}, x18 untouched; a
 * frame with a slot aligned above 16 (up to 4096) realigns SP after x29 is set and then reads
 * incoming stack arguments from x29 and restores SP from x29 in the epilogue.
 */
package dev.a64w.backend.abi;
