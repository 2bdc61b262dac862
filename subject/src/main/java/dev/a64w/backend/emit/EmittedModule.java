package dev.a64w.backend.emit;

import dev.a64w.util.Bytes;

/**
 * A module's COFF object and the equivalent LLVM assembler listing (which llvm-mc for
 * aarch64-pc-windows-msvc assembles to the same .text bytes, relocations and section alignment,
 * and to unwind data of the same meaning).
 */
public record EmittedModule(Bytes object, String listing) {}
