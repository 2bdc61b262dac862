package dev.a64w.ir;

import java.util.Collections;
import java.util.List;

/**
 * A function signature. {@code callConv} is the CLIF calling-convention word as written
 * ("" when absent; "tail", "system_v", "windows_fastcall"...); the backend decides which it supports.
 * {@code paramExts}/{@code returnExts} hold each parameter's and return value's extension attribute
 * ({@code uext}/{@code sext}), one entry per type ({@link Ext#NONE} when absent; empty lists are
 * normalized to all-NONE). They promise that the value arrives extended to 64 bits in its register:
 * the backend extends what it produces (arguments it passes, values it returns) and never relies on
 * the promise for what it receives.
 */
public record Signature(List<Type> params, List<Type> returns, String callConv, List<Ext> paramExts, List<Ext> returnExts) {
    /** A parameter/return extension attribute. */
    public enum Ext {
        NONE(""), UEXT("uext"), SEXT("sext");

        public final String clif;

        Ext(String clif) {
            this.clif = clif;
        }
    }

    public Signature {
        params = List.copyOf(params);
        returns = List.copyOf(returns);
        paramExts = normalize(paramExts, params.size(), "parameter");
        returnExts = normalize(returnExts, returns.size(), "return");
    }

    public Signature(List<Type> params, List<Type> returns, String callConv) {
        this(params, returns, callConv, List.of(), List.of());
    }

    public Signature(List<Type> params, List<Type> returns) {
        this(params, returns, "");
    }

    private static List<Ext> normalize(List<Ext> exts, int n, String what) {
        if (exts.isEmpty()) return Collections.nCopies(n, Ext.NONE);
        if (exts.size() != n) throw new IllegalArgumentException(exts.size() + " " + what + " attributes for " + n + " " + what + " types");
        return List.copyOf(exts);
    }
}
