package dev.a64w.exec;

import java.util.List;

/**
 * One call of an imported host function as the emulated code made it: DLL, function, the eight
 * argument registers x0-x7 at the call (only the first {@code arity} are arguments: compare with
 * {@link #args(int)}), and the value the host returned in x0.
 */
public record ImportCall(String dll, String name, List<Long> x0to7, long result) {
    public ImportCall {
        x0to7 = List.copyOf(x0to7);
    }

    public List<Long> args(int arity) {
        return x0to7.subList(0, arity);
    }
}
