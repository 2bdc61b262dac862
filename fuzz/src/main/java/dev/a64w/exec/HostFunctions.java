package dev.a64w.exec;

import java.util.List;

/**
 * The Java implementations of imported functions (to be adapted to the interpreter's shared host).
 * Receives x0-x7 at the call and the emulated memory; returns the value for x0. Throwing
 * {@link ExecException} (or anything else) ends the call as {@link ExecResult.Faulted}.
 */
@FunctionalInterface
public interface HostFunctions {
    long call(String dll, String name, List<Long> x0to7, MemoryView memory);

    /** Hosts that know no function: every import call faults. */
    HostFunctions NONE = (dll, name, args, memory) -> {
        throw new ExecException("host function " + dll + "!" + name + ": not provided");
    };
}
