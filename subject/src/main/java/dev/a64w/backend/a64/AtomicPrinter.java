package dev.a64w.backend.a64;

import dev.a64w.backend.a64.AtomicInst.*;

/** Prints {@link AtomicInst} in LLVM's syntax ({@code ldaxrb w0, [x1]}, {@code dmb ish}). */
final class AtomicPrinter {
    private AtomicPrinter() {}

    static String print(AtomicInst inst) {
        return switch (inst) {
            case LoadExclusive i -> "ldaxr" + i.size().suffix() + " " + rt(i.size(), i.rt()) + ", " + mem(i.rn());
            case StoreExclusive i -> "stlxr" + i.size().suffix() + " " + i.rs().name(Size.W) + ", " + rt(i.size(), i.rt()) + ", "
                    + mem(i.rn());
            case LoadAcquire i -> "ldar" + i.size().suffix() + " " + rt(i.size(), i.rt()) + ", " + mem(i.rn());
            case StoreRelease i -> "stlr" + i.size().suffix() + " " + rt(i.size(), i.rt()) + ", " + mem(i.rn());
            case DmbIsh i -> "dmb ish";
        };
    }

    private static String rt(AccessSize s, Reg r) {
        return r.name(s.regSize());
    }

    private static String mem(Reg rn) {
        return "[" + rn.name(Size.X) + "]";
    }
}
