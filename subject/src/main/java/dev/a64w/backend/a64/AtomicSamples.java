package dev.a64w.backend.a64;

import dev.a64w.backend.a64.AtomicInst.*;
import java.util.ArrayList;
import java.util.List;

/**
 * Representative {@link AtomicInst} instructions for the LLVM cross-check, part of {@link
 * A64Samples#all()}: every record at every access size, with x0/x30/xzr/sp in the fields that
 * take them and each register number once in each field.
 */
public final class AtomicSamples {
    private AtomicSamples() {}

    public static List<A64Inst> all() {
        List<A64Inst> out = new ArrayList<>();
        for (AccessSize s : AccessSize.values()) {
            for (int k = 0; k <= 30; k++) {
                Gpr a = Gpr.x(k), b = Gpr.x((k + 7) % 31), c = Gpr.x((k + 13) % 31);
                out.add(new LoadExclusive(s, a, b));
                out.add(new StoreExclusive(s, a, b, c));
                out.add(new LoadAcquire(s, a, b));
                out.add(new StoreRelease(s, a, b));
            }
            out.add(new LoadExclusive(s, Gpr.x(0), Sp.SP));
            out.add(new StoreExclusive(s, Gpr.x(1), Zr.ZR, Sp.SP));
            out.add(new LoadAcquire(s, Gpr.x(30), Sp.SP));
            out.add(new StoreRelease(s, Zr.ZR, Sp.SP));
        }
        out.add(new DmbIsh());
        return out;
    }
}
