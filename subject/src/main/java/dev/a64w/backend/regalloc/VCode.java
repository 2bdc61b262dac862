package dev.a64w.backend.regalloc;

import dev.a64w.ir.StackSlot;
import java.util.List;

/**
 * A function lowered to virtual-register machine instructions, blocks in layout order (block 0 is
 * the entry and starts with {@link VInst.Params}).
 *
 * @param vregCount     ids are 0..vregCount-1
 * @param outgoingBytes largest outgoing stack-argument area any call needs
 */
public record VCode(String name, List<VBlock> blocks, int vregCount, List<StackSlot> slots, int outgoingBytes, boolean leaf) {
    public VCode {
        blocks = List.copyOf(blocks);
        slots = List.copyOf(slots);
    }
}
