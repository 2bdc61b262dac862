package dev.a64w.check.unwind;

import dev.a64w.check.unwind.UnwindOp.Reg;

import java.util.ArrayList;
import java.util.List;

/** Maps one unwind code to its {@link UnwindOp} (package-private detail of {@link Sequence}). */
final class CodeMeaning {
    private CodeMeaning() {
    }

    static UnwindOp of(UnwindCode code) {
        return switch (code) {
            case UnwindCode.AllocS c -> new UnwindOp.Alloc(c.bytes());
            case UnwindCode.AllocM c -> new UnwindOp.Alloc(c.bytes());
            case UnwindCode.AllocL c -> new UnwindOp.Alloc(c.bytes());
            case UnwindCode.SaveR19R20X c -> pair(Reg.x(19), Reg.x(20), 8L * c.z(), true);
            case UnwindCode.SaveFpLr c -> pair(Reg.x(29), Reg.x(30), 8L * c.z(), false);
            case UnwindCode.SaveFpLrX c -> pair(Reg.x(29), Reg.x(30), 8L * (c.z() + 1), true);
            case UnwindCode.SaveRegP c -> pair(Reg.x(19 + c.x()), Reg.x(20 + c.x()), 8L * c.z(), false);
            case UnwindCode.SaveRegPX c -> pair(Reg.x(19 + c.x()), Reg.x(20 + c.x()), 8L * (c.z() + 1), true);
            case UnwindCode.SaveReg c -> single(Reg.x(19 + c.x()), 8L * c.z(), false);
            case UnwindCode.SaveRegX c -> single(Reg.x(19 + c.x()), 8L * (c.z() + 1), true);
            case UnwindCode.SaveLrPair c -> pair(Reg.x(19 + 2 * c.x()), Reg.x(30), 8L * c.z(), false);
            case UnwindCode.SaveFRegP c -> pair(Reg.d(8 + c.x()), Reg.d(9 + c.x()), 8L * c.z(), false);
            case UnwindCode.SaveFRegPX c -> pair(Reg.d(8 + c.x()), Reg.d(9 + c.x()), 8L * (c.z() + 1), true);
            case UnwindCode.SaveFReg c -> single(Reg.d(8 + c.x()), 8L * c.z(), false);
            case UnwindCode.SaveFRegX c -> single(Reg.d(8 + c.x()), 8L * (c.z() + 1), true);
            case UnwindCode.SetFp c -> new UnwindOp.SetFp(0);
            case UnwindCode.AddFp c -> new UnwindOp.SetFp(8L * c.x());
            case UnwindCode.Nop c -> new UnwindOp.Nop();
            case UnwindCode.SaveAnyReg c -> saveAny(c);
            case UnwindCode.TrapFrame c -> new UnwindOp.Special(0xE8);
            case UnwindCode.MachineFrame c -> new UnwindOp.Special(0xE9);
            case UnwindCode.ContextFrame c -> new UnwindOp.Special(0xEA);
            case UnwindCode.EcContext c -> new UnwindOp.Special(0xEB);
            case UnwindCode.ClearUnwoundToCall c -> new UnwindOp.Special(0xEC);
            case UnwindCode.PacSignLr c -> new UnwindOp.PacSignLr();
            case UnwindCode.End c -> throw new MalformedUnwindException("end has no meaning as an instruction");
            case UnwindCode.EndC c -> throw new MalformedUnwindException("end_c has no meaning as an instruction");
            case UnwindCode.SaveNext c -> throw new MalformedUnwindException("save_next needs the following pair save");
            case UnwindCode.Reserved c -> throw new MalformedUnwindException("reserved unwind code " + c.bytes().hex());
        };
    }

    static boolean isPairSave(UnwindCode c) {
        return c instanceof UnwindCode.SaveRegP || c instanceof UnwindCode.SaveRegPX
                || c instanceof UnwindCode.SaveR19R20X || c instanceof UnwindCode.SaveFRegP
                || c instanceof UnwindCode.SaveFRegPX;
    }

    /**
     * The pairs added by {@code count} save_next codes before {@code base}, in unwind order (highest
     * first). Integer pairs continue upwards while both registers are within x19..x28, then move on to
     * d8/d9; FP pairs continue up to d14/d15. Each pair sits 16 bytes above the previous one; for a
     * pre-indexed base the offsets are relative to the already-decremented sp.
     */
    static List<UnwindOp> nextPairs(UnwindOp.Save base, int count) {
        List<UnwindOp> out = new ArrayList<>();
        Reg r = base.regs().get(0);
        long offset = base.writeback() ? 0 : base.offset();
        for (int i = 1; i <= count; i++) {
            if (r.cls() == UnwindOp.RegClass.X) {
                r = r.number() + 2 + 1 <= 28 ? Reg.x(r.number() + 2) : Reg.d(8);
            } else {
                r = Reg.d(r.number() + 2);
            }
            if (r.cls() == UnwindOp.RegClass.D && r.number() + 1 > 15) {
                throw new MalformedUnwindException("save_next: no register pair after " + base.regs()
                        + " + " + (i - 1) + " pairs");
            }
            Reg second = new Reg(r.cls(), r.number() + 1);
            out.add(0, pair(r, second, offset + 16L * i, false));
        }
        return out;
    }

    private static UnwindOp.Save pair(Reg a, Reg b, long offset, boolean writeback) {
        return new UnwindOp.Save(List.of(checked(a), checked(b)), offset, writeback);
    }

    private static UnwindOp.Save single(Reg a, long offset, boolean writeback) {
        return new UnwindOp.Save(List.of(checked(a)), offset, writeback);
    }

    /** x0..x30 and d0..d31/q0..q31 exist; a register field that names anything else is malformed. */
    private static Reg checked(Reg r) {
        int max = r.cls() == UnwindOp.RegClass.X ? 30 : 31;
        if (r.number() > max) {
            throw new MalformedUnwindException("unwind code names " + r + ", which does not exist");
        }
        return r;
    }

    private static UnwindOp saveAny(UnwindCode.SaveAnyReg c) {
        if ((c.second() & 0x80) != 0 || c.regClass() == 3) {
            throw new MalformedUnwindException("save_any_reg: reserved bits set in "
                    + c.encode().hex());
        }
        UnwindOp.RegClass cls = UnwindOp.RegClass.values()[c.regClass()];
        long units = c.writeback() ? c.offsetField() + 1 : c.offsetField();
        long scale = c.pair() || c.writeback() || cls == UnwindOp.RegClass.Q ? 16 : 8;
        Reg first = new Reg(cls, c.register());
        if (c.pair()) {
            if (c.register() + 1 > (cls == UnwindOp.RegClass.X ? 30 : 31)) {
                throw new MalformedUnwindException("save_any_reg: pair starting at " + first + " has no second register");
            }
            return pair(first, new Reg(cls, c.register() + 1), units * scale, c.writeback());
        }
        return single(first, units * scale, c.writeback());
    }
}
