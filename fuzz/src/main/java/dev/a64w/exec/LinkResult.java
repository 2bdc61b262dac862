package dev.a64w.exec;

import dev.a64w.util.Bytes;
import java.util.List;

/**
 * What lld-link made of a set of objects: the DLL (empty when the link failed) and lld's
 * diagnostics, one entry per diagnostic (continuation lines such as {@code >>> referenced by}
 * joined to it with newlines), the {@code lld-link: error: } / {@code warning: } prefix removed.
 * The Link check passes only when both lists are empty.
 */
public record LinkResult(Bytes dll, List<String> errors, List<String> warnings) {
    public LinkResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** No errors and no warnings, and a DLL was written. */
    public boolean clean() {
        return errors.isEmpty() && warnings.isEmpty() && dll.size() > 0;
    }
}
