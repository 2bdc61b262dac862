package dev.a64w.backend.a64;

import dev.a64w.backend.a64.A64Inst.*;
import dev.a64w.backend.a64.AtomicInst.*;
import dev.a64w.backend.a64.FpInst.*;
import java.util.function.Consumer;

/**
 * The operands of an instruction as data: the virtual registers it names ({@link #virtuals}) and
 * the same instruction with machine registers and function labels in their place ({@link
 * #resolve}). One exhaustive switch per question, so a new instruction record does not compile
 * until it is listed here.
 */
public final class Operands {
    private Operands() {}

    /** What a virtual register and a local label become after allocation. */
    public interface Resolver {
        /** The machine register of {@code v} (of {@code v}'s class). */
        MReg reg(VReg v);

        /** The function's label for {@code l}. */
        Label label(LocalLabel l);
    }

    /**
     * {@code inst} with every {@link VReg} replaced by its machine register and every {@link
     * LocalLabel} by its label; the instruction itself when it has no operand that can hold either.
     */
    public static A64Inst resolve(A64Inst inst, Resolver r) {
        return switch (inst) {
            case AluRRR i -> new AluRRR(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r));
            case AluRRShift i -> new AluRRShift(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r), i.shift(), i.amount());
            case AddCarry i -> new AddCarry(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r));
            case AluRRExt i -> new AluRRExt(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r), i.ext(), i.amount());
            case AluRRImm12 i -> new AluRRImm12(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), i.imm());
            case AddLo12 i -> new AddLo12(g(i.rd(), r), g(i.rn(), r), i.sym());
            case LogicRRImm i -> new LogicRRImm(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), i.imm());
            case MovWide i -> new MovWide(i.op(), i.size(), g(i.rd(), r), i.imm16(), i.shift());
            case BitfieldMove i -> new BitfieldMove(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), i.immr(), i.imms());
            case Extr i -> new Extr(i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r), i.lsb());
            case DataProc1 i -> new DataProc1(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r));
            case DataProc2 i -> new DataProc2(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r));
            case MulAdd i -> new MulAdd(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r), g(i.ra(), r));
            case CondSelect i -> new CondSelect(i.op(), i.size(), g(i.rd(), r), g(i.rn(), r), g(i.rm(), r), i.cond());
            case CondCompareImm i -> new CondCompareImm(i.op(), i.size(), g(i.rn(), r), i.imm5(), i.nzcv(), i.cond());
            case CondCompareReg i -> new CondCompareReg(i.op(), i.size(), g(i.rn(), r), g(i.rm(), r), i.nzcv(), i.cond());
            case LdStUImm i -> new LdStUImm(i.op(), g(i.rt(), r), g(i.rn(), r), i.offset());
            case LdStUnscaled i -> new LdStUnscaled(i.op(), g(i.rt(), r), g(i.rn(), r), i.offset());
            case LdStIdx i -> new LdStIdx(i.op(), i.mode(), g(i.rt(), r), g(i.rn(), r), i.offset());
            case LdStRegOffset i -> new LdStRegOffset(i.op(), g(i.rt(), r), g(i.rn(), r), g(i.rm(), r));
            case LdStLo12 i -> new LdStLo12(i.op(), g(i.rt(), r), g(i.rn(), r), i.sym());
            case LdStPair i -> new LdStPair(i.op(), i.mode(), i.size(), g(i.rt1(), r), g(i.rt2(), r), g(i.rn(), r), i.offset());
            case Adr i -> new Adr(g(i.rd(), r), t(i.target(), r));
            case Adrp i -> new Adrp(g(i.rd(), r), t(i.target(), r));
            case B26 i -> new B26(i.op(), t(i.target(), r));
            case CondBr i -> new CondBr(i.cond(), t(i.target(), r));
            case CompareBranch i -> new CompareBranch(i.op(), i.size(), g(i.rt(), r), t(i.target(), r));
            case TestBranch i -> new TestBranch(i.op(), g(i.rt(), r), i.bit(), t(i.target(), r));
            case BranchReg i -> new BranchReg(i.op(), g(i.rn(), r));
            case Brk i -> i;
            case Nop i -> i;
            case FpRRR i -> new FpRRR(i.op(), i.size(), f(i.rd(), r), f(i.rn(), r), f(i.rm(), r));
            case FpRR i -> new FpRR(i.op(), i.size(), f(i.rd(), r), f(i.rn(), r));
            case FpCvt i -> new FpCvt(i.to(), i.from(), f(i.rd(), r), f(i.rn(), r));
            case FpRRRR i -> new FpRRRR(i.op(), i.size(), f(i.rd(), r), f(i.rn(), r), f(i.rm(), r), f(i.ra(), r));
            case FpCmp i -> new FpCmp(i.op(), i.size(), f(i.rn(), r), f(i.rm(), r));
            case FpCmpZero i -> new FpCmpZero(i.op(), i.size(), f(i.rn(), r));
            case FpCondSelect i -> new FpCondSelect(i.size(), f(i.rd(), r), f(i.rn(), r), f(i.rm(), r), i.cond());
            case FpCondCompare i -> new FpCondCompare(i.op(), i.size(), f(i.rn(), r), f(i.rm(), r), i.nzcv(), i.cond());
            case FpMovImm i -> new FpMovImm(i.size(), f(i.rd(), r), i.imm());
            case FpToGpr i -> new FpToGpr(i.op(), i.size(), i.fsize(), g(i.rd(), r), f(i.rn(), r));
            case GprToFp i -> new GprToFp(i.op(), i.size(), i.fsize(), f(i.rd(), r), g(i.rn(), r));
            case FpLdStUImm i -> new FpLdStUImm(i.op(), i.size(), f(i.rt(), r), g(i.rn(), r), i.offset());
            case FpLdStUnscaled i -> new FpLdStUnscaled(i.op(), i.size(), f(i.rt(), r), g(i.rn(), r), i.offset());
            case FpLdStIdx i -> new FpLdStIdx(i.op(), i.mode(), i.size(), f(i.rt(), r), g(i.rn(), r), i.offset());
            case FpLdStRegOffset i -> new FpLdStRegOffset(i.op(), i.size(), f(i.rt(), r), g(i.rn(), r), g(i.rm(), r), i.scaled());
            case FpLdStPair i -> new FpLdStPair(i.op(), i.mode(), i.size(), f(i.rt1(), r), f(i.rt2(), r), g(i.rn(), r), i.offset());
            case LoadExclusive i -> new LoadExclusive(i.size(), g(i.rt(), r), g(i.rn(), r));
            case StoreExclusive i -> new StoreExclusive(i.size(), g(i.rs(), r), g(i.rt(), r), g(i.rn(), r));
            case LoadAcquire i -> new LoadAcquire(i.size(), g(i.rt(), r), g(i.rn(), r));
            case StoreRelease i -> new StoreRelease(i.size(), g(i.rt(), r), g(i.rn(), r));
            case DmbIsh i -> i;
        };
    }

    /** Calls {@code out} with each virtual register operand of {@code inst}, in field order (repeats included). */
    public static void virtuals(A64Inst inst, Consumer<VReg> out) {
        switch (inst) {
            case AluRRR i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case AluRRShift i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case AddCarry i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case AluRRExt i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case AluRRImm12 i -> { v(i.rd(), out); v(i.rn(), out); }
            case AddLo12 i -> { v(i.rd(), out); v(i.rn(), out); }
            case LogicRRImm i -> { v(i.rd(), out); v(i.rn(), out); }
            case MovWide i -> { v(i.rd(), out); }
            case BitfieldMove i -> { v(i.rd(), out); v(i.rn(), out); }
            case Extr i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case DataProc1 i -> { v(i.rd(), out); v(i.rn(), out); }
            case DataProc2 i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case MulAdd i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); v(i.ra(), out); }
            case CondSelect i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case CondCompareImm i -> { v(i.rn(), out); }
            case CondCompareReg i -> { v(i.rn(), out); v(i.rm(), out); }
            case LdStUImm i -> { v(i.rt(), out); v(i.rn(), out); }
            case LdStUnscaled i -> { v(i.rt(), out); v(i.rn(), out); }
            case LdStIdx i -> { v(i.rt(), out); v(i.rn(), out); }
            case LdStRegOffset i -> { v(i.rt(), out); v(i.rn(), out); v(i.rm(), out); }
            case LdStLo12 i -> { v(i.rt(), out); v(i.rn(), out); }
            case LdStPair i -> { v(i.rt1(), out); v(i.rt2(), out); v(i.rn(), out); }
            case Adr i -> { v(i.rd(), out); }
            case Adrp i -> { v(i.rd(), out); }
            case B26 i -> { }
            case CondBr i -> { }
            case CompareBranch i -> { v(i.rt(), out); }
            case TestBranch i -> { v(i.rt(), out); }
            case BranchReg i -> { v(i.rn(), out); }
            case Brk i -> { }
            case Nop i -> { }
            case FpRRR i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case FpRR i -> { v(i.rd(), out); v(i.rn(), out); }
            case FpCvt i -> { v(i.rd(), out); v(i.rn(), out); }
            case FpRRRR i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); v(i.ra(), out); }
            case FpCmp i -> { v(i.rn(), out); v(i.rm(), out); }
            case FpCmpZero i -> { v(i.rn(), out); }
            case FpCondSelect i -> { v(i.rd(), out); v(i.rn(), out); v(i.rm(), out); }
            case FpCondCompare i -> { v(i.rn(), out); v(i.rm(), out); }
            case FpMovImm i -> { v(i.rd(), out); }
            case FpToGpr i -> { v(i.rd(), out); v(i.rn(), out); }
            case GprToFp i -> { v(i.rd(), out); v(i.rn(), out); }
            case FpLdStUImm i -> { v(i.rt(), out); v(i.rn(), out); }
            case FpLdStUnscaled i -> { v(i.rt(), out); v(i.rn(), out); }
            case FpLdStIdx i -> { v(i.rt(), out); v(i.rn(), out); }
            case FpLdStRegOffset i -> { v(i.rt(), out); v(i.rn(), out); v(i.rm(), out); }
            case FpLdStPair i -> { v(i.rt1(), out); v(i.rt2(), out); v(i.rn(), out); }
            case LoadExclusive i -> { v(i.rt(), out); v(i.rn(), out); }
            case StoreExclusive i -> { v(i.rs(), out); v(i.rt(), out); v(i.rn(), out); }
            case LoadAcquire i -> { v(i.rt(), out); v(i.rn(), out); }
            case StoreRelease i -> { v(i.rt(), out); v(i.rn(), out); }
            case DmbIsh i -> { }
        }
    }

    private static void v(Object operand, Consumer<VReg> out) {
        if (operand instanceof VReg v) out.accept(v);
    }

    /** {@code x}, or the machine register of a virtual {@code x}. */
    public static Reg reg(Reg x, Resolver r) {
        return g(x, r);
    }

    /** {@code x}, or the machine register of a virtual {@code x}. */
    public static FOperand fp(FOperand x, Resolver r) {
        return f(x, r);
    }

    private static Reg g(Reg x, Resolver r) {
        if (!(x instanceof VReg v)) return x;
        if (r.reg(v) instanceof Gpr g) return g;
        throw new IllegalStateException("integer " + v + " allocated to " + r.reg(v));
    }

    private static FOperand f(FOperand x, Resolver r) {
        if (!(x instanceof VReg v)) return x;
        if (r.reg(v) instanceof FReg f) return f;
        throw new IllegalStateException("float " + v + " allocated to " + r.reg(v));
    }

    private static Target t(Target x, Resolver r) {
        return x instanceof LocalLabel l ? r.label(l) : x;
    }
}
