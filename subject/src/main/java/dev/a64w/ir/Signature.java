package dev.a64w.ir;

import java.util.List;

/**
 * A function signature. {@code callConv} is the CLIF calling-convention word as written
 * ("" when absent; "tail", "system_v", "windows_fastcall"...); the backend decides which it supports.
 */
public record Signature(List<Type> params, List<Type> returns, String callConv) {
    public Signature {
        params = List.copyOf(params);
        returns = List.copyOf(returns);
    }

    public Signature(List<Type> params, List<Type> returns) {
        this(params, returns, "");
    }
}
