package dev.a64w.ir.interp;

import dev.a64w.ir.TrapCode;

/** Internal: unwinds the interpreter loop when the program traps. */
final class TrapSignal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient TrapCode code;

    TrapSignal(TrapCode code) {
        super(code.name(), null, false, false);
        this.code = code;
    }
}
