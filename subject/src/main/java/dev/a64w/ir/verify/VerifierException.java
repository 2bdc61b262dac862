package dev.a64w.ir.verify;

import java.util.List;

/** The IR is not valid; {@link #diagnostics()} lists every finding. */
public final class VerifierException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public VerifierException(List<Diagnostic> diagnostics) {
        super(diagnostics.size() + " verifier error(s):\n" + String.join("\n", diagnostics.stream().map(Diagnostic::toString).toList()));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
