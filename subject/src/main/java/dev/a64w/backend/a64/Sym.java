package dev.a64w.backend.a64;

/** An object-level symbol plus addend, resolved by the linker through a relocation. */
public record Sym(String name, long addend) implements Target {
    public static Sym of(String name) {
        return new Sym(name, 0);
    }

    @Override
    public String asm() {
        String n = AsmSymbol.of(name);
        if (addend == 0) return n;
        return addend > 0 ? n + "+" + addend : n + "-" + (-addend);
    }
}
