package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.*;

/**
 * A64Inst to its 32-bit instruction word (Arm ARM DDI 0487, section C4 encoding index). Pure: no
 * state. Label targets encode a zero displacement (the machine buffer patches them); symbol targets
 * encode the COFF addend the way the linker reads it back: ADRP the signed byte addend in
 * immhi:immlo, ADD {@code A & 0xfff}, LDR/STR {@code (A & 0xfff) >> scale}, branches 0.
 */
public final class A64Encoder {
    private A64Encoder() {}

    public static int encode(A64Inst inst) {
        return switch (inst) {
            case AluRRR i -> aluShift(i.op(), i.size(), i.rd(), i.rn(), i.rm(), Shift.LSL, 0);
            case AluRRShift i -> aluShift(i.op(), i.size(), i.rd(), i.rn(), i.rm(), i.shift(), i.amount());
            case AddCarry i -> sf(i.size()) | i.op().ordinal() << 29 | 0x1A00_0000 | r(i.rm()) << 16 | r(i.rn()) << 5 | r(i.rd());
            case AluRRExt i -> sf(i.size()) | addSubBits(i.op()) | 0x0B20_0000 | r(i.rm()) << 16
                    | i.ext().option() << 13 | i.amount() << 10 | r(i.rn()) << 5 | r(i.rd());
            case AluRRImm12 i -> sf(i.size()) | addSubBits(i.op()) | 0x1100_0000 | (i.imm().lsl12() ? 1 << 22 : 0)
                    | i.imm().bits() << 10 | r(i.rn()) << 5 | r(i.rd());
            case AddLo12 i -> 0x9100_0000 | (int) (i.sym().addend() & 0xfff) << 10 | r(i.rn()) << 5 | r(i.rd());
            case LogicRRImm i -> sf(i.size()) | logicOpc(i.op()) << 29 | 0x1200_0000 | i.imm().n() << 22
                    | i.imm().immr() << 16 | i.imm().imms() << 10 | r(i.rn()) << 5 | r(i.rd());
            case MovWide i -> sf(i.size()) | movOpc(i.op()) << 29 | 0x1280_0000 | (i.shift() / 16) << 21
                    | i.imm16() << 5 | r(i.rd());
            case BitfieldMove i -> sf(i.size()) | i.op().ordinal() << 29 | 0x1300_0000 | i.size().sf() << 22
                    | i.immr() << 16 | i.imms() << 10 | r(i.rn()) << 5 | r(i.rd());
            case Extr i -> sf(i.size()) | 0x1380_0000 | i.size().sf() << 22 | r(i.rm()) << 16 | i.lsb() << 10
                    | r(i.rn()) << 5 | r(i.rd());
            case DataProc1 i -> sf(i.size()) | 0x5AC0_0000 | dp1Opcode(i.op(), i.size()) << 10 | r(i.rn()) << 5 | r(i.rd());
            case DataProc2 i -> sf(i.size()) | 0x1AC0_0000 | r(i.rm()) << 16 | dp2Opcode(i.op()) << 10
                    | r(i.rn()) << 5 | r(i.rd());
            case MulAdd i -> sf(i.size()) | 0x1B00_0000 | mulOp31(i.op()) << 21 | r(i.rm()) << 16
                    | (i.op() == MulOp.MSUB ? 1 << 15 : 0) | r(i.ra()) << 10 | r(i.rn()) << 5 | r(i.rd());
            case CondSelect i -> sf(i.size()) | cselOp(i.op()) << 30 | 0x1A80_0000 | r(i.rm()) << 16
                    | i.cond().bits() << 12 | cselOp2(i.op()) << 10 | r(i.rn()) << 5 | r(i.rd());
            case CondCompareImm i -> sf(i.size()) | i.op().ordinal() << 30 | 0x3A40_0800 | i.imm5() << 16
                    | i.cond().bits() << 12 | r(i.rn()) << 5 | i.nzcv();
            case CondCompareReg i -> sf(i.size()) | i.op().ordinal() << 30 | 0x3A40_0000 | r(i.rm()) << 16
                    | i.cond().bits() << 12 | r(i.rn()) << 5 | i.nzcv();
            case LdStUImm i -> ldst(i.op()) | 0x0100_0000 | (i.offset() >> i.op().scale) << 10 | r(i.rn()) << 5 | r(i.rt());
            case LdStUnscaled i -> ldst(i.op()) | (i.offset() & 0x1ff) << 12 | r(i.rn()) << 5 | r(i.rt());
            case LdStIdx i -> ldst(i.op()) | (i.offset() & 0x1ff) << 12 | (i.mode() == IndexMode.PRE ? 3 : 1) << 10
                    | r(i.rn()) << 5 | r(i.rt());
            case LdStRegOffset i -> ldst(i.op()) | 0x0020_0800 | r(i.rm()) << 16 | 3 << 13 | r(i.rn()) << 5 | r(i.rt());
            case LdStLo12 i -> ldst(i.op()) | 0x0100_0000 | (int) ((i.sym().addend() & 0xfff) >> i.op().scale) << 10
                    | r(i.rn()) << 5 | r(i.rt());
            case LdStPair i -> (i.size() == Size.X ? 2 : 0) << 30 | 0x2800_0000 | pairMode(i.mode()) << 23
                    | (i.op() == PairOp.LDP ? 1 << 22 : 0) | ((i.offset() / (i.size() == Size.X ? 8 : 4)) & 0x7f) << 15
                    | r(i.rt2()) << 10 | r(i.rn()) << 5 | r(i.rt1());
            case Adr i -> adr(0, displacement(i.target()), i.rd());
            case Adrp i -> adr(1, switch (i.target()) {
                case Sym s -> s.addend();
                case Rel rel -> rel.bytes() >> 12;
                case Label l -> 0L;
                case LocalLabel l -> throw new IllegalStateException("adrp to a local label");
            }, i.rd());
            case B26 i -> (i.op() == BranchOp.BL ? 0x9400_0000 : 0x1400_0000) | (int) ((displacement(i.target()) >> 2) & 0x3ff_ffff);
            case CondBr i -> 0x5400_0000 | (int) ((displacement(i.target()) >> 2) & 0x7ffff) << 5 | i.cond().bits();
            case CompareBranch i -> sf(i.size()) | (i.op() == CbOp.CBNZ ? 0x3500_0000 : 0x3400_0000)
                    | (int) ((displacement(i.target()) >> 2) & 0x7ffff) << 5 | r(i.rt());
            case TestBranch i -> (i.bit() >> 5) << 31 | (i.op() == TbOp.TBNZ ? 0x3700_0000 : 0x3600_0000)
                    | (i.bit() & 0x1f) << 19 | (int) ((displacement(i.target()) >> 2) & 0x3fff) << 5 | r(i.rt());
            case BranchReg i -> switch (i.op()) {
                case BR -> 0xD61F_0000;
                case BLR -> 0xD63F_0000;
                case RET -> 0xD65F_0000;
            } | r(i.rn()) << 5;
            case Brk i -> 0xD420_0000 | i.imm16() << 5;
            case Nop i -> 0xD503_201F;
            case FpInst i -> FpEncoder.encode(i);
            case AtomicInst i -> AtomicEncoder.encode(i);
        };
    }

    /** Displacement encoded for a target: labels and symbols 0 (patched or relocated), Rel as given. */
    private static long displacement(Target t) {
        return t instanceof Rel r ? r.bytes() : 0;
    }

    private static int adr(int op, long imm, Reg rd) {
        int v = (int) (imm & 0x1f_ffff);
        return op << 31 | (v & 3) << 29 | 0x1000_0000 | (v >> 2) << 5 | rd.encoding();
    }

    private static int r(Reg reg) {
        return reg.encoding();
    }

    private static int sf(Size s) {
        return s.sf() << 31;
    }

    private static int aluShift(AluOp op, Size size, Reg rd, Reg rn, Reg rm, Shift shift, int amount) {
        int base = switch (op) {
            case ADD -> 0x0B00_0000;
            case ADDS -> 0x2B00_0000;
            case SUB -> 0x4B00_0000;
            case SUBS -> 0x6B00_0000;
            case AND -> 0x0A00_0000;
            case BIC -> 0x0A20_0000;
            case ORR -> 0x2A00_0000;
            case ORN -> 0x2A20_0000;
            case EOR -> 0x4A00_0000;
            case EON -> 0x4A20_0000;
            case ANDS -> 0x6A00_0000;
            case BICS -> 0x6A20_0000;
        };
        return sf(size) | base | shift.ordinal() << 22 | r(rm) << 16 | amount << 10 | r(rn) << 5 | r(rd);
    }

    private static int addSubBits(AddSubOp op) {
        return (op.isSub() ? 1 << 30 : 0) | (op.setsFlags() ? 1 << 29 : 0);
    }

    private static int logicOpc(LogicOp op) {
        return switch (op) {
            case AND -> 0;
            case ORR -> 1;
            case EOR -> 2;
            case ANDS -> 3;
        };
    }

    private static int movOpc(MovOp op) {
        return switch (op) {
            case MOVN -> 0;
            case MOVZ -> 2;
            case MOVK -> 3;
        };
    }

    private static int dp1Opcode(Dp1Op op, Size size) {
        return switch (op) {
            case RBIT -> 0;
            case REV16 -> 1;
            case REV -> size == Size.X ? 3 : 2;
            case REV32 -> 2;
            case CLZ -> 4;
            case CLS -> 5;
        };
    }

    private static int dp2Opcode(Dp2Op op) {
        return switch (op) {
            case UDIV -> 2;
            case SDIV -> 3;
            case LSLV -> 8;
            case LSRV -> 9;
            case ASRV -> 10;
            case RORV -> 11;
        };
    }

    private static int mulOp31(MulOp op) {
        return switch (op) {
            case MADD, MSUB -> 0;
            case SMADDL -> 1;
            case SMULH -> 2;
            case UMADDL -> 5;
            case UMULH -> 6;
        };
    }

    private static int cselOp(CselOp op) {
        return op == CselOp.CSINV || op == CselOp.CSNEG ? 1 : 0;
    }

    private static int cselOp2(CselOp op) {
        return op == CselOp.CSINC || op == CselOp.CSNEG ? 1 : 0;
    }

    /** size | 111 V=0 00 | opc for the single-register load/store classes (bits 24/21/11:10 added by the caller). */
    private static int ldst(LdStOp op) {
        return op.scale << 30 | 0x3800_0000 | op.opc << 22;
    }

    private static int pairMode(IndexMode m) {
        return switch (m) {
            case POST -> 1;
            case OFFSET -> 2;
            case PRE -> 3;
        };
    }
}
