package dev.a64w.backend.a64;

/**
 * One AArch64 (ARMv8.0) instruction: one record per encoding format (Arm ARM C4), the operation as
 * an enum inside. Constructors check operand classes and ranges, so every instance encodes; the
 * encoder never re-checks. Register fields take {@link Gpr} plus, where the encoding reads field 31
 * that way, {@link Sp} or {@link Zr}. The scalar floating-point forms are the sub-family {@link
 * FpInst} and the atomics' exclusive/acquire/release forms {@link AtomicInst} (own files, hence the
 * permits list).
 */
public sealed interface A64Inst permits
        A64Inst.AluRRR, A64Inst.AluRRShift, A64Inst.AddCarry, A64Inst.AluRRExt, A64Inst.AluRRImm12, A64Inst.AddLo12,
        A64Inst.LogicRRImm, A64Inst.MovWide, A64Inst.BitfieldMove, A64Inst.Extr, A64Inst.DataProc1, A64Inst.DataProc2,
        A64Inst.MulAdd, A64Inst.CondSelect, A64Inst.CondCompareImm, A64Inst.CondCompareReg, A64Inst.LdStUImm,
        A64Inst.LdStUnscaled, A64Inst.LdStIdx, A64Inst.LdStRegOffset, A64Inst.LdStLo12, A64Inst.LdStPair, A64Inst.Adr,
        A64Inst.Adrp, A64Inst.B26, A64Inst.CondBr, A64Inst.CompareBranch, A64Inst.TestBranch, A64Inst.BranchReg,
        A64Inst.Brk, A64Inst.Nop, FpInst, AtomicInst {

    // ---- data processing, register ----

    /** ADD/SUB/logical (shifted register) with no shift: {@code add x0, x1, x2}. */
    record AluRRR(AluOp op, Size size, Reg rd, Reg rn, Reg rm) implements A64Inst {
        public AluRRR {
            Check.gz(rd, rn, rm);
        }
    }

    /** ADD/SUB/logical (shifted register): {@code add x0, x1, x2, lsl #3}. ROR is for logical ops only. */
    record AluRRShift(AluOp op, Size size, Reg rd, Reg rn, Reg rm, Shift shift, int amount) implements A64Inst {
        public AluRRShift {
            Check.gz(rd, rn, rm);
            Check.range("shift amount", amount, 0, size.bits() - 1);
            if (shift == Shift.ROR && op.isArith()) throw new IllegalArgumentException("ror shift on " + op);
        }
    }

    /** Add/subtract with carry: {@code adcs x0, x1, x2} (SBC subtracts NOT(C) as well). */
    record AddCarry(CarryOp op, Size size, Reg rd, Reg rn, Reg rm) implements A64Inst {
        public AddCarry {
            Check.g(rd, rn, rm);
        }
    }

    /** Add/subtract-with-carry operations, in encoding order (op:S). */
    enum CarryOp { ADC, ADCS, SBC, SBCS }

    /** Shifted-register ALU operations. */
    enum AluOp {
        ADD, ADDS, SUB, SUBS, AND, ANDS, ORR, ORN, EOR, EON, BIC, BICS;

        public boolean isArith() {
            return this == ADD || this == ADDS || this == SUB || this == SUBS;
        }
    }

    /** Add/sub operations of the immediate and extended-register forms. */
    enum AddSubOp {
        ADD, ADDS, SUB, SUBS;

        public boolean setsFlags() {
            return this == ADDS || this == SUBS;
        }

        public boolean isSub() {
            return this == SUB || this == SUBS;
        }
    }

    /**
     * ADD/SUB (extended register): {@code sub sp, sp, x15, uxtx #4}. rd is Gpr|Sp (ADD/SUB) or
     * Gpr|Zr (ADDS/SUBS); rn Gpr|Sp; rm Gpr|Zr; amount 0..4.
     */
    record AluRRExt(AddSubOp op, Size size, Reg rd, Reg rn, Reg rm, Extend ext, int amount) implements A64Inst {
        public AluRRExt {
            if (op.setsFlags()) Check.gz(rd); else Check.gs(rd);
            Check.gs(rn);
            Check.gz(rm);
            Check.range("extend amount", amount, 0, 4);
            if (size == Size.W && ext.xSource()) throw new IllegalArgumentException(ext + " on a 32-bit add/sub");
        }
    }

    /** ADD/SUB (immediate): rd Gpr|Sp (ADD/SUB) or Gpr|Zr (ADDS/SUBS); rn Gpr|Sp. */
    record AluRRImm12(AddSubOp op, Size size, Reg rd, Reg rn, Imm12 imm) implements A64Inst {
        public AluRRImm12 {
            if (op.setsFlags()) Check.gz(rd); else Check.gs(rd);
            Check.gs(rn);
        }
    }

    /** {@code add xd, xn, :lo12:sym} — ADD (immediate, 64-bit) whose imm12 is a PAGEOFFSET_12A relocation. */
    record AddLo12(Reg rd, Reg rn, Sym sym) implements A64Inst {
        public AddLo12 {
            Check.g(rd);
            Check.gs(rn);
        }
    }

    /** Logical (immediate): AND/ORR/EOR rd Gpr|Sp, ANDS rd Gpr|Zr; rn Gpr|Zr. */
    record LogicRRImm(LogicOp op, Size size, Reg rd, Reg rn, ImmLogic imm) implements A64Inst {
        public LogicRRImm {
            if (op == LogicOp.ANDS) Check.gz(rd); else Check.gs(rd);
            Check.gz(rn);
            if (imm.width() != size.bits()) throw new IllegalArgumentException("logical immediate of width " + imm.width() + " on " + size);
        }
    }

    enum LogicOp { AND, ORR, EOR, ANDS }

    /** Move wide (immediate): MOVN/MOVZ/MOVK, shift 0/16 (W) or 0/16/32/48 (X). */
    record MovWide(MovOp op, Size size, Reg rd, int imm16, int shift) implements A64Inst {
        public MovWide {
            Check.g(rd);
            Check.range("imm16", imm16, 0, 0xffff);
            if (shift % 16 != 0 || shift < 0 || shift >= size.bits()) throw new IllegalArgumentException("movewide shift " + shift + " on " + size);
        }
    }

    enum MovOp { MOVN, MOVZ, MOVK }

    /** Bitfield move SBFM/BFM/UBFM (aliases lsl/lsr/asr/sxtb/uxtb/ubfx/sbfiz/bfi/...). rn Gpr|Zr. */
    record BitfieldMove(BfOp op, Size size, Reg rd, Reg rn, int immr, int imms) implements A64Inst {
        public BitfieldMove {
            Check.g(rd);
            Check.gz(rn);
            Check.range("immr", immr, 0, size.bits() - 1);
            Check.range("imms", imms, 0, size.bits() - 1);
        }
    }

    enum BfOp { SBFM, BFM, UBFM }

    /** EXTR (alias ror when rn == rm). */
    record Extr(Size size, Reg rd, Reg rn, Reg rm, int lsb) implements A64Inst {
        public Extr {
            Check.g(rd);
            Check.gz(rn, rm);
            Check.range("lsb", lsb, 0, size.bits() - 1);
        }
    }

    /** Data-processing (1 source). REV32 is X only. */
    record DataProc1(Dp1Op op, Size size, Reg rd, Reg rn) implements A64Inst {
        public DataProc1 {
            Check.g(rd);
            Check.gz(rn);
            if (op == Dp1Op.REV32 && size == Size.W) throw new IllegalArgumentException("rev32 needs X registers");
        }
    }

    /** RBIT, REV16, REV (32-bit REV / 64-bit REV64 by size), REV32, CLZ, CLS. */
    enum Dp1Op { RBIT, REV16, REV, REV32, CLZ, CLS }

    /** Data-processing (2 source): UDIV/SDIV/LSLV/LSRV/ASRV/RORV. */
    record DataProc2(Dp2Op op, Size size, Reg rd, Reg rn, Reg rm) implements A64Inst {
        public DataProc2 {
            Check.g(rd);
            Check.gz(rn, rm);
        }
    }

    enum Dp2Op { UDIV, SDIV, LSLV, LSRV, ASRV, RORV }

    /**
     * Data-processing (3 source). MADD/MSUB at either size; SMADDL/UMADDL (X rd and ra, W rn/rm) and
     * SMULH/UMULH (X, ra must be Zr) have size X.
     */
    record MulAdd(MulOp op, Size size, Reg rd, Reg rn, Reg rm, Reg ra) implements A64Inst {
        public MulAdd {
            Check.g(rd);
            Check.gz(rn, rm, ra);
            if (op != MulOp.MADD && op != MulOp.MSUB && size != Size.X) throw new IllegalArgumentException(op + " is a 64-bit operation");
            if ((op == MulOp.SMULH || op == MulOp.UMULH) && !(ra instanceof Zr)) throw new IllegalArgumentException(op + " has no addend");
        }
    }

    enum MulOp { MADD, MSUB, SMADDL, UMADDL, SMULH, UMULH }

    /** Conditional select CSEL/CSINC/CSINV/CSNEG (aliases cset/csetm/cinc/cinv/cneg). */
    record CondSelect(CselOp op, Size size, Reg rd, Reg rn, Reg rm, Cond cond) implements A64Inst {
        public CondSelect {
            Check.g(rd);
            Check.gz(rn, rm);
        }
    }

    enum CselOp { CSEL, CSINC, CSINV, CSNEG }

    /** Conditional compare (immediate): {@code ccmp w0, #1, #0, eq}; imm5 0..31, nzcv 0..15. */
    record CondCompareImm(CcmpOp op, Size size, Reg rn, int imm5, int nzcv, Cond cond) implements A64Inst {
        public CondCompareImm {
            Check.gz(rn);
            Check.range("imm5", imm5, 0, 31);
            Check.range("nzcv", nzcv, 0, 15);
        }
    }

    /** Conditional compare (register): {@code ccmp w0, w1, #0, eq}. */
    record CondCompareReg(CcmpOp op, Size size, Reg rn, Reg rm, int nzcv, Cond cond) implements A64Inst {
        public CondCompareReg {
            Check.gz(rn, rm);
            Check.range("nzcv", nzcv, 0, 15);
        }
    }

    enum CcmpOp { CCMN, CCMP }

    // ---- loads and stores ----

    /** LDR/STR (unsigned offset): byte offset a multiple of the access size, 0..4095*size. rt Gpr|Zr, rn Gpr|Sp. */
    record LdStUImm(LdStOp op, Reg rt, Reg rn, int offset) implements A64Inst {
        public LdStUImm {
            Check.gz(rt);
            Check.gs(rn);
            if (offset < 0 || offset % op.bytes() != 0 || offset / op.bytes() > 0xfff) {
                throw new IllegalArgumentException(op + " offset 0x" + Integer.toHexString(offset) + " is not a multiple of " + op.bytes() + " in 0..0x" + Integer.toHexString(0xfff * op.bytes()));
            }
        }
    }

    /** LDUR/STUR (unscaled): offset -256..255. */
    record LdStUnscaled(LdStOp op, Reg rt, Reg rn, int offset) implements A64Inst {
        public LdStUnscaled {
            Check.gz(rt);
            Check.gs(rn);
            Check.range("unscaled offset", offset, -256, 255);
        }
    }

    /**
     * LDR/STR pre- or post-indexed (immediate): offset -256..255, writes back rn. rt == rn (both the
     * same numbered register) is CONSTRAINED UNPREDICTABLE (Arm ARM C6.2, "if wback && n == t &&
     * n != 31") and rejected; LLVM MC rejects it too.
     */
    record LdStIdx(LdStOp op, IndexMode mode, Reg rt, Reg rn, int offset) implements A64Inst {
        public LdStIdx {
            Check.gz(rt);
            Check.gs(rn);
            Check.range("index offset", offset, -256, 255);
            if (mode == IndexMode.OFFSET) throw new IllegalArgumentException("LdStIdx needs PRE or POST");
            if (rt.equals(rn)) throw new IllegalArgumentException(op + " " + mode + ": writeback base " + rn + " is also the transfer register (unpredictable)");
        }
    }

    /** LDR/STR (register offset) {@code [xn, xm]} (LSL #0). */
    record LdStRegOffset(LdStOp op, Reg rt, Reg rn, Reg rm) implements A64Inst {
        public LdStRegOffset {
            Check.g(rm);
            Check.gz(rt);
            Check.gs(rn);
        }
    }

    /** LDR/STR (unsigned offset) whose imm12 is a PAGEOFFSET_12L relocation: {@code ldr x16, [x16, :lo12:__imp_f]}. */
    record LdStLo12(LdStOp op, Reg rt, Reg rn, Sym sym) implements A64Inst {
        public LdStLo12 {
            Check.gz(rt);
            Check.gs(rn);
        }
    }

    /** Single-register load/store operations: access size, sign extension and target width. */
    enum LdStOp {
        STRB(0, 0, Size.W), STRH(1, 0, Size.W), STRW(2, 0, Size.W), STRX(3, 0, Size.X),
        LDRB(0, 1, Size.W), LDRH(1, 1, Size.W), LDRW(2, 1, Size.W), LDRX(3, 1, Size.X),
        LDRSBX(0, 2, Size.X), LDRSHX(1, 2, Size.X), LDRSW(2, 2, Size.X),
        LDRSBW(0, 3, Size.W), LDRSHW(1, 3, Size.W);

        /** log2 of the access size (the size field). */
        public final int scale;
        /** The opc field. */
        public final int opc;
        /** Width of the register rt. */
        public final Size rtSize;

        LdStOp(int scale, int opc, Size rtSize) {
            this.scale = scale;
            this.opc = opc;
            this.rtSize = rtSize;
        }

        public int bytes() {
            return 1 << scale;
        }

        public boolean isLoad() {
            return opc != 0;
        }
    }

    enum IndexMode { OFFSET, PRE, POST }

    /**
     * LDP/STP (64-bit or 32-bit registers): offset a multiple of the register size, imm7 signed.
     * Rejected as CONSTRAINED UNPREDICTABLE (Arm ARM C6.2 LDP/STP): a writeback base equal to rt1
     * or rt2, and LDP with rt1 == rt2 (in every mode; LLVM MC 20 misses the writeback LDP case).
     */
    record LdStPair(PairOp op, IndexMode mode, Size size, Reg rt1, Reg rt2, Reg rn, int offset) implements A64Inst {
        public LdStPair {
            Check.gz(rt1, rt2);
            Check.gs(rn);
            if (mode != IndexMode.OFFSET && (rn.equals(rt1) || rn.equals(rt2))) {
                throw new IllegalArgumentException(op + " " + mode + ": writeback base " + rn + " is also a transfer register (unpredictable)");
            }
            if (op == PairOp.LDP && rt1.equals(rt2)) throw new IllegalArgumentException("ldp: both destinations are " + rt1 + " (unpredictable)");
            int unit = size == Size.X ? 8 : 4;
            if (offset % unit != 0 || offset / unit < -64 || offset / unit > 63) {
                throw new IllegalArgumentException("pair offset " + offset + " is not a multiple of " + unit + " in imm7 range");
            }
        }
    }

    enum PairOp { STP, LDP }

    // ---- PC-relative ----

    /** ADR: target a Label (fixup ADR21) or Rel (±1 MiB). */
    record Adr(Reg rd, Target target) implements A64Inst {
        public Adr {
            Check.g(rd);
            if (target instanceof Sym) throw new IllegalArgumentException("adr to a symbol");
            if (target instanceof Rel r) Check.range("adr displacement", r.bytes(), -(1L << 20), (1L << 20) - 1);
        }
    }

    /** ADRP: target a Sym (PAGEBASE_REL21, addend within ±1 MiB) or Rel (a multiple of 4096, ±4 GiB). */
    record Adrp(Reg rd, Target target) implements A64Inst {
        public Adrp {
            Check.g(rd);
            switch (target) {
                case Label l -> throw new IllegalArgumentException("adrp to a local label");
                case LocalLabel l -> throw new IllegalArgumentException("adrp to a local label");
                case Sym s -> Check.range("adrp addend", s.addend(), -(1L << 20), (1L << 20) - 1);
                case Rel r -> {
                    if ((r.bytes() & 0xfff) != 0) throw new IllegalArgumentException("adrp displacement 0x" + Long.toHexString(r.bytes()) + " is not page aligned");
                    Check.range("adrp pages", r.bytes() >> 12, -(1L << 20), (1L << 20) - 1);
                }
            }
        }
    }

    // ---- branches ----

    /** B/BL imm26: Label (fixup BRANCH26), Sym (relocation, addend 0) or Rel. */
    record B26(BranchOp op, Target target) implements A64Inst {
        public B26 {
            Check.branch(target, 26);
        }
    }

    enum BranchOp { B, BL }

    /** B.cond imm19 to a Label or Rel. */
    record CondBr(Cond cond, Target target) implements A64Inst {
        public CondBr {
            Check.local(target, 19);
        }
    }

    /** CBZ/CBNZ imm19. rt Gpr|Zr. */
    record CompareBranch(CbOp op, Size size, Reg rt, Target target) implements A64Inst {
        public CompareBranch {
            Check.gz(rt);
            Check.local(target, 19);
        }
    }

    enum CbOp { CBZ, CBNZ }

    /** TBZ/TBNZ imm14: bit 0..63 (bits 0..31 print the W register). */
    record TestBranch(TbOp op, Reg rt, int bit, Target target) implements A64Inst {
        public TestBranch {
            Check.gz(rt);
            Check.range("test bit", bit, 0, 63);
            Check.local(target, 14);
        }
    }

    enum TbOp { TBZ, TBNZ }

    /** BR/BLR/RET to a register. */
    record BranchReg(BrOp op, Reg rn) implements A64Inst {
        public BranchReg {
            Check.g(rn);
        }
    }

    enum BrOp { BR, BLR, RET }

    /** BRK #imm16. */
    record Brk(int imm16) implements A64Inst {
        public Brk {
            Check.range("brk immediate", imm16, 0, 0xffff);
        }
    }

    /** NOP. */
    record Nop() implements A64Inst {}
}
