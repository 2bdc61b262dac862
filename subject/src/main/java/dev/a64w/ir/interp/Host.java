package dev.a64w.ir.interp;

import java.util.List;

/**
 * Functions outside the module (imports and other externals). Arguments arrive sign-extended to
 * 64 bits from the callee signature's types; results are truncated to the signature's types by the
 * caller. Implementations may throw an unchecked exception for a function they do not know.
 */
public interface Host {
    List<Long> call(String name, List<Long> args);
}
