package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.VReg;
import java.util.List;

/** A control-flow edge to block index {@code block}, passing {@code args} to its parameters. */
public record Edge(int block, List<VReg> args) {
    public Edge {
        args = List.copyOf(args);
    }
}
