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
            case UnwindCode.Reserved c -> reserved(c);
        };
    }

    /**
     * Reserved first bytes as Windows treats them (docs/unwind-windows.md "Reserved codes"): 0xF8–0xFB
     * (with their 1–4 payload bytes) and 0xFD–0xFF are "reserved for future extension" and executed
     * as a nop, one instruction each; 0xDF and 0xED–0xF7 make Windows fail the unwind when executed
     * ({@link UnwindOp.Special}; 0xDF counts as an instruction, 0xED–0xF7 do not).
     */
    private static UnwindOp reserved(UnwindCode.Reserved c) {
        int b = c.firstByte();
        if (b >= 0xF8) {
            return new UnwindOp.Nop();
        }
        return new UnwindOp.Special(b);
    }

    /**
     * Codes that a preceding save_next may extend, as Windows accepts them: save_r19r20_x,
     * save_regp(_x), save_fregp(_x) and the pair forms of save_any_reg. Windows refuses save_next
     * before any other code (STATUS_UNWIND_INVALID_SEQUENCE), save_fplr(_x) and save_lrpair included.
     */
    static boolean isPairSave(UnwindCode c) {
        return c instanceof UnwindCode.SaveRegP || c instanceof UnwindCode.SaveRegPX
                || c instanceof UnwindCode.SaveR19R20X || c instanceof UnwindCode.SaveFRegP
                || c instanceof UnwindCode.SaveFRegPX || (c instanceof UnwindCode.SaveAnyReg a && a.pair());
    }

    /**
     * The pairs added by {@code count} save_next codes before {@code base}, in unwind order (highest
     * first). Windows widens the base save to 2 + 2·count consecutive registers of the same class
     * (x registers up to x30, so x29/lr follow x27/x28; d and q registers up to 31; no step from x to
     * d), read from consecutive slots (8 bytes for x/d, 16 for q) starting at the base's address; a
     * pre-indexed base still adds only its own offset to sp. Wine tests/unwind.c
     * test_virtual_unwind_arm64 function_5 and function_14 record this on Windows.
     */
    static List<UnwindOp> nextPairs(UnwindOp.Save base, int count) {
        List<UnwindOp> out = new ArrayList<>();
        Reg first = base.regs().get(0);
        int max = first.cls() == UnwindOp.RegClass.X ? 30 : 31;
        if (first.number() + 1 + 2 * count > max) {
            throw new MalformedUnwindException("save_next: " + count + " pair(s) after " + base.regs()
                    + " reach " + first.cls().name().toLowerCase() + (first.number() + 1 + 2 * count)
                    + ", beyond " + first.cls().name().toLowerCase() + max);
        }
        long offset = base.writeback() ? 0 : base.offset();
        long pairBytes = 2L * first.size();
        for (int i = 1; i <= count; i++) {
            Reg a = new Reg(first.cls(), first.number() + 2 * i);
            Reg b = new Reg(first.cls(), first.number() + 2 * i + 1);
            out.add(0, pair(a, b, offset + pairBytes * i, false));
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
            throw new MalformedUnwindException("save_any_reg " + c.encode().hex() + ": reserved bits expected 0"
                    + " (byte 2 bit 7, class 3), actual byte 2 0x" + Integer.toHexString(c.second())
                    + ", class " + c.regClass());
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
