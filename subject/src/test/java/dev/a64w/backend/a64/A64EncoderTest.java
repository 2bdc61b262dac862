package dev.a64w.backend.a64;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.a64.A64Inst.*;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Epic("subject")
@Feature("a64 encoder")
class A64EncoderTest {
    private static final Gpr X0 = Gpr.x(0), X1 = Gpr.x(1), X2 = Gpr.x(2);

    /** Words known from the Arm ARM field layouts and common disassembly; the LLVM oracle test re-checks all. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(new AluRRImm12(AddSubOp.ADD, Size.X, X0, X1, new Imm12(1, false)), 0x91000420, "add x0, x1, #1"),
                Arguments.of(new AluRRR(AluOp.ADD, Size.X, X0, X1, X2), 0x8b020020, "add x0, x1, x2"),
                Arguments.of(new AluRRR(AluOp.ORR, Size.X, X0, Zr.ZR, X1), 0xaa0103e0, "mov x0, x1"),
                Arguments.of(new AluRRR(AluOp.ORN, Size.W, X0, Zr.ZR, X1), 0x2a2103e0, "mvn w0, w1"),
                Arguments.of(new AluRRR(AluOp.SUB, Size.X, X0, Zr.ZR, X1), 0xcb0103e0, "neg x0, x1"),
                Arguments.of(new AluRRImm12(AddSubOp.SUBS, Size.W, Zr.ZR, X0, new Imm12(0, false)), 0x7100001f, "cmp w0, #0"),
                Arguments.of(new LogicRRImm(LogicOp.AND, Size.W, X0, X1, ImmLogic.tryFrom(0xff, 32).orElseThrow()), 0x12001c20, "and w0, w1, #0xff"),
                Arguments.of(new MovWide(MovOp.MOVZ, Size.X, X0, 1, 0), 0xd2800020, "mov x0, #1"),
                Arguments.of(new MovWide(MovOp.MOVZ, Size.W, X0, 0, 0), 0x52800000, "mov w0, #0"),
                Arguments.of(new MovWide(MovOp.MOVK, Size.X, X0, 0x1234, 16), 0xf2a24680, "movk x0, #4660, lsl #16"),
                Arguments.of(new MovWide(MovOp.MOVN, Size.X, X0, 0, 0), 0x92800000, "mov x0, #-1"),
                Arguments.of(new BitfieldMove(BfOp.UBFM, Size.X, X0, X1, 63, 62), 0xd37ff820, "lsl x0, x1, #1"),
                Arguments.of(new BitfieldMove(BfOp.UBFM, Size.X, X0, X1, 4, 63), 0xd344fc20, "lsr x0, x1, #4"),
                Arguments.of(new BitfieldMove(BfOp.SBFM, Size.X, X0, X1, 0, 31), 0x93407c20, "sxtw x0, w1"),
                Arguments.of(new BitfieldMove(BfOp.UBFM, Size.W, X0, X1, 0, 7), 0x53001c20, "uxtb w0, w1"),
                Arguments.of(new Extr(Size.W, X0, X1, X1, 3), 0x13810c20, "ror w0, w1, #3"),
                Arguments.of(new DataProc1(Dp1Op.CLZ, Size.X, X0, X1), 0xdac01020, "clz x0, x1"),
                Arguments.of(new DataProc1(Dp1Op.REV, Size.X, X0, X1), 0xdac00c20, "rev x0, x1"),
                Arguments.of(new DataProc1(Dp1Op.REV, Size.W, X0, X1), 0x5ac00820, "rev w0, w1"),
                Arguments.of(new DataProc2(Dp2Op.SDIV, Size.X, X0, X1, X2), 0x9ac20c20, "sdiv x0, x1, x2"),
                Arguments.of(new DataProc2(Dp2Op.UDIV, Size.W, X0, X1, X2), 0x1ac20820, "udiv w0, w1, w2"),
                Arguments.of(new MulAdd(MulOp.MADD, Size.X, X0, X1, X2, Zr.ZR), 0x9b027c20, "mul x0, x1, x2"),
                Arguments.of(new MulAdd(MulOp.UMULH, Size.X, X0, X1, X2, Zr.ZR), 0x9bc27c20, "umulh x0, x1, x2"),
                Arguments.of(new MulAdd(MulOp.SMADDL, Size.X, X0, X1, X2, Zr.ZR), 0x9b227c20, "smull x0, w1, w2"),
                Arguments.of(new CondSelect(CselOp.CSINC, Size.W, X0, Zr.ZR, Zr.ZR, Cond.NE), 0x1a9f17e0, "cset w0, eq"),
                Arguments.of(new CondSelect(CselOp.CSEL, Size.X, X0, X1, X2, Cond.EQ), 0x9a820020, "csel x0, x1, x2, eq"),
                Arguments.of(new CondCompareImm(CcmpOp.CCMP, Size.X, X0, 1, 0, Cond.EQ), 0xfa410800, "ccmp x0, #1, #0, eq"),
                Arguments.of(new LdStUImm(LdStOp.LDRX, X0, X1, 8), 0xf9400420, "ldr x0, [x1, #8]"),
                Arguments.of(new LdStUImm(LdStOp.LDRB, X0, X1, 0), 0x39400020, "ldrb w0, [x1]"),
                Arguments.of(new LdStUImm(LdStOp.STRB, X0, X1, 0), 0x39000020, "strb w0, [x1]"),
                Arguments.of(new LdStUnscaled(LdStOp.LDRX, X0, X1, -8), 0xf85f8020, "ldur x0, [x1, #-8]"),
                Arguments.of(new LdStRegOffset(LdStOp.LDRX, X0, X1, X2), 0xf8626820, "ldr x0, [x1, x2]"),
                Arguments.of(new LdStIdx(LdStOp.STRX, IndexMode.PRE, Gpr.x(19), Sp.SP, -32), 0xf81e0ff3, "str x19, [sp, #-32]!"),
                Arguments.of(new LdStPair(PairOp.STP, IndexMode.PRE, Size.X, Gpr.FP, Gpr.LR, Sp.SP, -16), 0xa9bf7bfd, "stp x29, x30, [sp, #-16]!"),
                Arguments.of(new LdStPair(PairOp.LDP, IndexMode.POST, Size.X, Gpr.FP, Gpr.LR, Sp.SP, 16), 0xa8c17bfd, "ldp x29, x30, [sp], #16"),
                Arguments.of(new AluRRImm12(AddSubOp.ADD, Size.X, Gpr.FP, Sp.SP, new Imm12(0, false)), 0x910003fd, "mov x29, sp"),
                Arguments.of(new AluRRExt(AddSubOp.SUB, Size.X, Sp.SP, Sp.SP, Gpr.X15, Extend.UXTX, 4), 0xcb2f73ff, "sub sp, sp, x15, lsl #4"),
                Arguments.of(new BranchReg(BrOp.RET, Gpr.LR), 0xd65f03c0, "ret"),
                Arguments.of(new BranchReg(BrOp.BLR, Gpr.X16), 0xd63f0200, "blr x16"),
                Arguments.of(new Brk(0xf000), 0xd43e0000, "brk #0xf000"),
                Arguments.of(new Brk(0), 0xd4200000, "brk #0"), // LLVM prints %#x: zero has no 0x
                Arguments.of(new MovWide(MovOp.MOVK, Size.W, X0, 0xffff, 0), 0x729fffe0, "movk w0, #65535"),
                Arguments.of(new B26(BranchOp.B, new Rel(0)), 0x14000000, "b #0"),
                Arguments.of(new B26(BranchOp.BL, new Rel(8)), 0x94000002, "bl #8"),
                Arguments.of(new CondBr(Cond.NE, new Rel(-4)), 0x54ffffe1, "b.ne #-4"),
                Arguments.of(new CompareBranch(CbOp.CBZ, Size.X, X0, new Rel(8)), 0xb4000040, "cbz x0, #8"),
                Arguments.of(new Nop(), 0xd503201f, "nop"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void encodesAndPrints(A64Inst inst, int word, String asm) {
        assertEquals(Integer.toHexString(word), Integer.toHexString(A64Encoder.encode(inst)), asm);
        assertEquals(asm, A64Printer.print(inst));
    }

    @Test
    void everySampleEncodesAndPrints() {
        List<A64Inst> all = A64Samples.all();
        assertTrue(all.size() > 10000, "samples: " + all.size());
        Set<Integer> words = new HashSet<>();
        for (A64Inst i : all) {
            words.add(A64Encoder.encode(i));
            String asm = A64Printer.print(i);
            assertFalse(asm.isBlank());
            assertEquals(asm.trim(), asm);
            assertEquals(asm.toLowerCase(), asm.replace("R", "r"), "lower case: " + asm);
        }
        // distinct records of the same format must not collide into one word (sampled: most differ)
        assertTrue(words.size() > all.size() / 2);
        for (A64Inst i : A64Samples.symbolic()) {
            A64Encoder.encode(i);
            assertFalse(A64Printer.print(i).isBlank());
        }
    }

    @Test
    void symbolAddendsAreEncodedTheWayTheLinkerReadsThem() {
        // ADRP: signed byte addend in immhi:immlo
        int adrp = A64Encoder.encode(new Adrp(X0, new Sym("d", 8)));
        assertEquals(0x9000_0000 | (8 >> 2) << 5 | (8 & 3) << 29, adrp);
        int adrpNeg = A64Encoder.encode(new Adrp(X0, new Sym("d", -4)));
        int imm = ((adrpNeg >>> 5) & 0x7ffff) << 2 | ((adrpNeg >>> 29) & 3);
        assertEquals(-4, (imm << 11) >> 11);
        // ADD: A & 0xfff
        assertEquals(0x9100_0000 | 0x123 << 10, A64Encoder.encode(new AddLo12(X0, X0, new Sym("d", 0x1123))));
        // LDR X: (A & 0xfff) >> 3
        assertEquals(0xf940_0000 | (0x18 >> 3) << 10, A64Encoder.encode(new LdStLo12(LdStOp.LDRX, X0, X0, new Sym("d", 0x18))));
        // branches to symbols: zero displacement
        assertEquals(0x9400_0000, A64Encoder.encode(new B26(BranchOp.BL, Sym.of("f"))));
    }

    @Test
    void unpredictableLoadStoreFormsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LdStIdx(LdStOp.LDRX, IndexMode.POST, X0, X0, 8));
        assertThrows(IllegalArgumentException.class, () -> new LdStIdx(LdStOp.STRB, IndexMode.PRE, X1, X1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LdStPair(PairOp.LDP, IndexMode.POST, Size.X, X0, X1, X0, 16));
        assertThrows(IllegalArgumentException.class, () -> new LdStPair(PairOp.STP, IndexMode.PRE, Size.W, X0, X1, X1, 8));
        assertThrows(IllegalArgumentException.class, () -> new LdStPair(PairOp.LDP, IndexMode.OFFSET, Size.X, X0, X0, X1, 0));
        assertThrows(IllegalArgumentException.class, () -> new LdStPair(PairOp.LDP, IndexMode.PRE, Size.X, X0, X0, X1, 16));
        // allowed: no writeback, a base equal to the data register; sp base with zr data; stp of one register twice
        new LdStUImm(LdStOp.LDRX, X0, X0, 8);
        new LdStIdx(LdStOp.STRX, IndexMode.PRE, Zr.ZR, Sp.SP, -16);
        new LdStPair(PairOp.LDP, IndexMode.OFFSET, Size.X, X1, X2, X1, 0);
        new LdStPair(PairOp.STP, IndexMode.OFFSET, Size.X, X0, X0, X1, 0);
    }

    @Test
    void operandClassesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Gpr(31));
        assertThrows(IllegalArgumentException.class, () -> new AluRRR(AluOp.ADD, Size.X, Sp.SP, X0, X1));
        assertThrows(IllegalArgumentException.class, () -> new AluRRImm12(AddSubOp.ADD, Size.X, Zr.ZR, X0, new Imm12(1, false)));
        assertThrows(IllegalArgumentException.class, () -> new LdStUImm(LdStOp.LDRX, X0, X1, 4));
        assertThrows(IllegalArgumentException.class, () -> new LdStPair(PairOp.STP, IndexMode.OFFSET, Size.X, X0, X1, Sp.SP, 512));
        assertThrows(IllegalArgumentException.class, () -> new B26(BranchOp.BL, new Sym("f", 4)));
        assertThrows(IllegalArgumentException.class, () -> new CondBr(Cond.EQ, Sym.of("f")));
        assertThrows(IllegalArgumentException.class, () -> new Imm12(0x1000, false));
    }

    @Test
    void imm12() {
        assertEquals(new Imm12(0xfff, false), Imm12.tryFrom(0xfff).orElseThrow());
        assertEquals(new Imm12(1, true), Imm12.tryFrom(0x1000).orElseThrow());
        assertTrue(Imm12.tryFrom(0x1001).isEmpty());
        assertTrue(Imm12.tryFrom(-1).isEmpty());
        assertTrue(Imm12.tryFrom(0x1000000).isEmpty());
        for (long v = 0; v < 0x1000; v++) assertEquals(v, Imm12.tryFrom(v).orElseThrow().value());
    }
}
