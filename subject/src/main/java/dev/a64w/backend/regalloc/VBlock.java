package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.VReg;
import java.util.List;

/** A lowered block: parameters (defined on entry), instructions, terminator. */
public record VBlock(String name, List<VReg> params, List<VInst> insts, VTerm term) {
    public VBlock {
        params = List.copyOf(params);
        insts = List.copyOf(insts);
    }
}
