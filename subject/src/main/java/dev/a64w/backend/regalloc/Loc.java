package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.Gpr;
import java.util.List;
import java.util.stream.IntStream;

/** Where a virtual register lives: a machine register or a spill slot of the frame. */
public sealed interface Loc {
    record InReg(Gpr reg) implements Loc {
        private static final List<InReg> BY_NUMBER = IntStream.rangeClosed(0, 30).mapToObj(n -> new InReg(Gpr.x(n))).toList();

        /** The location {@code reg} (a shared instance). */
        public static InReg of(Gpr reg) {
            return BY_NUMBER.get(reg.n());
        }
    }

    /** Spill slot number {@code slot} (8 bytes each; the frame layout gives the offset). */
    record Spill(int slot) implements Loc {}
}
