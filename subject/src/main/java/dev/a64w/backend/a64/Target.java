package dev.a64w.backend.a64;

/**
 * What a PC-relative instruction refers to: a local {@link Label} (patched by the machine buffer), a
 * {@link Sym}bol (left to the linker: a relocation), or a resolved byte displacement {@link Rel}
 * (what a disassembler sees).
 */
public sealed interface Target permits Label, LocalLabel, Sym, Rel {
    String asm();
}
