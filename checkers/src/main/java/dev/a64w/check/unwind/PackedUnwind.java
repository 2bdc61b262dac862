package dev.a64w.check.unwind;

import dev.a64w.check.unwind.UnwindOp.Reg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Packed unwind data: the second {@code .pdata} word when Flag is 1 or 2 ("ARM64 exception
 * handling", "Packed unwind data"; reference §5.1), and its expansion into the unwind codes Windows
 * itself derives from it. Windows does not interpret the packed fields directly: it expands them
 * into a full {@code .xdata} record (RtlpExpandCompactToFull) and runs the ordinary unwinder on that.
 * The expansion here follows Windows where it differs from Microsoft's text (each decision in
 * docs/unwind-windows.md, "Packed unwind data"):
 * <ul>
 *   <li>CR=1, RegI=1: {@code sub sp,sp,#savsz; stp x19,lr,[sp]}, two instructions;</li>
 *   <li>H=1 with saved registers: four {@code nop}s after the saves in the prologue, none in the
 *       epilogue; H=1 with RegI=RegF=0 and CR≠1: the home area belongs to the locals and the homing
 *       stores are body instructions (no {@code nop}s);</li>
 *   <li>the local area is one allocation, one instruction, whatever its size: no split at 4080
 *       (document) or 4088 (older Wine);</li>
 *   <li>CR=2/3 with no local area: no {x29,lr} save and no {@code mov x29,sp};</li>
 *   <li>Flag 2: no prologue instructions ({@code end_c} first), the canonical prologue as phantom
 *       codes, no epilogue.</li>
 * </ul>
 * RegI 11–15 and a frame smaller than the save area are rejected as malformed.
 */
public record PackedUnwind(int flag, int functionLengthWords, int regF, int regI, boolean h, int cr, int frameSizeUnits) {

    public static PackedUnwind decode(long word) {
        int flag = (int) (word & 3);
        if (flag != 1 && flag != 2) {
            throw new MalformedUnwindException("packed unwind word 0x" + Long.toHexString(word)
                    + ": Flag expected 1 or 2, actual " + flag);
        }
        return new PackedUnwind(flag, (int) ((word >> 2) & 0x7FF), (int) ((word >> 13) & 7), (int) ((word >> 16) & 0xF),
                ((word >> 20) & 1) != 0, (int) ((word >> 21) & 3), (int) ((word >> 23) & 0x1FF));
    }

    public long encode() {
        return flag | ((long) functionLengthWords << 2) | ((long) regF << 13) | ((long) regI << 16)
                | ((h ? 1L : 0L) << 20) | ((long) cr << 21) | ((long) frameSizeUnits << 23);
    }

    public long functionLengthBytes() {
        return 4L * functionLengthWords;
    }

    public long frameSize() {
        return 16L * frameSizeUnits;
    }

    /** #intsz: 8·RegI, plus 8 for lr when CR = 1. */
    public long intSize() {
        return 8L * regI + (cr == 1 ? 8 : 0);
    }

    /** #fpsz: 8·(RegF+1) when RegF > 0 (RegF = n saves d8..d(8+n)). */
    public long fpSize() {
        return regF == 0 ? 0 : 8L * (regF + 1);
    }

    /**
     * True when H=1 but no register is saved: Windows then keeps the home area in the locals and the
     * homing stores come after the prologue ("argument registers homed post-prolog" in dumpbin).
     */
    public boolean homedAfterPrologue() {
        return h && intSize() + fpSize() == 0;
    }

    /** #savsz as Windows computes it: #intsz + #fpsz, plus 64 for H only when some register is saved, rounded up to 16. */
    public long saveSize() {
        long regs = intSize() + fpSize();
        return (regs + (regs > 0 && h ? 64 : 0) + 15) & ~15L;
    }

    /** #locsz = frame size − #savsz. */
    public long localSize() {
        return frameSize() - saveSize();
    }

    /** The canonical prologue's ops in unwind order (the reverse of execution order), as Windows expands it. */
    public List<UnwindOp> prologue() {
        return expansion().prologue;
    }

    /** The canonical epilogue's ops in unwind order: the prologue without its {@code mov x29,sp} and homing {@code nop}s. */
    public List<UnwindOp> epilogue() {
        return expansion().epilogue;
    }

    /** The normalized meaning: Flag 1 has its single epilogue at the end; Flag 2 has no prologue instructions and no epilogue. */
    public UnwindMeaning meaning() {
        Expansion x = expansion();
        if (flag == 2) {
            return new UnwindMeaning(functionLengthBytes(), new Sequence(List.of(), true, x.prologue), List.of(), false);
        }
        Sequence epi = Sequence.of(x.epilogue);
        long start = functionLengthBytes() - 4L * (epi.instructionCount() + 1);
        if (start < 0) {
            throw new MalformedUnwindException(this + ": epilogue of " + (epi.instructionCount() + 1)
                    + " instructions does not fit the function length 0x" + Long.toHexString(functionLengthBytes()));
        }
        return new UnwindMeaning(functionLengthBytes(), Sequence.of(x.prologue),
                List.of(new UnwindMeaning.Epilog(start, epi)), false);
    }

    private record Expansion(List<UnwindOp> prologue, List<UnwindOp> epilogue) {
    }

    /** Builds the prologue in execution order, then reverses it (Windows' RtlpExpandCompactToFull order of steps). */
    private Expansion expansion() {
        if (regI > 10) {
            throw new MalformedUnwindException(this + ": RegI expected 0..10, actual " + regI);
        }
        long savsz = saveSize();
        long locsz = localSize();
        if (locsz < 0) {
            throw new MalformedUnwindException(this + ": frame size 0x" + Long.toHexString(frameSize())
                    + " expected at least the register save area 0x" + Long.toHexString(savsz));
        }
        List<UnwindOp> exec = new ArrayList<>();
        boolean[] predecrement = {false};
        long[] slot = {0};
        if (cr == 2) {
            exec.add(new UnwindOp.PacSignLr());
        }
        if (regI == 1 && cr == 1) {
            exec.add(new UnwindOp.Alloc(savsz));
            predecrement[0] = true;
        }
        for (int k = 0; k < regI / 2; k++) {
            exec.add(store(savsz, predecrement, slot, Reg.x(19 + 2 * k), Reg.x(20 + 2 * k)));
        }
        if (regI % 2 == 1) {
            Reg last = Reg.x(18 + regI);
            exec.add(cr == 1 ? store(savsz, predecrement, slot, last, Reg.x(30)) : store(savsz, predecrement, slot, last));
        } else if (cr == 1) {
            exec.add(store(savsz, predecrement, slot, Reg.x(30)));
        }
        if (regF > 0) {
            int count = regF + 1;
            for (int j = 0; j < count / 2; j++) {
                exec.add(store(savsz, predecrement, slot, Reg.d(8 + 2 * j), Reg.d(9 + 2 * j)));
            }
            if (count % 2 == 1) {
                exec.add(store(savsz, predecrement, slot, Reg.d(8 + count - 1)));
            }
        }
        int nops = h && predecrement[0] ? 4 : 0;
        for (int i = 0; i < nops; i++) {
            exec.add(new UnwindOp.Nop());
        }
        boolean fpSet = false;
        if (locsz > 0) {
            if (cr == 2 || cr == 3) {
                if (locsz <= 512) {
                    exec.add(save(locsz, true, Reg.x(29), Reg.x(30)));
                } else {
                    exec.add(new UnwindOp.Alloc(locsz));
                    exec.add(save(0, false, Reg.x(29), Reg.x(30)));
                }
                exec.add(new UnwindOp.SetFp(0));
                fpSet = true;
            } else {
                exec.add(new UnwindOp.Alloc(locsz));
            }
        }
        List<UnwindOp> epilogueExec = new ArrayList<>(exec);
        if (fpSet) {
            epilogueExec.remove(epilogueExec.size() - 1);
        }
        int nopsAt = epilogueExec.indexOf(new UnwindOp.Nop());
        for (int i = 0; i < nops; i++) {
            epilogueExec.remove(nopsAt);
        }
        Collections.reverse(exec);
        Collections.reverse(epilogueExec);
        return new Expansion(List.copyOf(exec), List.copyOf(epilogueExec));
    }

    /** The next save: the first one pre-decrements sp by #savsz, later ones store at the next free slot. */
    private static UnwindOp.Save store(long savsz, boolean[] predecrement, long[] slot, Reg... regs) {
        UnwindOp.Save s = predecrement[0] ? save(8 * slot[0], false, regs) : save(savsz, true, regs);
        predecrement[0] = true;
        slot[0] += regs.length;
        return s;
    }

    private static UnwindOp.Save save(long offset, boolean writeback, Reg... regs) {
        return new UnwindOp.Save(List.of(regs), offset, writeback);
    }
}
