package dev.a64w.oracle.llvm;

import dev.a64w.util.Bytes;
import java.util.List;

/**
 * What LLVM MC made of a listing: the COFF object and the assembler's diagnostics, each as LLVM
 * printed it ({@code <inline asm>:LINE:COL: message}, line counted within the listing). When
 * {@code errors} is non-empty the object is partial or empty and must not be compared.
 */
public record McResult(Bytes object, List<String> errors, List<String> warnings) {
    public McResult {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
