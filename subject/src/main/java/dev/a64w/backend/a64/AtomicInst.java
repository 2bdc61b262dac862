package dev.a64w.backend.a64;

/**
 * The ARMv8.0 load-acquire/store-release and exclusive forms the scalar atomics lower to (Arm ARM
 * C4.1.66 "Load/store exclusive" and "Load-acquire/store-release", C6.2 LDAXR, STLXR, LDAR, STLR)
 * and the DMB barrier (C6.2.81). No LSE (ARMv8.1) forms: the emulated CPU is ARMv8.0. Every
 * access is to {@code [xn|sp]} without offset.
 */
public sealed interface AtomicInst extends A64Inst {

    /** Access size, the encoding's {@code size} field: B, H, W (32-bit register) or X. */
    enum AccessSize {
        B, H, W, X;

        /** The register width that holds the value: X for X, W otherwise. */
        public Size regSize() {
            return this == X ? Size.X : Size.W;
        }

        /** The mnemonic suffix: {@code b}, {@code h} or none. */
        String suffix() {
            return switch (this) {
                case B -> "b";
                case H -> "h";
                case W, X -> "";
            };
        }

        public static AccessSize ofBytes(int bytes) {
            return switch (bytes) {
                case 1 -> B;
                case 2 -> H;
                case 4 -> W;
                case 8 -> X;
                default -> throw new IllegalArgumentException("no atomic access of " + bytes + " bytes");
            };
        }
    }

    /** {@code ldaxr{b,h} rt, [rn]}: load-acquire exclusive register. */
    record LoadExclusive(AccessSize size, Reg rt, Reg rn) implements AtomicInst {
        public LoadExclusive {
            Check.gz(rt);
            Check.gs(rn);
        }
    }

    /**
     * {@code stlxr{b,h} ws, rt, [rn]}: store-release exclusive register, ws = 0 on success. The
     * status register must differ from rt and rn (CONSTRAINED UNPREDICTABLE otherwise, Arm ARM K1).
     */
    record StoreExclusive(AccessSize size, Reg rs, Reg rt, Reg rn) implements AtomicInst {
        public StoreExclusive {
            Check.g(rs);
            Check.gz(rt);
            Check.gs(rn);
            if (rs.equals(rt) || rs.equals(rn)) throw new IllegalArgumentException("stlxr status register " + rs + " overlaps " + rt + " or " + rn);
        }
    }

    /** {@code ldar{b,h} rt, [rn]}: load-acquire register. */
    record LoadAcquire(AccessSize size, Reg rt, Reg rn) implements AtomicInst {
        public LoadAcquire {
            Check.gz(rt);
            Check.gs(rn);
        }
    }

    /** {@code stlr{b,h} rt, [rn]}: store-release register. */
    record StoreRelease(AccessSize size, Reg rt, Reg rn) implements AtomicInst {
        public StoreRelease {
            Check.gz(rt);
            Check.gs(rn);
        }
    }

    /** {@code dmb ish}: data memory barrier, inner shareable, full (CRm = 0b1011). */
    record DmbIsh() implements AtomicInst {}
}
