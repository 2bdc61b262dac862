package dev.a64w.check.unwind;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static dev.a64w.check.unwind.FrameSim.*;

/**
 * Test-side builder of the function a packed {@code .pdata} word describes, instruction by
 * instruction, written from Microsoft's "ARM64 exception handling", "Packed unwind data" step table
 * with the Windows decisions of docs/unwind-windows.md (each step cites the Wine test that records it
 * on Windows). It is deliberately a second, instruction-level description: the sweep in
 * {@code PackedShapesTest} checks that unwinding with {@link PackedUnwind} at every instruction of
 * this function recovers the caller.
 *
 * @param twoSubs  emit the document's two {@code sub}s (4080, then the rest) for a local area above
 *                 4080 bytes, instead of the single allocation Windows' expansion assumes
 * @param predecX19Lr for CR=1, RegI=1: the document's single {@code stp x19,lr,[sp,#-savsz]!}
 *                 instead of Windows' {@code sub sp; stp x19,lr,[sp]}
 */
record CanonicalFrame(int regI, int regF, boolean h, int cr, int locsz, boolean twoSubs, boolean predecX19Lr) {

    static CanonicalFrame windows(int regI, int regF, boolean h, int cr, int locsz) {
        return new CanonicalFrame(regI, regF, h, cr, locsz, false, false);
    }

    int intsz() {
        return 8 * regI + (cr == 1 ? 8 : 0);
    }

    int fpsz() {
        return regF == 0 ? 0 : 8 * (regF + 1);
    }

    /** Home area inside the register save area only when some register is saved (Wine function_22/23). */
    int savsz() {
        int regs = intsz() + fpsz();
        return (regs + (regs > 0 && h ? 64 : 0) + 15) & ~15;
    }

    PackedUnwind packed(int functionLengthWords) {
        return new PackedUnwind(1, functionLengthWords, regF, regI, h, cr, (savsz() + locsz) / 16);
    }

    /** The whole function: prologue, a body that clobbers every saved register, epilogue, ret. */
    List<Consumer<FrameSim>> function() {
        List<Consumer<FrameSim>> f = new ArrayList<>(prologue());
        f.add(clobberSaved());
        f.add(clobber(0, 1));
        if (h && savsz() == 0) {
            f.addAll(homes(locsz - 64));
        }
        f.addAll(epilogue());
        f.add(ret());
        return f;
    }

    List<Consumer<FrameSim>> prologue() {
        int savsz = savsz();
        List<Consumer<FrameSim>> p = new ArrayList<>();
        if (cr == 2) {
            p.add(ret()); // pacibsp: no effect the simulation can see
        }
        boolean first = true;
        if (regI == 1 && cr == 1 && !predecX19Lr) {
            p.add(subSp(savsz));          // Wine function_19: sub sp,sp,#16
            p.add(stp(19, 30, 0));        //                   stp x19,x30,[sp]
            first = false;
        }
        for (int k = 0; k < regI / 2; k++) {
            p.add(first ? stpPre(19, 20, savsz) : stp(19 + 2 * k, 20 + 2 * k, 16 * k));
            first = false;
        }
        if (regI % 2 == 1 && !(regI == 1 && cr == 1 && !predecX19Lr)) {
            int r = 18 + regI;
            if (cr == 1) {
                p.add(first ? stpPre(r, 30, savsz) : stp(r, 30, 8 * (regI - 1))); // Wine function_11
            } else {
                p.add(first ? strPre(r, savsz) : str(r, 8 * (regI - 1)));         // Wine function_6/7
            }
            first = false;
        } else if (regI % 2 == 0 && cr == 1) {
            p.add(first ? strPre(30, savsz) : str(30, 8 * regI));                 // Wine function_1/10
            first = false;
        }
        int count = regF == 0 ? 0 : regF + 1;
        for (int j = 0; j < count / 2; j++) {
            p.add(first ? stpDPre(8, savsz) : stpD(8 + 2 * j, intsz() + 16 * j));  // Wine function_8
            first = false;
        }
        if (count % 2 == 1) {
            p.add(strD(8 + count - 1, intsz() + 16 * (count / 2)));               // Wine function_6
        }
        if (h && savsz > 0) {
            p.addAll(homes(intsz() + fpsz()));                                     // Wine function_9
        }
        if (locsz > 0) {
            if (cr >= 2) {
                if (locsz <= 512) {
                    p.add(stpPre(29, 30, locsz));                                  // Wine function_12
                } else {
                    p.addAll(allocations(locsz));                                  // Wine function_13
                    p.add(stp(29, 30, 0));
                }
                p.add(movFpSp());
            } else {
                p.addAll(allocations(locsz));
            }
        }
        return p;
    }

    List<Consumer<FrameSim>> epilogue() {
        int savsz = savsz();
        List<Consumer<FrameSim>> e = new ArrayList<>();
        if (locsz > 0) {
            if (cr >= 2) {
                if (locsz <= 512) {
                    e.add(ldpPost(29, 30, locsz));
                } else {
                    e.add(ldp(29, 30, 0));
                    e.addAll(deallocations(locsz));
                }
            } else {
                e.addAll(deallocations(locsz));
            }
        }
        int count = regF == 0 ? 0 : regF + 1;
        boolean fpFirst = intsz() == 0;
        if (count % 2 == 1) {
            e.add(ldrD(8 + count - 1, intsz() + 16 * (count / 2)));
        }
        for (int j = count / 2 - 1; j >= 0; j--) {
            e.add(j == 0 && fpFirst ? ldpDPost(8, savsz) : ldpD(8 + 2 * j, intsz() + 16 * j));
        }
        boolean pairedX19Lr = regI == 1 && cr == 1 && !predecX19Lr;
        if (pairedX19Lr) {
            e.add(ldp(19, 30, 0));
            e.add(addSp(savsz));
        } else if (regI % 2 == 1) {
            int r = 18 + regI;
            boolean last = regI == 1;
            if (cr == 1) {
                e.add(last ? ldpPost(r, 30, savsz) : ldp(r, 30, 8 * (regI - 1)));
            } else {
                e.add(last ? ldrPost(r, savsz) : ldr(r, 8 * (regI - 1)));
            }
        } else if (cr == 1) {
            e.add(regI == 0 ? ldrPost(30, savsz) : ldr(30, 8 * regI));
        }
        for (int k = regI / 2 - 1; k >= 0; k--) {
            e.add(k == 0 ? ldpPost(19, 20, savsz) : ldp(19 + 2 * k, 20 + 2 * k, 16 * k));
        }
        if (cr == 2) {
            e.add(ret()); // autibsp
        }
        return e;
    }

    private List<Consumer<FrameSim>> allocations(int n) {
        return twoSubs && n > 4080 ? List.of(subSp(4080), subSp(n - 4080)) : List.of(subSp(n));
    }

    private List<Consumer<FrameSim>> deallocations(int n) {
        return twoSubs && n > 4080 ? List.of(addSp(n - 4080), addSp(4080)) : List.of(addSp(n));
    }

    /** stp x0,x1 .. stp x6,x7 at [sp,#at] upwards (argument homing: no unwind effect). */
    private static List<Consumer<FrameSim>> homes(int at) {
        List<Consumer<FrameSim>> out = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            out.add(stp(2 * i, 2 * i + 1, at + 16 * i));
        }
        return out;
    }

    /** Writes exactly the registers this frame saves (an unsaved one could not be recovered by anyone). */
    private Consumer<FrameSim> clobberSaved() {
        return s -> {
            for (int i = 0; i < regI; i++) {
                s.x[19 + i] = 0xBAD0_0000_0000_0000L + i;
            }
            if (cr != 0 && !(cr >= 2 && locsz == 0)) {
                s.x[30] = 0xBAD0_0000_0000_0030L;
            }
            for (int i = 0; i < (regF == 0 ? 0 : regF + 1); i++) {
                s.lo[8 + i] = 0xBADD_0000_0000_0000L + i;
            }
        };
    }
}
