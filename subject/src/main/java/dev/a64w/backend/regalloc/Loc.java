package dev.a64w.backend.regalloc;

import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.MReg;
import dev.a64w.backend.a64.RegClass;
import java.util.List;
import java.util.stream.IntStream;

/** Where a virtual register lives: a machine register (of the vreg's class) or a spill slot of the frame. */
public sealed interface Loc {
    record InReg(MReg reg) implements Loc {
        private static final List<InReg> GPRS = IntStream.rangeClosed(0, 30).mapToObj(n -> new InReg(Gpr.x(n))).toList();
        private static final List<InReg> FREGS = IntStream.rangeClosed(0, 31).mapToObj(n -> new InReg(FReg.v(n))).toList();

        /** The location {@code reg} (a shared instance). */
        public static InReg of(MReg reg) {
            return switch (reg) {
                case Gpr g -> GPRS.get(g.n());
                case FReg f -> FREGS.get(f.n());
            };
        }

        /** The class of the register. */
        public RegClass cls() {
            return reg instanceof FReg ? RegClass.FLOAT : RegClass.INT;
        }

        /** The general-purpose register (an IllegalStateException for a float location: a lowering bug). */
        public Gpr gpr() {
            if (reg instanceof Gpr g) return g;
            throw new IllegalStateException("not an integer register: " + reg);
        }

    }

    /** Spill slot number {@code slot} (8 bytes each, enough for a d register; the frame layout gives the offset). */
    record Spill(int slot) implements Loc {}
}
