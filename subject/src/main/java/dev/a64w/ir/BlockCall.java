package dev.a64w.ir;

import java.util.List;

/** A branch target with the arguments passed to the block's parameters: {@code block3(v1, v2)}. */
public record BlockCall(BlockRef block, List<Value> args) {
    public BlockCall {
        args = List.copyOf(args);
    }

    public static BlockCall of(BlockRef block, Value... args) {
        return new BlockCall(block, List.of(args));
    }
}
