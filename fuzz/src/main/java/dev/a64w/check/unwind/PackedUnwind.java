package dev.a64w.check.unwind;

import dev.a64w.check.unwind.UnwindOp.Reg;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Packed unwind data: the second {@code .pdata} word when Flag is 1 or 2 ("ARM64 exception
 * handling", "Packed unwind data"; reference §5.1), and its expansion into the canonical prologue
 * and epilogue the Microsoft algorithm implies.
 *
 * <p>Decisions where sources differ (documented, deliberate): the locsz split point between one and
 * two {@code sub} instructions is 4080 (Microsoft doc; Wine uses 4088); with H=1 the epilogue keeps
 * the four {@code nop}s of the homing stores, as the real unwinder behaves (LLVM issue 54879), the
 * document notwithstanding. H=1 with no saved register is rejected as not describable.
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

    /** #fpsz: 8·(RegF+1) when RegF > 0. */
    public long fpSize() {
        return regF == 0 ? 0 : 8L * (regF + 1);
    }

    /** #savsz, rounded up to 16. */
    public long saveSize() {
        return (intSize() + fpSize() + 64L * (h ? 1 : 0) + 15) & ~15L;
    }

    /** #locsz = frame size − #savsz. */
    public long localSize() {
        return frameSize() - saveSize();
    }

    /** The canonical prologue's ops in unwind order (the reverse of execution order). */
    public List<UnwindOp> prologue() {
        if (regI > 10) {
            throw new MalformedUnwindException(this + ": RegI expected 0..10, actual " + regI);
        }
        if (localSize() < 0) {
            throw new MalformedUnwindException(this + ": frame size 0x" + Long.toHexString(frameSize())
                    + " smaller than the register save area 0x" + Long.toHexString(saveSize()));
        }
        if (h && intSize() == 0 && fpSize() == 0) {
            throw new MalformedUnwindException(this + ": H=1 with no saved registers has no pre-decrementing store");
        }
        long savsz = saveSize();
        long intsz = intSize();
        long locsz = localSize();
        List<UnwindOp> exec = new ArrayList<>();
        if (cr == 2) {
            exec.add(new UnwindOp.PacSignLr());
        }
        for (int k = 0; k < regI / 2; k++) {
            exec.add(k == 0 ? save(savsz, true, Reg.x(19), Reg.x(20))
                    : save(16L * k, false, Reg.x(19 + 2 * k), Reg.x(20 + 2 * k)));
        }
        if (regI % 2 == 1) {
            Reg last = Reg.x(18 + regI);
            boolean first = regI == 1;
            if (cr == 1) {
                exec.add(first ? save(savsz, true, last, Reg.x(30)) : save(8L * (regI - 1), false, last, Reg.x(30)));
            } else {
                exec.add(first ? save(savsz, true, last) : save(8L * (regI - 1), false, last));
            }
        } else if (cr == 1) {
            exec.add(regI == 0 ? save(savsz, true, Reg.x(30)) : save(intsz - 8, false, Reg.x(30)));
        }
        if (regF > 0) {
            int count = regF + 1;
            for (int j = 0; j < count / 2; j++) {
                exec.add(j == 0 && intsz == 0 ? save(savsz, true, Reg.d(8), Reg.d(9))
                        : save(intsz + 16L * j, false, Reg.d(8 + 2 * j), Reg.d(9 + 2 * j)));
            }
            if (count % 2 == 1) {
                exec.add(save(intsz + fpSize() - 8, false, Reg.d(8 + regF)));
            }
        }
        if (h) {
            for (int i = 0; i < 4; i++) {
                exec.add(new UnwindOp.Nop());
            }
        }
        if (cr == 2 || cr == 3) {
            if (locsz <= 512) {
                exec.add(save(locsz, true, Reg.x(29), Reg.x(30)));
            } else {
                if (locsz > 4080) {
                    exec.add(new UnwindOp.Alloc(4080));
                    exec.add(new UnwindOp.Alloc(locsz - 4080));
                } else {
                    exec.add(new UnwindOp.Alloc(locsz));
                }
                exec.add(save(0, false, Reg.x(29), Reg.x(30)));
            }
            exec.add(new UnwindOp.SetFp(0));
        } else if (locsz > 0) {
            if (locsz > 4080) {
                exec.add(new UnwindOp.Alloc(4080));
                exec.add(new UnwindOp.Alloc(locsz - 4080));
            } else {
                exec.add(new UnwindOp.Alloc(locsz));
            }
        }
        Collections.reverse(exec);
        return List.copyOf(exec);
    }

    /** The canonical epilogue's ops in unwind order: the prologue without its {@code mov x29,sp}. */
    public List<UnwindOp> epilogue() {
        List<UnwindOp> p = prologue();
        if ((cr == 2 || cr == 3) && !p.isEmpty() && p.get(0) instanceof UnwindOp.SetFp) {
            return p.subList(1, p.size());
        }
        return p;
    }

    /** The normalized meaning: Flag 1 has its single epilogue at the end; Flag 2 has none. */
    public UnwindMeaning meaning() {
        Sequence pro = Sequence.of(prologue());
        if (flag == 2) {
            return new UnwindMeaning(functionLengthBytes(), new Sequence(List.of(), false, prologue()), List.of(), false);
        }
        List<UnwindOp> epi = epilogue();
        long start = functionLengthBytes() - 4L * (epi.size() + 1);
        if (start < 0) {
            throw new MalformedUnwindException(this + ": epilogue of " + (epi.size() + 1)
                    + " instructions does not fit the function length 0x" + Long.toHexString(functionLengthBytes()));
        }
        return new UnwindMeaning(functionLengthBytes(), pro, List.of(new UnwindMeaning.Epilog(start, Sequence.of(epi))),
                false);
    }

    private static UnwindOp.Save save(long offset, boolean writeback, Reg... regs) {
        return new UnwindOp.Save(List.of(regs), offset, writeback);
    }
}
