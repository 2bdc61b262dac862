package dev.a64w.backend.a64;

import dev.a64w.backend.a64.AtomicInst.*;

/**
 * Encodes {@link AtomicInst}. Load/store exclusive and ordered (Arm ARM C4.1.66):
 * {@code size:2 | 001000 | o2 | L | o1 | Rs:5 | o0 | Rt2:5 | Rn:5 | Rt:5}, Rs and Rt2 all ones
 * where unused. DMB (C6.2.81): {@code 0xD50330BF | CRm << 8}.
 */
final class AtomicEncoder {
    private AtomicEncoder() {}

    static int encode(AtomicInst inst) {
        return switch (inst) {
            case LoadExclusive i -> exclusive(i.size(), 0b010, 31, 1, i.rn(), i.rt());     // o2=0 L=1 o1=0, o0=1
            case StoreExclusive i -> exclusive(i.size(), 0b000, i.rs().encoding(), 1, i.rn(), i.rt()); // o2=0 L=0 o1=0, o0=1
            case LoadAcquire i -> exclusive(i.size(), 0b110, 31, 1, i.rn(), i.rt());       // o2=1 L=1 o1=0, o0=1
            case StoreRelease i -> exclusive(i.size(), 0b100, 31, 1, i.rn(), i.rt());      // o2=1 L=0 o1=0, o0=1
            case DmbIsh i -> 0xD503_30BF | 0b1011 << 8;
        };
    }

    private static int exclusive(AccessSize size, int o2Lo1, int rs, int o0, Reg rn, Reg rt) {
        return size.ordinal() << 30 | 0x0800_0000 | o2Lo1 << 21 | rs << 16 | o0 << 15 | 31 << 10 | rn.encoding() << 5
                | rt.encoding();
    }
}
