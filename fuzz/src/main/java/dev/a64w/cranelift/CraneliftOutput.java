package dev.a64w.cranelift;

import dev.a64w.util.Bytes;
import java.util.List;

/** What the driver made of one module. */
public sealed interface CraneliftOutput {
    /** The COFF object and its trap table. */
    record Compiled(Bytes object, List<TrapSite> traps) implements CraneliftOutput {
        public Compiled {
            traps = List.copyOf(traps);
        }
    }

    /** Why Cranelift or the driver refused the module (no panic). */
    enum Refusal {
        /** Cranelift's reader rejects the text (our CLIF dialect went beyond Cranelift's). */
        PARSE,
        /** Something the driver cannot express (e.g. a function pointer with an addend in data). */
        UNSUPPORTED,
        /** Cranelift returned an error: verifier, implementation limit or unimplemented lowering. */
        CODEGEN
    }

    record Refused(Refusal kind, String message) implements CraneliftOutput {}

    /** Cranelift panicked; the message with its source location. The driver lives on. */
    record Panicked(String message) implements CraneliftOutput {}

    /** The driver process died or hung (exit status, signal, stderr tail). */
    record Crashed(String detail) implements CraneliftOutput {}

    /** No driver to ask: why (printed once, the leg is skipped). */
    record Unavailable(String reason) implements CraneliftOutput {}
}
