package dev.a64w.ir.interp;

import java.util.List;

/** One recorded call to the host: the function name and its arguments. */
public record HostCall(String name, List<Long> args) {
    public HostCall {
        args = List.copyOf(args);
    }
}
