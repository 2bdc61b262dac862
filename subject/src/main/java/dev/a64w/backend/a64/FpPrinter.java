package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.IndexMode;
import dev.a64w.backend.a64.FpInst.*;
import java.util.Locale;

/**
 * {@link FpInst} to one line of LLVM assembler syntax ({@code fadd d0, d1, d2}, {@code fcmp s0,
 * #0.0}, {@code fmov d0, #1.50000000}, {@code ldr d8, [sp, #-16]!}). The {@link A64Printer}
 * delegates here. Pure.
 */
final class FpPrinter {
    private FpPrinter() {}

    static String print(FpInst inst) {
        return switch (inst) {
            case FpRRR i -> lower(i.op()) + " " + n(i.rd(), i.size()) + ", " + n(i.rn(), i.size()) + ", " + n(i.rm(), i.size());
            case FpRR i -> lower(i.op()) + " " + n(i.rd(), i.size()) + ", " + n(i.rn(), i.size());
            case FpCvt i -> "fcvt " + n(i.rd(), i.to()) + ", " + n(i.rn(), i.from());
            case FpRRRR i -> lower(i.op()) + " " + n(i.rd(), i.size()) + ", " + n(i.rn(), i.size()) + ", " + n(i.rm(), i.size())
                    + ", " + n(i.ra(), i.size());
            case FpCmp i -> lower(i.op()) + " " + n(i.rn(), i.size()) + ", " + n(i.rm(), i.size());
            case FpCmpZero i -> lower(i.op()) + " " + n(i.rn(), i.size()) + ", #0.0";
            case FpCondSelect i -> "fcsel " + n(i.rd(), i.size()) + ", " + n(i.rn(), i.size()) + ", " + n(i.rm(), i.size())
                    + ", " + i.cond().asm();
            case FpCondCompare i -> lower(i.op()) + " " + n(i.rn(), i.size()) + ", " + n(i.rm(), i.size()) + ", #" + i.nzcv()
                    + ", " + i.cond().asm();
            case FpMovImm i -> "fmov " + n(i.rd(), i.size()) + ", " + i.imm().asm();
            case FpToGpr i -> lower(i.op()) + " " + i.rd().name(i.size()) + ", " + n(i.rn(), i.fsize());
            case GprToFp i -> lower(i.op()) + " " + n(i.rd(), i.fsize()) + ", " + i.rn().name(i.size());
            case FpLdStUImm i -> lower(i.op()) + " " + n(i.rt(), i.size()) + ", [" + base(i.rn()) + (i.offset() == 0 ? "" : ", #" + i.offset()) + "]";
            case FpLdStUnscaled i -> (i.op() == FpMemOp.LDR ? "ldur " : "stur ") + n(i.rt(), i.size()) + ", [" + base(i.rn())
                    + (i.offset() == 0 ? "" : ", #" + i.offset()) + "]";
            case FpLdStIdx i -> lower(i.op()) + " " + n(i.rt(), i.size()) + ", [" + base(i.rn())
                    + (i.mode() == IndexMode.PRE ? ", #" + i.offset() + "]!" : "], #" + i.offset());
            case FpLdStRegOffset i -> lower(i.op()) + " " + n(i.rt(), i.size()) + ", [" + base(i.rn()) + ", " + i.rm().name(Size.X)
                    + (i.scaled() ? ", lsl #" + (i.size() == FpSize.D ? 3 : 2) : "") + "]";
            case FpLdStPair i -> lower(i.op()) + " " + n(i.rt1(), i.size()) + ", " + n(i.rt2(), i.size()) + ", [" + base(i.rn())
                    + switch (i.mode()) {
                        case OFFSET -> i.offset() == 0 ? "]" : ", #" + i.offset() + "]";
                        case PRE -> ", #" + i.offset() + "]!";
                        case POST -> "], #" + i.offset();
                    };
        };
    }

    private static String n(FOperand r, FpSize s) {
        return r.name(s);
    }

    private static String base(Reg rn) {
        return rn.name(Size.X);
    }

    private static String lower(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }
}
