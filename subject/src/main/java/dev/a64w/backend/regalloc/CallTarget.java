package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.VReg;

/** What a call calls. */
public sealed interface CallTarget {
    /** {@code bl name} (BRANCH26), defined in this object or another. */
    record Direct(String name) implements CallTarget {}

    /** Through the import slot: {@code adrp x16, __imp_name; ldr x16, [x16, :lo12:__imp_name]; blr x16}. */
    record Import(String name) implements CallTarget {}

    /** {@code blr} to the address in {@code callee}. */
    record Indirect(VReg callee) implements CallTarget {}
}
