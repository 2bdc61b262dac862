package dev.a64w.backend.a64;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.a64.A64Inst.IndexMode;
import dev.a64w.backend.a64.A64Inst.PairOp;
import dev.a64w.backend.a64.FpInst.*;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Epic("subject")
@Feature("a64 encoder")
class FpInstTest {
    private static final FReg V0 = FReg.v(0), V1 = FReg.v(1), V2 = FReg.v(2), V3 = FReg.v(3);
    private static final Gpr X0 = Gpr.x(0), X1 = Gpr.x(1);

    /** Words from the Arm ARM field layouts; the LLVM oracle test (EncodingOracleTest) re-checks every FpSamples form. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new FpRRR(FpBinOp.FADD, FpSize.D, V0, V1, V2), 0x1e622820, "fadd d0, d1, d2"),
                Arguments.of(new FpRRR(FpBinOp.FMUL, FpSize.S, V0, V1, V2), 0x1e220820, "fmul s0, s1, s2"),
                Arguments.of(new FpRRR(FpBinOp.FNMUL, FpSize.D, V0, V1, V2), 0x1e628820, "fnmul d0, d1, d2"),
                Arguments.of(new FpRR(FpUnOp.FSQRT, FpSize.D, V0, V1), 0x1e61c020, "fsqrt d0, d1"),
                Arguments.of(new FpRR(FpUnOp.FMOV, FpSize.S, V0, V1), 0x1e204020, "fmov s0, s1"),
                Arguments.of(new FpCvt(FpSize.D, FpSize.S, V0, V1), 0x1e22c020, "fcvt d0, s1"),
                Arguments.of(new FpCvt(FpSize.S, FpSize.D, V0, V1), 0x1e624020, "fcvt s0, d1"),
                Arguments.of(new FpRRRR(FpTernOp.FMADD, FpSize.D, V0, V1, V2, V3), 0x1f420c20, "fmadd d0, d1, d2, d3"),
                Arguments.of(new FpCmpZero(FpCmpOp.FCMP, FpSize.D, V0), 0x1e602008, "fcmp d0, #0.0"),
                Arguments.of(new FpCmp(FpCmpOp.FCMPE, FpSize.S, V0, V1), 0x1e212010, "fcmpe s0, s1"),
                Arguments.of(new FpCondSelect(FpSize.D, V0, V1, V2, Cond.EQ), 0x1e620c20, "fcsel d0, d1, d2, eq"),
                Arguments.of(new FpMovImm(FpSize.D, V0, new FpImm(0x70)), 0x1e6e1000, "fmov d0, #1.00000000"),
                Arguments.of(new FpToGpr(FpToGprOp.FCVTZS, Size.W, FpSize.S, X0, V0), 0x1e380000, "fcvtzs w0, s0"),
                Arguments.of(new FpToGpr(FpToGprOp.FMOV, Size.X, FpSize.D, X0, V0), 0x9e660000, "fmov x0, d0"),
                Arguments.of(new GprToFp(GprToFpOp.SCVTF, Size.X, FpSize.D, V0, X0), 0x9e620000, "scvtf d0, x0"),
                Arguments.of(new GprToFp(GprToFpOp.FMOV, Size.X, FpSize.D, V0, X0), 0x9e670000, "fmov d0, x0"),
                Arguments.of(new FpLdStUImm(FpMemOp.LDR, FpSize.D, V0, X0, 0), 0xfd400000, "ldr d0, [x0]"),
                Arguments.of(new FpLdStUImm(FpMemOp.STR, FpSize.S, V0, Sp.SP, 4), 0xbd0007e0, "str s0, [sp, #4]"),
                Arguments.of(new FpLdStPair(PairOp.STP, IndexMode.PRE, FpSize.D, FReg.v(8), FReg.v(9), Sp.SP, -16), 0x6dbf27e8,
                        "stp d8, d9, [sp, #-16]!"),
                Arguments.of(new FpLdStPair(PairOp.LDP, IndexMode.POST, FpSize.D, FReg.v(8), FReg.v(9), Sp.SP, 16), 0x6cc127e8,
                        "ldp d8, d9, [sp], #16"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void encodesAndPrints(A64Inst inst, int word, String asm) {
        assertEquals(Integer.toHexString(word), Integer.toHexString(A64Encoder.encode(inst)), asm);
        assertEquals(asm, A64Printer.print(inst));
    }

    @Test
    void operandsAreChecked() {
        // general-purpose fields keep their field-31 meaning
        assertThrows(IllegalArgumentException.class, () -> new FpToGpr(FpToGprOp.FCVTZS, Size.X, FpSize.D, Sp.SP, V0));
        assertThrows(IllegalArgumentException.class, () -> new GprToFp(GprToFpOp.SCVTF, Size.X, FpSize.D, V0, Sp.SP));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStUImm(FpMemOp.LDR, FpSize.D, V0, Zr.ZR, 8));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStPair(PairOp.STP, IndexMode.PRE, FpSize.D, V0, V1, Zr.ZR, -16));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStRegOffset(FpMemOp.LDR, FpSize.D, V0, X0, Sp.SP, true));
        // fmov copies bits: widths must match
        assertThrows(IllegalArgumentException.class, () -> new FpToGpr(FpToGprOp.FMOV, Size.W, FpSize.D, X0, V0));
        assertThrows(IllegalArgumentException.class, () -> new GprToFp(GprToFpOp.FMOV, Size.X, FpSize.S, V0, X0));
        // ranges
        assertThrows(IllegalArgumentException.class, () -> new FpLdStUImm(FpMemOp.LDR, FpSize.D, V0, X0, 4));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStUImm(FpMemOp.LDR, FpSize.S, V0, X0, 0x1000 * 4));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStUnscaled(FpMemOp.STR, FpSize.S, V0, X0, 256));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStIdx(FpMemOp.STR, IndexMode.PRE, FpSize.D, V0, X0, -257));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStIdx(FpMemOp.STR, IndexMode.OFFSET, FpSize.D, V0, X0, 8));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStPair(PairOp.STP, IndexMode.OFFSET, FpSize.D, V0, V1, X0, 512));
        assertThrows(IllegalArgumentException.class, () -> new FpLdStPair(PairOp.STP, IndexMode.OFFSET, FpSize.S, V0, V1, X0, 2));
        assertThrows(IllegalArgumentException.class, () -> new FpCondCompare(FpCcmpOp.FCCMP, FpSize.D, V0, V1, 16, Cond.EQ));
        assertThrows(IllegalArgumentException.class, () -> new FpCvt(FpSize.D, FpSize.D, V0, V1));
        // unpredictable: ldp into one register twice; writeback with an equal register number is fine across files
        assertThrows(IllegalArgumentException.class, () -> new FpLdStPair(PairOp.LDP, IndexMode.OFFSET, FpSize.D, V1, V1, X0, 0));
        new FpLdStPair(PairOp.STP, IndexMode.OFFSET, FpSize.D, V1, V1, X0, 0);
        new FpLdStIdx(FpMemOp.LDR, IndexMode.POST, FpSize.D, V1, X1, 8);
        new FpLdStPair(PairOp.LDP, IndexMode.PRE, FpSize.D, V0, V1, X0, 16);
    }
}
