package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.*;

/**
 * A64Inst to one line of LLVM assembler syntax, as LLVM's AArch64 instruction printer writes the
 * canonical form: lower-case mnemonics, the preferred aliases ({@code mov}, {@code cmp}, {@code
 * tst}, {@code neg}, {@code mvn}, {@code mul}, {@code cset}, {@code lsl}, {@code ubfx}, {@code
 * sxtw}...), arithmetic and move-wide immediates in decimal, logical and brk immediates in hex, and
 * {@code mov} immediates in signed decimal. Targets print as label or symbol names ({@code
 * :lo12:sym+8} for low-12 relocations), resolved displacements as {@code #bytes}. Pure.
 */
public final class A64Printer {
    private A64Printer() {}

    public static String print(A64Inst inst) {
        return switch (inst) {
            case AluRRR i -> aluShift(i.op(), i.size(), i.rd(), i.rn(), i.rm(), "");
            case AluRRShift i -> aluShift(i.op(), i.size(), i.rd(), i.rn(), i.rm(),
                    i.shift() == Shift.LSL && i.amount() == 0 ? "" : ", " + i.shift().asm() + " #" + i.amount());
            case AddCarry i -> lower(i.op().name()) + " " + i.rd().name(i.size()) + ", " + i.rn().name(i.size()) + ", " + i.rm().name(i.size());
            case AluRRExt i -> aluExt(i);
            case AluRRImm12 i -> aluImm(i);
            case AddLo12 i -> "add " + i.rd().name(Size.X) + ", " + i.rn().name(Size.X) + ", :lo12:" + i.sym().asm();
            case LogicRRImm i -> logicImm(i);
            case MovWide i -> movWide(i);
            case BitfieldMove i -> bitfield(i);
            case Extr i -> i.rn().equals(i.rm())
                    ? "ror " + i.rd().name(i.size()) + ", " + i.rn().name(i.size()) + ", #" + i.lsb()
                    : "extr " + i.rd().name(i.size()) + ", " + i.rn().name(i.size()) + ", " + i.rm().name(i.size()) + ", #" + i.lsb();
            case DataProc1 i -> lower(i.op().name()) + " " + i.rd().name(i.size()) + ", " + i.rn().name(i.size());
            case DataProc2 i -> dp2Name(i.op()) + " " + i.rd().name(i.size()) + ", " + i.rn().name(i.size()) + ", " + i.rm().name(i.size());
            case MulAdd i -> mulAdd(i);
            case CondSelect i -> condSelect(i);
            case CondCompareImm i -> lower(i.op().name()) + " " + i.rn().name(i.size()) + ", #" + i.imm5() + ", #" + i.nzcv() + ", " + i.cond().asm();
            case CondCompareReg i -> lower(i.op().name()) + " " + i.rn().name(i.size()) + ", " + i.rm().name(i.size()) + ", #" + i.nzcv() + ", " + i.cond().asm();
            case LdStUImm i -> ldstName(i.op(), false) + " " + i.rt().name(i.op().rtSize) + ", [" + i.rn().name(Size.X)
                    + (i.offset() == 0 ? "" : ", #" + i.offset()) + "]";
            case LdStUnscaled i -> ldstName(i.op(), true) + " " + i.rt().name(i.op().rtSize) + ", [" + i.rn().name(Size.X)
                    + (i.offset() == 0 ? "" : ", #" + i.offset()) + "]";
            case LdStIdx i -> ldstName(i.op(), false) + " " + i.rt().name(i.op().rtSize) + ", [" + i.rn().name(Size.X)
                    + (i.mode() == IndexMode.PRE ? ", #" + i.offset() + "]!" : "], #" + i.offset());
            case LdStRegOffset i -> ldstName(i.op(), false) + " " + i.rt().name(i.op().rtSize) + ", [" + i.rn().name(Size.X)
                    + ", " + i.rm().name(Size.X) + "]";
            case LdStLo12 i -> ldstName(i.op(), false) + " " + i.rt().name(i.op().rtSize) + ", [" + i.rn().name(Size.X)
                    + ", :lo12:" + i.sym().asm() + "]";
            case LdStPair i -> lower(i.op().name()) + " " + i.rt1().name(i.size()) + ", " + i.rt2().name(i.size()) + ", ["
                    + i.rn().name(Size.X) + switch (i.mode()) {
                        case OFFSET -> i.offset() == 0 ? "]" : ", #" + i.offset() + "]";
                        case PRE -> ", #" + i.offset() + "]!";
                        case POST -> "], #" + i.offset();
                    };
            case Adr i -> "adr " + i.rd().name(Size.X) + ", " + i.target().asm();
            case Adrp i -> "adrp " + i.rd().name(Size.X) + ", " + i.target().asm();
            case B26 i -> (i.op() == BranchOp.BL ? "bl " : "b ") + i.target().asm();
            case CondBr i -> "b." + i.cond().asm() + " " + i.target().asm();
            case CompareBranch i -> lower(i.op().name()) + " " + i.rt().name(i.size()) + ", " + i.target().asm();
            case TestBranch i -> lower(i.op().name()) + " " + i.rt().name(i.bit() < 32 ? Size.W : Size.X) + ", #" + i.bit() + ", " + i.target().asm();
            case BranchReg i -> switch (i.op()) {
                case BR -> "br " + i.rn().name(Size.X);
                case BLR -> "blr " + i.rn().name(Size.X);
                case RET -> i.rn().equals(Gpr.LR) ? "ret" : "ret " + i.rn().name(Size.X);
            };
            case Brk i -> i.imm16() == 0 ? "brk #0" : "brk #0x" + Integer.toHexString(i.imm16()); // LLVM's %#x: no 0x for zero
            case Nop i -> "nop";
            case FpInst i -> FpPrinter.print(i);
            case AtomicInst i -> AtomicPrinter.print(i);
        };
    }

    private static String lower(String s) {
        return s.toLowerCase(java.util.Locale.ROOT);
    }

    private static String aluShift(AluOp op, Size s, Reg rd, Reg rn, Reg rm, String shift) {
        String d = rd.name(s), n = rn.name(s), m = rm.name(s);
        return switch (op) {
            case ADDS -> rd instanceof Zr ? "cmn " + n + ", " + m + shift : "adds " + d + ", " + n + ", " + m + shift;
            case SUB -> rn instanceof Zr ? "neg " + d + ", " + m + shift : "sub " + d + ", " + n + ", " + m + shift;
            case SUBS -> rd instanceof Zr ? "cmp " + n + ", " + m + shift
                    : rn instanceof Zr ? "negs " + d + ", " + m + shift : "subs " + d + ", " + n + ", " + m + shift;
            case ANDS -> rd instanceof Zr ? "tst " + n + ", " + m + shift : "ands " + d + ", " + n + ", " + m + shift;
            case ORR -> rn instanceof Zr && shift.isEmpty() ? "mov " + d + ", " + m : "orr " + d + ", " + n + ", " + m + shift;
            case ORN -> rn instanceof Zr ? "mvn " + d + ", " + m + shift : "orn " + d + ", " + n + ", " + m + shift;
            default -> lower(op.name()) + " " + d + ", " + n + ", " + m + shift;
        };
    }

    private static String aluExt(AluRRExt i) {
        Size s = i.size();
        String m = i.rm().name(s == Size.X && i.ext().xSource() ? Size.X : Size.W);
        boolean spInvolved = i.rd() instanceof Sp || i.rn() instanceof Sp;
        boolean lslForm = spInvolved && (s == Size.X ? i.ext() == Extend.UXTX : i.ext() == Extend.UXTW);
        String ext = lslForm ? (i.amount() == 0 ? "" : ", lsl #" + i.amount())
                : ", " + i.ext().asm() + (i.amount() == 0 ? "" : " #" + i.amount());
        String n = i.rn().name(s);
        if (i.op().setsFlags() && i.rd() instanceof Zr) {
            return (i.op() == AddSubOp.SUBS ? "cmp " : "cmn ") + n + ", " + m + ext;
        }
        return lower(i.op().name()) + " " + i.rd().name(s) + ", " + n + ", " + m + ext;
    }

    private static String aluImm(AluRRImm12 i) {
        Size s = i.size();
        String imm = "#" + i.imm().bits() + (i.imm().lsl12() ? ", lsl #12" : "");
        if (i.op() == AddSubOp.ADD && i.imm().bits() == 0 && !i.imm().lsl12()
                && (i.rd() instanceof Sp || i.rn() instanceof Sp)) {
            return "mov " + i.rd().name(s) + ", " + i.rn().name(s);
        }
        if (i.op().setsFlags() && i.rd() instanceof Zr) {
            return (i.op() == AddSubOp.SUBS ? "cmp " : "cmn ") + i.rn().name(s) + ", " + imm;
        }
        return lower(i.op().name()) + " " + i.rd().name(s) + ", " + i.rn().name(s) + ", " + imm;
    }

    private static String logicImm(LogicRRImm i) {
        Size s = i.size();
        int w = s.bits();
        if (i.op() == LogicOp.ORR && i.rn() instanceof Zr && !MovAlias.isAnyMovWide(i.imm().value(), w)) {
            return "mov " + i.rd().name(s) + ", #" + MovAlias.signExtend(i.imm().value(), w);
        }
        String hex = "#0x" + Long.toHexString(i.imm().value());
        if (i.op() == LogicOp.ANDS && i.rd() instanceof Zr) return "tst " + i.rn().name(s) + ", " + hex;
        return lower(i.op().name()) + " " + i.rd().name(s) + ", " + i.rn().name(s) + ", " + hex;
    }

    private static String movWide(MovWide i) {
        int w = i.size().bits();
        long raw = (long) i.imm16() << i.shift();
        String d = i.rd().name(i.size());
        if (i.op() == MovOp.MOVZ && MovAlias.isMovz(raw, i.shift(), w)) {
            return "mov " + d + ", #" + MovAlias.signExtend(raw, w);
        }
        if (i.op() == MovOp.MOVN) {
            long v = ~raw;
            if (w == 32) v &= 0xffff_ffffL;
            if (MovAlias.isMovn(v, i.shift(), w)) return "mov " + d + ", #" + MovAlias.signExtend(v, w);
        }
        return lower(i.op().name()) + " " + d + ", #" + i.imm16() + (i.shift() == 0 ? "" : ", lsl #" + i.shift());
    }

    private static String bitfield(BitfieldMove i) {
        Size s = i.size();
        String d = i.rd().name(s), n = i.rn().name(s);
        int immr = i.immr(), imms = i.imms(), w = s.bits();
        if (i.op() == BfOp.BFM) {
            if (imms < immr) return "bfi " + d + ", " + n + ", #" + ((w - immr) % w) + ", #" + (imms + 1);
            return "bfxil " + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
        }
        boolean signed = i.op() == BfOp.SBFM;
        if (immr == 0) {
            String m = null;
            if (imms == 7) m = signed ? "sxtb" : s == Size.W ? "uxtb" : null;
            else if (imms == 15) m = signed ? "sxth" : s == Size.W ? "uxth" : null;
            else if (imms == 31 && signed && s == Size.X) m = "sxtw";
            if (m != null) return m + " " + d + ", " + i.rn().name(Size.W);
        }
        if (!signed && imms != w - 1 && imms + 1 == immr) return "lsl " + d + ", " + n + ", #" + (w - 1 - imms);
        if (imms == w - 1) return (signed ? "asr " : "lsr ") + d + ", " + n + ", #" + immr;
        if (immr > imms) return (signed ? "sbfiz " : "ubfiz ") + d + ", " + n + ", #" + (w - immr) + ", #" + (imms + 1);
        return (signed ? "sbfx " : "ubfx ") + d + ", " + n + ", #" + immr + ", #" + (imms - immr + 1);
    }

    private static String dp2Name(Dp2Op op) {
        return switch (op) {
            case UDIV -> "udiv";
            case SDIV -> "sdiv";
            case LSLV -> "lsl";
            case LSRV -> "lsr";
            case ASRV -> "asr";
            case RORV -> "ror";
        };
    }

    private static String mulAdd(MulAdd i) {
        Size s = i.size();
        boolean noAdd = i.ra() instanceof Zr;
        return switch (i.op()) {
            case MADD -> noAdd ? "mul " + i.rd().name(s) + ", " + i.rn().name(s) + ", " + i.rm().name(s)
                    : "madd " + i.rd().name(s) + ", " + i.rn().name(s) + ", " + i.rm().name(s) + ", " + i.ra().name(s);
            case MSUB -> noAdd ? "mneg " + i.rd().name(s) + ", " + i.rn().name(s) + ", " + i.rm().name(s)
                    : "msub " + i.rd().name(s) + ", " + i.rn().name(s) + ", " + i.rm().name(s) + ", " + i.ra().name(s);
            case SMADDL, UMADDL -> {
                String base = i.op() == MulOp.SMADDL ? "smull" : "umull";
                String full = i.op() == MulOp.SMADDL ? "smaddl" : "umaddl";
                String ops = i.rd().name(Size.X) + ", " + i.rn().name(Size.W) + ", " + i.rm().name(Size.W);
                yield noAdd ? base + " " + ops : full + " " + ops + ", " + i.ra().name(Size.X);
            }
            case SMULH, UMULH -> lower(i.op().name()) + " " + i.rd().name(Size.X) + ", " + i.rn().name(Size.X) + ", " + i.rm().name(Size.X);
        };
    }

    private static String condSelect(CondSelect i) {
        Size s = i.size();
        String d = i.rd().name(s), n = i.rn().name(s), m = i.rm().name(s);
        boolean invertible = i.cond() != Cond.AL && i.cond() != Cond.NV;
        boolean same = i.rn().equals(i.rm());
        boolean zeros = i.rn() instanceof Zr && i.rm() instanceof Zr;
        String inv = i.cond().invert().asm();
        switch (i.op()) {
            case CSINC -> {
                if (invertible && zeros) return "cset " + d + ", " + inv;
                if (invertible && same) return "cinc " + d + ", " + n + ", " + inv;
            }
            case CSINV -> {
                if (invertible && zeros) return "csetm " + d + ", " + inv;
                if (invertible && same) return "cinv " + d + ", " + n + ", " + inv;
            }
            case CSNEG -> {
                if (invertible && same) return "cneg " + d + ", " + n + ", " + inv;
            }
            case CSEL -> { }
        }
        return lower(i.op().name()) + " " + d + ", " + n + ", " + m + ", " + i.cond().asm();
    }

    private static String ldstName(LdStOp op, boolean unscaled) {
        String base = switch (op) {
            case STRB -> "strb";
            case STRH -> "strh";
            case STRW, STRX -> "str";
            case LDRB -> "ldrb";
            case LDRH -> "ldrh";
            case LDRW, LDRX -> "ldr";
            case LDRSBX, LDRSBW -> "ldrsb";
            case LDRSHX, LDRSHW -> "ldrsh";
            case LDRSW -> "ldrsw";
        };
        return unscaled ? base.charAt(0) == 'l' ? "ldur" + base.substring(3) : "stur" + base.substring(3) : base;
    }
}
