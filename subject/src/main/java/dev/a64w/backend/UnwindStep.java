package dev.a64w.backend;

/** An unwind op together with the byte offset (from the function start) of its instruction. */
public record UnwindStep(int offset, UnwindOp op) {}
