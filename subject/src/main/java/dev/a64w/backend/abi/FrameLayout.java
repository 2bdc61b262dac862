package dev.a64w.backend.abi;

import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.a64.A64Imm;
import dev.a64w.backend.a64.A64Inst;
import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.Extend;
import dev.a64w.backend.a64.FReg;
import dev.a64w.backend.a64.FpInst.FpLdStIdx;
import dev.a64w.backend.a64.FpInst.FpLdStPair;
import dev.a64w.backend.a64.FpInst.FpLdStUImm;
import dev.a64w.backend.a64.FpInst.FpMemOp;
import dev.a64w.backend.a64.FpSize;
import dev.a64w.backend.a64.Gpr;
import dev.a64w.backend.a64.Imm12;
import dev.a64w.backend.a64.ImmLogic;
import dev.a64w.backend.a64.Reg;
import dev.a64w.backend.a64.Size;
import dev.a64w.backend.a64.Sp;
import dev.a64w.backend.a64.Sym;
import dev.a64w.ir.StackSlot;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The stack frame of one function (Windows ARM64, the shape LLVM uses): from the caller's SP down,
 * <pre>
 *   [callee-saved x19.., then d8.., at ascending addresses][x29, x30 frame record][pad to 16]   (csrArea)
 *   (a frame that saves d registers: [x19.., d8..][pad to 16][x29, x30], the canonical packed shape)
 *   [explicit stack slots][spill slots][outgoing stack arguments]                   (localSize)
 *   SP (16-aligned)
 * </pre>
 * x29 points at the saved x29/x30 pair. Saved registers are lists per class, each a contiguous run
 * (the allocator hands callee-saved registers out lowest first): x19..x28 and d8..d15 (the low 64
 * bits of v8..v15), saved with {@code stp/str d} ({@link #emitFregSaves}, {@link #emitFregRestores}). A leaf that needs no stack
 * and saves nothing has no frame at all. Allocations of 4096 bytes or more probe with
 * {@code __chkstk} (x15 = size/16). All offsets are from SP after the prologue.
 * <p>
 * A frame with a stack slot aligned above 16 (up to {@link #MAX_ALIGN}) is realigned dynamically,
 * as LLVM does on Windows ARM64: after the saves and x29 are set up, {@code sub x9, sp, #localSize}
 * and {@code and sp, x9, #-align} (both {@code nop} unwind codes; the unwinder recovers SP from x29
 * through the earlier {@code set_fp}/{@code add_fp}). Big frames probe localSize + align - 16 bytes
 * with {@code __chkstk} first. SP at entry is then unknown relative to SP: incoming stack arguments
 * are read relative to x29, and the epilogue restores SP from x29 ({@code mov sp, x29} /
 * {@code sub sp, x29, #fpOffset}) before popping the saved registers.
 *
 * @param hasFrame     whether a prologue exists
 * @param savedGprs    callee-saved general-purpose registers saved: x19.. (0..10 of them)
 * @param savedFregs   callee-saved fp registers saved: d8.. (0..8 of them)
 * @param csrArea      bytes of the register save area (including x29/x30), multiple of 16
 * @param localSize    bytes allocated below the save area, multiple of 16
 * @param outgoingSize bytes of the outgoing stack-argument area at SP
 * @param spillBase    offset of spill slot 0
 * @param spillCount   number of 8-byte spill slots
 * @param slotOffsets  offset of each explicit stack slot, by slot id
 * @param align        alignment of SP after the prologue: 16, or the largest slot alignment above it
 */
public record FrameLayout(boolean hasFrame, List<Gpr> savedGprs, List<FReg> savedFregs, int csrArea, int localSize, int outgoingSize,
                          int spillBase, int spillCount, Map<Integer, Integer> slotOffsets, int align) {
    /** Largest frame the unwind codes can describe (alloc_l: below 256 MiB). */
    public static final int MAX_LOCALS = (1 << 28) - 16;
    /** Frames whose allocation reaches this size call {@code __chkstk} first. */
    public static final int PROBE_SIZE = 4096;
    /** Largest stack slot alignment (the frame is realigned dynamically above 16). */
    public static final int MAX_ALIGN = 4096;

    public FrameLayout {
        savedGprs = List.copyOf(savedGprs);
        savedFregs = List.copyOf(savedFregs);
        slotOffsets = Map.copyOf(slotOffsets);
    }

    public static FrameLayout compute(boolean leaf, List<Gpr> savedGprs, List<FReg> savedFregs, int spillCount, List<StackSlot> slots,
            int outgoingBytes) {
        if (savedGprs.size() > 10) throw new IllegalArgumentException("saved registers " + savedGprs);
        for (int k = 0; k < savedGprs.size(); k++) {
            if (savedGprs.get(k).n() != 19 + k) throw new IllegalArgumentException("saved registers " + savedGprs + " are not a run from x19");
        }
        if (savedFregs.size() > 8) throw new IllegalArgumentException("saved fp registers " + savedFregs);
        for (int k = 0; k < savedFregs.size(); k++) {
            if (savedFregs.get(k).n() != 8 + k) throw new IllegalArgumentException("saved fp registers " + savedFregs + " are not a run from d8");
        }
        int savedRegs = savedGprs.size() + savedFregs.size();
        long off = round(outgoingBytes, 16);
        int outgoing = (int) off;
        int spillBase = (int) off;
        off += 8L * spillCount;
        if (off > 32760) throw new UnsupportedFeatureException("frame with spill slots beyond 32 KiB from SP (" + spillCount + " spills)", "");
        Map<Integer, Integer> offsets = new TreeMap<>();
        int frameAlign = 16;
        for (StackSlot s : slots) {
            if (s.align() > MAX_ALIGN) {
                throw new UnsupportedFeatureException("stack slot " + s + " with align 0x" + Integer.toHexString(s.align())
                        + " > 0x" + Integer.toHexString(MAX_ALIGN), "");
            }
            int align = Math.max(8, s.align() <= 0 ? 1 : Integer.highestOneBit(s.align() * 2 - 1));
            frameAlign = Math.max(frameAlign, align);
            off = round(off, align);
            offsets.put(s.id(), (int) off);
            off += Math.max(0, s.size());
            if (off > MAX_LOCALS) throw new UnsupportedFeatureException("stack frame larger than 0x" + Integer.toHexString(MAX_LOCALS) + " bytes", "");
        }
        int local = (int) round(off, 16);
        boolean hasFrame = !leaf || savedRegs > 0 || local > 0 || frameAlign > 16;
        int csr = !hasFrame ? 0 : savedFregs.isEmpty() ? (int) round(8L * savedRegs + 16, 16) : (int) round(8L * savedRegs, 16) + 16;
        return new FrameLayout(hasFrame, savedGprs, savedFregs, csr, local, outgoing, spillBase, spillCount, offsets, frameAlign);
    }

    private static long round(long v, int a) {
        return (v + a - 1) / a * a;
    }

    /** Bytes between SP after the prologue and the caller's SP. */
    public int total() {
        return hasFrame ? csrArea + localSize : 0;
    }

    public int spillOffset(int slot) {
        return spillBase + 8 * slot;
    }

    public int slotOffset(int slotId) {
        Integer o = slotOffsets.get(slotId);
        if (o == null) throw new IllegalArgumentException("no stack slot ss" + slotId);
        return o;
    }

    /** Whether the prologue realigns SP to {@link #align()} (a slot aligned above 16). */
    public boolean realigned() {
        return align > 16;
    }

    /** The base register of incoming stack arguments: SP, or x29 in a realigned frame. */
    public Reg incomingArgBase() {
        return realigned() ? Gpr.FP : Sp.SP;
    }

    /** Offset from {@link #incomingArgBase()} of incoming stack argument {@code k} (the (8+k)th integer argument). */
    public long incomingArgOffset(int k) {
        return (realigned() ? csrArea - fpOffset() : total()) + 8L * k;
    }

    /**
     * Offset of the saved x29/x30 pair from SP after the callee-saved stores (x29 = SP + this): 0
     * when the record sits below the saves ({@link #recordBelow}), else above them.
     */
    public int fpOffset() {
        return recordBelow() ? 0 : 8 * savedCount();
    }

    /**
     * Whether the x29/x30 record is pushed below the register saves ({@code stp x29, x30, [sp,
     * #-16]!; mov x29, sp}), the canonical shape of packed unwind data: frames that save d
     * registers. Integer-only frames keep the record above the saves ({@code stp x29, x30, [sp,
     * #8n]; add x29, sp, #8n}).
     */
    public boolean recordBelow() {
        return !savedFregs.isEmpty();
    }

    /** Bytes of the register saves the first store pre-decrements: csrArea, less the record's 16 when it is below. */
    private int saveBlock() {
        return recordBelow() ? csrArea - 16 : csrArea;
    }

    /** The number of callee-saved registers of both classes the frame saves. */
    public int savedCount() {
        return savedGprs.size() + savedFregs.size();
    }

    public void emitPrologue(MachineBuffer buf) {
        if (!hasFrame) return;
        int n = savedGprs.size();
        Sp sp = Sp.SP;
        if (savedCount() == 0) {
            buf.emitPrologue(new LdStPair(PairOp.STP, IndexMode.PRE, Size.X, Gpr.FP, Gpr.LR, sp, -csrArea), new UnwindOp.SaveFpLrPre(csrArea));
            buf.emitPrologue(new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.FP, sp, new Imm12(0, false)), new UnwindOp.SetFp());
        } else {
            int k = 0;
            if (n >= 2) {
                buf.emitPrologue(new LdStPair(PairOp.STP, IndexMode.PRE, Size.X, Gpr.x(19), Gpr.x(20), sp, -saveBlock()), new UnwindOp.SaveRegPairPre(19, saveBlock()));
                k = 2;
            } else if (n == 1) {
                buf.emitPrologue(new LdStIdx(LdStOp.STRX, IndexMode.PRE, Gpr.x(19), sp, -saveBlock()), new UnwindOp.SaveRegPre(19, saveBlock()));
                k = 1;
            }
            for (; k + 1 < n; k += 2) {
                buf.emitPrologue(new LdStPair(PairOp.STP, IndexMode.OFFSET, Size.X, Gpr.x(19 + k), Gpr.x(20 + k), sp, 8 * k), new UnwindOp.SaveRegPair(19 + k, 8 * k));
            }
            if (k < n) buf.emitPrologue(new LdStUImm(LdStOp.STRX, Gpr.x(19 + k), sp, 8 * k), new UnwindOp.SaveReg(19 + k, 8 * k));
            emitFregSaves(buf);
            if (recordBelow()) {
                buf.emitPrologue(new LdStPair(PairOp.STP, IndexMode.PRE, Size.X, Gpr.FP, Gpr.LR, sp, -16), new UnwindOp.SaveFpLrPre(16));
                buf.emitPrologue(new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.FP, sp, new Imm12(0, false)), new UnwindOp.SetFp());
            } else {
                buf.emitPrologue(new LdStPair(PairOp.STP, IndexMode.OFFSET, Size.X, Gpr.FP, Gpr.LR, sp, fpOffset()), new UnwindOp.SaveFpLr(fpOffset()));
                buf.emitPrologue(new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.FP, sp, new Imm12(fpOffset(), false)), new UnwindOp.AddFp(fpOffset()));
            }
        }
        if (realigned()) {
            emitRealign(buf);
            return;
        }
        if (localSize == 0) return;
        if (localSize < PROBE_SIZE) {
            buf.emitPrologue(new AluRRImm12(AddSubOp.SUB, Size.X, sp, sp, new Imm12(localSize, false)), new UnwindOp.AllocStack(localSize));
            return;
        }
        for (A64Inst mov : A64Imm.materialize(Gpr.X15, localSize / 16, Size.X)) buf.emitPrologue(mov, new UnwindOp.Nop());
        buf.emitPrologue(new B26(BranchOp.BL, Sym.of("__chkstk")), new UnwindOp.Nop());
        buf.emitPrologue(new AluRRExt(AddSubOp.SUB, Size.X, sp, sp, Gpr.X15, Extend.UXTX, 4), new UnwindOp.AllocStack(localSize));
    }

    /**
     * {@code sub x9, sp, #localSize; and sp, x9, #-align}, after probing localSize + align - 16
     * bytes (the most the two can move SP) with {@code __chkstk} when that reaches a page.
     */
    private void emitRealign(MachineBuffer buf) {
        Sp sp = Sp.SP;
        int probe = localSize + align - 16;
        if (probe < PROBE_SIZE) {
            buf.emitPrologue(new AluRRImm12(AddSubOp.SUB, Size.X, Gpr.x(9), sp, new Imm12(localSize, false)), new UnwindOp.Nop());
        } else {
            for (A64Inst mov : A64Imm.materialize(Gpr.X15, probe / 16, Size.X)) buf.emitPrologue(mov, new UnwindOp.Nop());
            buf.emitPrologue(new B26(BranchOp.BL, Sym.of("__chkstk")), new UnwindOp.Nop());
            buf.emitPrologue(new AluRRExt(AddSubOp.SUB, Size.X, Gpr.x(9), sp, Gpr.X15, Extend.UXTX, 4), new UnwindOp.Nop());
            buf.emitPrologue(new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.x(9), Gpr.x(9), new Imm12(align - 16, false)), new UnwindOp.Nop());
        }
        ImmLogic mask = ImmLogic.tryFrom(-(long) align, 64)
                .orElseThrow(() -> new IllegalStateException("no logical immediate for -0x" + Integer.toHexString(align)));
        buf.emitPrologue(new LogicRRImm(LogicOp.AND, Size.X, sp, Gpr.x(9), mask), new UnwindOp.Nop());
    }

    /**
     * Saves d8..d(7+m) just above the integer saves (d8 at SP + 8 * savedGprs().size()): pairs with
     * {@code stp d, d} ({@link UnwindOp#SaveFRegPair}), an odd last one with {@code str d}
     * ({@link UnwindOp#SaveFReg}); when no integer register is saved the first store pre-decrements
     * SP by csrArea ({@link UnwindOp#SaveFRegPairPre} / {@link UnwindOp#SaveFRegPre}).
     */
    private void emitFregSaves(MachineBuffer buf) {
        int m = savedFregs.size(), n = savedGprs.size();
        if (m == 0) return;
        Sp sp = Sp.SP;
        int k = 0;
        if (n == 0) {
            if (m >= 2) {
                buf.emitPrologue(new FpLdStPair(PairOp.STP, IndexMode.PRE, FpSize.D, FReg.v(8), FReg.v(9), sp, -saveBlock()), new UnwindOp.SaveFRegPairPre(8, saveBlock()));
                k = 2;
            } else {
                buf.emitPrologue(new FpLdStIdx(FpMemOp.STR, IndexMode.PRE, FpSize.D, FReg.v(8), sp, -saveBlock()), new UnwindOp.SaveFRegPre(8, saveBlock()));
                k = 1;
            }
        }
        for (; k + 1 < m; k += 2) {
            int off = 8 * (n + k);
            buf.emitPrologue(new FpLdStPair(PairOp.STP, IndexMode.OFFSET, FpSize.D, FReg.v(8 + k), FReg.v(9 + k), sp, off), new UnwindOp.SaveFRegPair(8 + k, off));
        }
        if (k < m) {
            int off = 8 * (n + k);
            buf.emitPrologue(new FpLdStUImm(FpMemOp.STR, FpSize.D, FReg.v(8 + k), sp, off), new UnwindOp.SaveFReg(8 + k, off));
        }
    }

    /**
     * Restores what {@link #emitFregSaves} saved, in reverse order (the first, pre-decrementing store
     * becomes a post-incrementing load when no integer register is saved).
     */
    private void emitFregRestores(MachineBuffer buf) {
        int m = savedFregs.size(), n = savedGprs.size();
        if (m == 0) return;
        Sp sp = Sp.SP;
        int first = n > 0 ? 0 : m >= 2 ? 2 : 1;
        int k = m - 1;
        if ((m - first) % 2 == 1) {
            int off = 8 * (n + k);
            buf.emitEpilogue(new FpLdStUImm(FpMemOp.LDR, FpSize.D, FReg.v(8 + k), sp, off), new UnwindOp.SaveFReg(8 + k, off));
            k--;
        }
        for (k = k - 1; k >= first; k -= 2) {
            int off = 8 * (n + k);
            buf.emitEpilogue(new FpLdStPair(PairOp.LDP, IndexMode.OFFSET, FpSize.D, FReg.v(8 + k), FReg.v(9 + k), sp, off), new UnwindOp.SaveFRegPair(8 + k, off));
        }
        if (n > 0) return;
        if (first == 2) {
            buf.emitEpilogue(new FpLdStPair(PairOp.LDP, IndexMode.POST, FpSize.D, FReg.v(8), FReg.v(9), sp, saveBlock()), new UnwindOp.SaveFRegPairPre(8, saveBlock()));
        } else {
            buf.emitEpilogue(new FpLdStIdx(FpMemOp.LDR, IndexMode.POST, FpSize.D, FReg.v(8), sp, saveBlock()), new UnwindOp.SaveFRegPre(8, saveBlock()));
        }
    }

    /** The epilogue (undoing the prologue) and the {@code ret}; just {@code ret} without a frame. */
    public void emitEpilogueRet(MachineBuffer buf) {
        emitEpilogue(buf, new BranchReg(BrOp.RET, Gpr.LR));
    }

    /**
     * The epilogue ending in {@code ret}, or in the branch of a tail call ({@code b sym} /
     * {@code br x17}: the unwind {@code end} code covers it as it covers {@code ret}). The epilogue
     * itself writes only SP, x29, x30, x19..x28 and (frames of 16 MiB or more) x16.
     */
    public void emitEpilogue(MachineBuffer buf, A64Inst ret) {
        if (!hasFrame) {
            buf.emit(ret);
            return;
        }
        Sp sp = Sp.SP;
        int l = localSize;
        if (realigned()) {
            boolean atRecord = savedCount() == 0 || recordBelow();
            UnwindOp op = atRecord ? new UnwindOp.SetFp() : new UnwindOp.AddFp(fpOffset());
            buf.emitEpilogue(new AluRRImm12(atRecord ? AddSubOp.ADD : AddSubOp.SUB, Size.X, sp, Gpr.FP, new Imm12(fpOffset(), false)), op);
        } else if (l > 0 && l < PROBE_SIZE) {
            buf.emitEpilogue(new AluRRImm12(AddSubOp.ADD, Size.X, sp, sp, new Imm12(l, false)), new UnwindOp.AllocStack(l));
        } else if (l > 0 && l < (1 << 24)) {
            buf.emitEpilogue(new AluRRImm12(AddSubOp.ADD, Size.X, sp, sp, new Imm12(l >>> 12, true)), new UnwindOp.AllocStack(l & ~0xfff));
            if ((l & 0xfff) != 0) {
                buf.emitEpilogue(new AluRRImm12(AddSubOp.ADD, Size.X, sp, sp, new Imm12(l & 0xfff, false)), new UnwindOp.AllocStack(l & 0xfff));
            }
        } else if (l > 0) {
            for (A64Inst mov : A64Imm.materialize(Gpr.X16, l, Size.X)) buf.emitEpilogue(mov, new UnwindOp.Nop());
            buf.emitEpilogue(new AluRRExt(AddSubOp.ADD, Size.X, sp, sp, Gpr.X16, Extend.UXTX, 0), new UnwindOp.AllocStack(l));
        }
        int n = savedGprs.size();
        if (savedCount() == 0) {
            buf.emitEpilogue(new LdStPair(PairOp.LDP, IndexMode.POST, Size.X, Gpr.FP, Gpr.LR, sp, csrArea), new UnwindOp.SaveFpLrPre(csrArea));
        } else {
            if (recordBelow()) {
                buf.emitEpilogue(new LdStPair(PairOp.LDP, IndexMode.POST, Size.X, Gpr.FP, Gpr.LR, sp, 16), new UnwindOp.SaveFpLrPre(16));
            } else {
                buf.emitEpilogue(new LdStPair(PairOp.LDP, IndexMode.OFFSET, Size.X, Gpr.FP, Gpr.LR, sp, fpOffset()), new UnwindOp.SaveFpLr(fpOffset()));
            }
            emitFregRestores(buf);
            if (n == 0) {
                buf.emitEpilogueRet(ret);
                return;
            }
            int first = n >= 2 ? 2 : 1;
            int k = n - 1;
            if ((n - first) % 2 == 1) {
                buf.emitEpilogue(new LdStUImm(LdStOp.LDRX, Gpr.x(19 + k), sp, 8 * k), new UnwindOp.SaveReg(19 + k, 8 * k));
                k--;
            }
            for (k = k - 1; k >= first; k -= 2) {
                buf.emitEpilogue(new LdStPair(PairOp.LDP, IndexMode.OFFSET, Size.X, Gpr.x(19 + k), Gpr.x(20 + k), sp, 8 * k), new UnwindOp.SaveRegPair(19 + k, 8 * k));
            }
            if (n >= 2) {
                buf.emitEpilogue(new LdStPair(PairOp.LDP, IndexMode.POST, Size.X, Gpr.x(19), Gpr.x(20), sp, saveBlock()), new UnwindOp.SaveRegPairPre(19, saveBlock()));
            } else {
                buf.emitEpilogue(new LdStIdx(LdStOp.LDRX, IndexMode.POST, Gpr.x(19), sp, saveBlock()), new UnwindOp.SaveRegPre(19, saveBlock()));
            }
        }
        buf.emitEpilogueRet(ret);
    }
}
