package dev.a64w.backend.unwind;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.util.ByteSink;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Epic("subject")
@Feature("unwind codes")
class UnwindCodeTest {

    /** Every encodable value of every code, from the record's documented domains. */
    static List<UnwindCode> allCodes() {
        List<UnwindCode> all = new ArrayList<>();
        range(all, 0, 0x1f0, 16, UnwindCode.AllocS::new);
        range(all, 0, 0x7ff0, 16, UnwindCode.AllocM::new);
        for (int x = 0; x < (1 << 24); x += 4093) all.add(new UnwindCode.AllocL(16 * x)); // sparse: 24-bit field
        all.add(new UnwindCode.AllocL(0xffffff0));
        range(all, 8, 0xf8, 8, UnwindCode.SaveR19R20X::new);
        range(all, 0, 0x1f8, 8, UnwindCode.SaveFpLr::new);
        range(all, 8, 0x200, 8, UnwindCode.SaveFpLrX::new);
        regs(all, 19, 29, 1, 0, 0x1f8, UnwindCode.SaveRegP::new);
        regs(all, 19, 29, 1, 8, 0x200, UnwindCode.SaveRegPX::new);
        regs(all, 19, 30, 1, 0, 0x1f8, UnwindCode.SaveReg::new);
        regs(all, 19, 30, 1, 8, 0x100, UnwindCode.SaveRegX::new);
        regs(all, 19, 29, 2, 0, 0x1f8, UnwindCode.SaveLrPair::new);
        regs(all, 8, 14, 1, 0, 0x1f8, UnwindCode.SaveFRegP::new);
        regs(all, 8, 14, 1, 8, 0x200, UnwindCode.SaveFRegPX::new);
        regs(all, 8, 15, 1, 0, 0x1f8, UnwindCode.SaveFReg::new);
        regs(all, 8, 15, 1, 8, 0x100, UnwindCode.SaveFRegX::new);
        range(all, 0, 0x7f8, 8, UnwindCode.AddFp::new);
        all.addAll(List.of(new UnwindCode.SetFp(), new UnwindCode.Nop(), new UnwindCode.End(),
                new UnwindCode.EndC(), new UnwindCode.SaveNext()));
        return all;
    }

    private static void range(List<UnwindCode> out, int min, int max, int step, IntFunction<UnwindCode> f) {
        for (int v = min; v <= max; v += step) out.add(f.apply(v));
    }

    private static void regs(List<UnwindCode> out, int rmin, int rmax, int rstep, int min, int max,
                             BiFunction<Integer, Integer, UnwindCode> f) {
        for (int r = rmin; r <= rmax; r += rstep) for (int v = min; v <= max; v += 8) out.add(f.apply(r, v));
    }

    @Test
    void declaredLengthEqualsWrittenBytesAndDecodesBack() {
        List<UnwindCode> all = allCodes();
        assertTrue(all.size() > 9000, "domain sweep too small: " + all.size());
        for (UnwindCode c : all) {
            ByteSink s = new ByteSink();
            c.write(s);
            assertEquals(c.length(), s.size(), () -> c + " length");
            assertEquals(c, SpecDecoder.decode(s.toBytes(), 0), () -> c + " wrote " + s.toBytes().hex());
        }
    }

    @Test
    void distinctCodesHaveDistinctBytes() {
        var seen = new java.util.HashMap<Bytes, UnwindCode>();
        for (UnwindCode c : allCodes()) {
            ByteSink s = new ByteSink();
            c.write(s);
            UnwindCode prev = seen.put(s.toBytes(), c);
            assertNull(prev, () -> c + " and " + prev + " both encode as " + s.toBytes().hex());
        }
    }

    /** Expected bytes as LLVM MC writes them (llvm/test/MC/AArch64/seh.s, llvm-readobj -u output). */
    @ParameterizedTest
    @CsvSource({
            "83, save_fplr_x 32", "cc83, save_regp_x x21 32", "24, save_r19r20_x 32", "d6c2, save_lrpair x25 16",
            "c882, save_regp x21 16", "d483, save_reg_x x23 32", "d141, save_reg x24 8", "46, save_fplr 48",
            "da05, save_fregp_x d8 48", "d884, save_fregp d10 32", "de83, save_freg_x d12 32", "dd41, save_freg d13 8",
            "e202, add_fp 16", "e1, set_fp", "e3, nop", "e4, end", "e6, save_next", "01, alloc_s 16"})
    void matchesLlvmBytes(String hex, String what) {
        UnwindCode c = switch (what) {
            case "save_fplr_x 32" -> new UnwindCode.SaveFpLrX(32);
            case "save_regp_x x21 32" -> new UnwindCode.SaveRegPX(21, 32);
            case "save_r19r20_x 32" -> new UnwindCode.SaveR19R20X(32);
            case "save_lrpair x25 16" -> new UnwindCode.SaveLrPair(25, 16);
            case "save_regp x21 16" -> new UnwindCode.SaveRegP(21, 16);
            case "save_reg_x x23 32" -> new UnwindCode.SaveRegX(23, 32);
            case "save_reg x24 8" -> new UnwindCode.SaveReg(24, 8);
            case "save_fplr 48" -> new UnwindCode.SaveFpLr(48);
            case "save_fregp_x d8 48" -> new UnwindCode.SaveFRegPX(8, 48);
            case "save_fregp d10 32" -> new UnwindCode.SaveFRegP(10, 32);
            case "save_freg_x d12 32" -> new UnwindCode.SaveFRegX(12, 32);
            case "save_freg d13 8" -> new UnwindCode.SaveFReg(13, 8);
            case "add_fp 16" -> new UnwindCode.AddFp(16);
            case "set_fp" -> new UnwindCode.SetFp();
            case "nop" -> new UnwindCode.Nop();
            case "end" -> new UnwindCode.End();
            case "save_next" -> new UnwindCode.SaveNext();
            case "alloc_s 16" -> new UnwindCode.AllocS(16);
            default -> throw new IllegalArgumentException(what);
        };
        ByteSink s = new ByteSink();
        c.write(s);
        assertEquals(hex, s.toBytes().hex(), what);
    }

    @Test
    void valuesOutsideTheEncodingAreRejected() {
        List<Runnable> bad = List.of(
                () -> new UnwindCode.AllocS(0x200), () -> new UnwindCode.AllocS(8), () -> new UnwindCode.AllocS(-16),
                () -> new UnwindCode.AllocM(0x8000), () -> new UnwindCode.AllocL(0x10000000),
                () -> new UnwindCode.SaveR19R20X(0), () -> new UnwindCode.SaveR19R20X(0x100), () -> new UnwindCode.SaveR19R20X(12),
                () -> new UnwindCode.SaveFpLr(0x200), () -> new UnwindCode.SaveFpLr(4),
                () -> new UnwindCode.SaveFpLrX(0), () -> new UnwindCode.SaveFpLrX(0x208),
                () -> new UnwindCode.SaveRegP(18, 0), () -> new UnwindCode.SaveRegP(30, 0), () -> new UnwindCode.SaveRegP(19, 0x200),
                () -> new UnwindCode.SaveRegPX(19, 0), () -> new UnwindCode.SaveReg(31, 0), () -> new UnwindCode.SaveReg(0, 8),
                () -> new UnwindCode.SaveRegX(19, 0x108), () -> new UnwindCode.SaveLrPair(20, 0), () -> new UnwindCode.SaveLrPair(31, 0),
                () -> new UnwindCode.SaveFRegP(15, 0), () -> new UnwindCode.SaveFRegP(7, 0), () -> new UnwindCode.SaveFRegPX(8, 0x210),
                () -> new UnwindCode.SaveFReg(16, 0), () -> new UnwindCode.SaveFRegX(8, 0x108), () -> new UnwindCode.AddFp(0x800),
                () -> new UnwindCode.AddFp(12));
        for (int i = 0; i < bad.size(); i++) {
            int k = i;
            assertThrows(IllegalArgumentException.class, bad.get(i)::run, () -> "case " + k);
        }
    }

    @Test
    void rejectionNamesTheRangeInHex() {
        var e = assertThrows(IllegalArgumentException.class, () -> new UnwindCode.SaveReg(19, 0x201));
        assertEquals("save_reg offset: 0x201 not in 0x0..0x1f8, multiple of 8", e.getMessage());
    }
}
