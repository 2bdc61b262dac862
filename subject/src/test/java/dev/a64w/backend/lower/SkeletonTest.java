package dev.a64w.backend.lower;

import static dev.a64w.backend.testutil.IrBuilder.types;
import static dev.a64w.ir.Type.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.RelocKind;
import dev.a64w.backend.UnwindOp;
import dev.a64w.backend.testutil.IrBuilder;
import dev.a64w.backend.testutil.Structure;
import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Epic("subject")
@Feature("lowering")
class SkeletonTest {
    static CompiledFunction compile(Module m, Function f) {
        CompiledFunction cf = FunctionCompiler.compile(m, f);
        List<String> problems = Structure.problems(cf);
        assertTrue(problems.isEmpty(), problems + "\n" + Structure.dump(cf));
        return cf;
    }

    static CompiledFunction compile(Function f) {
        return compile(Module.of(List.of(f)), f);
    }

    @Test
    void addIsTwoInstructionsWithoutFrame() {
        IrBuilder fb = new IrBuilder("add", types(I64, I64), types(I64));
        var b = fb.entry();
        b.ret(b.bin(BinaryOp.IADD, I64, b.p(0), b.p(1)));
        CompiledFunction cf = compile(fb.build());
        assertEquals(List.of("add x0, x0, x1", "ret"), cf.asm());
        assertTrue(cf.unwind().isEmpty());
        assertEquals("0000018bc0035fd6", cf.code().hex());
    }

    @ParameterizedTest
    @EnumSource(value = BinaryOp.class, names = {"IADD", "ISUB", "IMUL", "BAND", "BOR", "BXOR"})
    void skeletonBinaryOps(BinaryOp op) {
        for (Type t : new Type[] {I32, I64}) {
            IrBuilder fb = new IrBuilder("f_" + op, types(t, t), types(t));
            var b = fb.entry();
            b.ret(b.bin(op, t, b.p(0), b.p(1)));
            CompiledFunction cf = compile(fb.build());
            String r = t == I64 ? "x" : "w";
            String expect = switch (op) {
                case IADD -> "add " + r + "0, " + r + "0, " + r + "1";
                case ISUB -> "sub " + r + "0, " + r + "0, " + r + "1";
                case IMUL -> "mul " + r + "0, " + r + "0, " + r + "1";
                case BAND -> "and " + r + "0, " + r + "0, " + r + "1";
                case BOR -> "orr " + r + "0, " + r + "0, " + r + "1";
                default -> "eor " + r + "0, " + r + "0, " + r + "1";
            };
            assertEquals(List.of(expect, "ret"), cf.asm());
        }
    }

    @ParameterizedTest
    @EnumSource(IntCC.class)
    void icmpEveryCondition(IntCC cc) {
        for (Type t : new Type[] {I8, I16, I32, I64}) {
            IrBuilder fb = new IrBuilder("cmp", types(t, t), types(I8));
            var b = fb.entry();
            b.ret(b.icmp(cc, b.p(0), b.p(1)));
            CompiledFunction cf = compile(fb.build());
            String last = cf.asm().get(cf.asm().size() - 2);
            assertEquals("cset w0, " + dev.a64w.backend.lower.Seq.cond(cc).asm(), last, String.join("\n", cf.asm()));
        }
    }

    @Test
    void loopWithBlockArgsAndFusedBranch() {
        IrBuilder g = new IrBuilder("sum", types(I32), types(I32));
        var e = g.entry();
        var hdr = g.block(I32, I32);
        var exit = g.block(I32);
        e.jump(hdr, e.p(0), e.iconst(I32, 0));
        var c = hdr.icmpImm(IntCC.EQ, hdr.p(0), 0);
        var dec = hdr.binImm(dev.a64w.ir.Opcodes.BinaryImmOp.IADD_IMM, I32, hdr.p(0), -1);
        var acc = hdr.bin(BinaryOp.IADD, I32, hdr.p(1), hdr.p(0));
        hdr.brif(c, exit, new Value[] {hdr.p(1)}, hdr, new Value[] {dec, acc});
        exit.ret(exit.p(0));
        CompiledFunction cf = compile(g.build());
        assertTrue(cf.asm().contains("cmp w0, #0"), String.join("\n", cf.asm()));
        assertTrue(cf.asm().contains("sub w2, w0, #1"));
        assertFalse(cf.asm().stream().anyMatch(l -> l.startsWith("cset")), "icmp fused into the branch");
        assertFalse(cf.labels().isEmpty());
        cf.labels().values().forEach(ls -> ls.forEach(l -> assertTrue(l.startsWith(".Lsum_"))));
    }

    @Test
    void swapCycleOnBackEdge() {
        IrBuilder g = new IrBuilder("swap", types(I64, I64, I64), types(I64));
        var e = g.entry();
        var hdr = g.block(I64, I64, I64);
        var exit = g.block();
        e.jump(hdr, e.p(0), e.p(1), e.p(2));
        var n = hdr.binImm(dev.a64w.ir.Opcodes.BinaryImmOp.IADD_IMM, I64, hdr.p(2), -1);
        hdr.brif(n, hdr, new Value[] {hdr.p(1), hdr.p(0), n}, exit, new Value[] {});
        exit.ret(exit.iconst(I64, 0));
        CompiledFunction cf = compile(g.build());
        // a swap of two registers needs the scratch x16
        assertTrue(cf.asm().stream().anyMatch(l -> l.contains("x16")), String.join("\n", cf.asm()));
    }

    @Test
    void callWithEightArgsKeepsLiveValuesInCalleeSaved() {
        IrBuilder h = new IrBuilder("caller", types(I64, I64, I64), types(I64));
        List<Type> eight = new ArrayList<>(List.of(I64, I64, I64, I64, I64, I64, I64, I64));
        int callee = h.declare("callee", eight, types(I64));
        var b = h.entry();
        Value[] args = new Value[8];
        for (int k = 0; k < 8; k++) args[k] = b.iconst(I64, k + 1);
        args[0] = b.p(2);
        var r = b.call(callee, 1, args);
        var s = b.bin(BinaryOp.IADD, I64, r[0], b.p(0));
        b.ret(b.bin(BinaryOp.IADD, I64, s, b.p(1)));
        CompiledFunction cf = compile(h.build());
        assertEquals(1, cf.relocs().size());
        assertEquals(RelocKind.CALL26, cf.relocs().getFirst().kind());
        assertEquals("callee", cf.relocs().getFirst().symbol());
        assertTrue(cf.asm().contains("bl callee"));
        var u = cf.unwind().orElseThrow();
        assertTrue(u.prologue().stream().anyMatch(st -> st.op() instanceof UnwindOp.SaveRegPairPre p && p.reg() == 19), u.toString());
        assertEquals(1, u.epilogues().size());
    }

    @Test
    void importCallGoesThroughTheImpSlot() {
        IrBuilder h = new IrBuilder("caller", types(I64), types(I64));
        int callee = h.declare("host_f", types(I64), types(I64));
        var b = h.entry();
        b.ret(b.call(callee, 1, b.p(0))[0]);
        Function f = h.build();
        Module m = new Module(List.of(), List.of(new Import("host_f", "host.dll")), List.of(), List.of(f), List.of(), List.of());
        CompiledFunction cf = compile(m, f);
        assertTrue(cf.asm().containsAll(List.of("adrp x16, __imp_host_f", "ldr x16, [x16, :lo12:__imp_host_f]", "blr x16")), String.join("\n", cf.asm()));
        assertEquals(List.of(RelocKind.ADRP_PAGE21, RelocKind.LDST64_LO12), cf.relocs().stream().map(r -> r.kind()).toList());
        assertTrue(cf.relocs().stream().allMatch(r -> r.symbol().equals("__imp_host_f")));
    }
}
