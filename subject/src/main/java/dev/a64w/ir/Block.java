package dev.a64w.ir;

import java.util.List;

/** A basic block: parameters, straight-line instructions and exactly one terminator. */
public record Block(BlockRef ref, List<Param> params, List<Inst> insts, Terminator terminator) {
    public Block {
        params = List.copyOf(params);
        insts = List.copyOf(insts);
    }
}
