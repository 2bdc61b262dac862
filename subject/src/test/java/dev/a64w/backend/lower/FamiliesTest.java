package dev.a64w.backend.lower;

import static dev.a64w.backend.lower.SkeletonTest.compile;
import static dev.a64w.backend.testutil.IrBuilder.types;
import static dev.a64w.ir.Type.*;
import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.RelocKind;
import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.backend.testutil.IrBuilder;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Opcodes.OverflowOp;
import dev.a64w.ir.Opcodes.StoreOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@Epic("subject")
@Feature("lowering")
class FamiliesTest {
    static final Type[] ALL = {I8, I16, I32, I64};

    @ParameterizedTest
    @EnumSource(BinaryOp.class)
    void everyBinaryOpAtEveryType(BinaryOp op) {
        for (Type t : ALL) {
            IrBuilder fb = new IrBuilder("bin", types(t, t), types(t));
            var b = fb.entry();
            b.ret(b.bin(op, t, b.p(0), b.p(1)));
            CompiledFunction cf = compile(fb.build());
            if (op.canTrap()) assertTrue(cf.asm().contains("brk #0xf004"), "zero check: " + cf.asm());
            if (op == BinaryOp.SDIV) assertTrue(cf.asm().contains("brk #0xc002"), "overflow check: " + cf.asm());
            if (op == BinaryOp.SREM) assertFalse(cf.asm().contains("brk #0xc002"), "srem INT_MIN % -1 is 0: " + cf.asm());
        }
    }

    @ParameterizedTest
    @EnumSource(BinaryImmOp.class)
    void everyImmOpAtEveryTypeAndSomeImmediates(BinaryImmOp op) {
        for (Type t : ALL) {
            for (long imm : new long[] {0, 1, -1, 7, 0xfff, 0x1000, 0x1001, 0xff00, 0x12345678, -0x80000000L, 0x7fff_ffff_ffff_ffffL, 63, 64, 65}) {
                IrBuilder fb = new IrBuilder("imm", types(t), types(t));
                var b = fb.entry();
                b.ret(b.binImm(op, t, b.p(0), imm));
                compile(fb.build());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void everyUnaryOp(UnaryOp op) {
        for (Type from : ALL) {
            for (Type to : ALL) {
                boolean ok = switch (op) {
                    case UEXTEND, SEXTEND -> to.bits() > from.bits();
                    case IREDUCE -> to.bits() < from.bits();
                    case BMASK -> true;
                    default -> to == from;
                };
                if (!ok) continue;
                IrBuilder fb = new IrBuilder("un", types(from), types(to));
                var b = fb.entry();
                b.ret(b.unary(op, to, b.p(0)));
                compile(fb.build());
            }
        }
    }

    @Test
    void uextendI32ToI64ClearsTheUpperHalfEvenInPlace() {
        IrBuilder fb = new IrBuilder("zext", types(I32), types(I64));
        var b = fb.entry();
        b.ret(b.unary(UnaryOp.UEXTEND, I64, b.p(0)));
        assertEquals(List.of("mov w0, w0", "ret"), compile(fb.build()).asm());
    }

    @Test
    void compareImmediatesSelectAndTraps() {
        for (Type t : ALL) {
            for (IntCC cc : IntCC.values()) {
                for (long imm : new long[] {0, 1, -1, 255, 256, -129, 0xffff, 0x10000, 4095, 4096, -4096, 0x7fffffff}) {
                    IrBuilder fb = new IrBuilder("cmpimm", types(t, t, t), types(t));
                    var b = fb.entry();
                    var c = b.icmpImm(cc, b.p(0), imm);
                    b.trapIf(true, b.p(2), TrapCode.user(7));
                    b.ret(b.select(t, c, b.p(1), b.p(2)));
                    CompiledFunction cf = compile(fb.build());
                    assertTrue(cf.asm().contains("brk #0xc107"));
                }
            }
        }
    }

    @Test
    void overflowOps() {
        for (Type t : ALL) {
            for (OverflowOp op : OverflowOp.values()) {
                IrBuilder fb = new IrBuilder("ovf", types(t, t), types(t, I8));
                var b = fb.entry();
                Value[] r = b.overflow(op, t, b.p(0), b.p(1));
                b.ret(r[0], r[1]);
                compile(fb.build());
            }
        }
    }

    @Test
    void loadsAndStoresOfEveryWidthAndOffset() {
        for (int off : new int[] {0, 1, 8, -8, 255, -256, 256, 4095, 32760, 32768, -100000, 0x7fff_fff0}) {
            IrBuilder fb = new IrBuilder("mem", types(I64, I64), types(I64));
            var b = fb.entry();
            Value acc = b.load(LoadOp.LOAD, I64, b.p(0), off);
            for (LoadOp op : LoadOp.values()) {
                for (Type t : ALL) {
                    if (op != LoadOp.LOAD && op.bytes(t) >= t.bytes()) continue;
                    Value v = b.load(op, t, b.p(0), off);
                    b.store(StoreOp.STORE, v, b.p(1), off);
                }
            }
            b.store(StoreOp.ISTORE8, acc, b.p(1), off);
            b.store(StoreOp.ISTORE16, acc, b.p(1), off);
            b.store(StoreOp.ISTORE32, acc, b.p(1), off);
            b.ret(acc);
            compile(fb.build());
        }
    }

    @Test
    void stackSlotsAndBigFramesProbe() {
        for (int size : new int[] {1, 8, 16, 100, 4000, 4096, 70000, 1 << 20, (1 << 24) + 48}) {
            IrBuilder fb = new IrBuilder("slots", types(I64), types(I64));
            int s0 = fb.slot(8, 8);
            int big = fb.slot(size, 16);
            var b = fb.entry();
            b.stackStore(b.p(0), s0, 0);
            b.stackStore(b.p(0), big, Math.max(0, size - 8));
            Value a = b.stackAddr(big, size / 2);
            Value l = b.stackLoad(I64, s0, 0);
            b.ret(b.bin(BinaryOp.IADD, I64, a, l));
            CompiledFunction cf = compile(fb.build());
            boolean probes = cf.asm().contains("bl __chkstk");
            assertEquals(size >= 4096, probes, "probe for " + size + ": " + cf.asm());
            if (probes) {
                assertTrue(cf.relocs().stream().anyMatch(r -> r.kind() == RelocKind.CALL26 && r.symbol().equals("__chkstk")));
                assertTrue(cf.asm().contains("sub sp, sp, x15, lsl #4"));
            }
        }
    }

    @Test
    void brTableWithDefaultAndEdges() {
        for (Type t : ALL) {
            IrBuilder fb = new IrBuilder("table", types(t), types(I32));
            var b = fb.entry();
            var t0 = fb.block();
            var t1 = fb.block();
            var dflt = fb.block();
            b.brTable(b.p(0), dflt, List.of(t0, t1, t0));
            t0.ret(t0.iconst(I32, 10));
            t1.ret(t1.iconst(I32, 11));
            dflt.ret(dflt.iconst(I32, 12));
            CompiledFunction cf = compile(fb.build());
            assertTrue(cf.asm().contains("br x16"));
            assertTrue(cf.asm().stream().anyMatch(l -> l.startsWith("adr x17, .Ltable_")));
        }
    }

    @Test
    void manyLiveValuesSpillAndSurviveCalls() {
        IrBuilder fb = new IrBuilder("pressure", types(I64), types(I64));
        int callee = fb.declare("g", types(I64), types(I64));
        var b = fb.entry();
        Value[] vs = new Value[40];
        for (int k = 0; k < vs.length; k++) vs[k] = b.binImm(BinaryImmOp.IADD_IMM, I64, b.p(0), k);
        Value r = b.call(callee, 1, vs[3])[0];
        Value acc = r;
        for (Value v : vs) acc = b.bin(BinaryOp.IADD, I64, acc, v);
        b.ret(acc);
        CompiledFunction cf = compile(fb.build());
        assertTrue(cf.asm().stream().anyMatch(l -> l.matches("str x\\d+, \\[sp, #\\d+\\]")), "spills");
        assertTrue(cf.asm().stream().anyMatch(l -> l.startsWith("stp x27, x28")), "all callee-saved used and saved");
    }

    @Test
    void stackArgumentsBothWays() {
        IrBuilder fb = new IrBuilder("many", types(I64, I64, I64, I64, I64, I64, I64, I64, I32, I8, I64), types(I64));
        int callee = fb.declare("g", types(I64, I64, I64, I64, I64, I64, I64, I64, I64, I16, I64, I64), types(I64, I64));
        var b = fb.entry();
        Value s = b.bin(BinaryOp.IADD, I64, b.p(10), b.p(0));
        Value[] r = b.call(callee, 2, b.p(0), b.p(1), b.p(2), b.p(3), b.p(4), b.p(5), b.p(6), b.p(7), b.p(10), b.iconst(I16, 5), s, b.p(0));
        b.ret(b.bin(BinaryOp.IADD, I64, r[0], r[1]));
        CompiledFunction cf = compile(fb.build());
        assertTrue(cf.asm().contains("str x16, [sp, #8]") || cf.asm().stream().anyMatch(l -> l.matches("str [xw]\\d+, \\[sp, #8\\]")), String.join("\n", cf.asm()));
    }

    @Test
    void symbolsFunctionAddressesAndIndirectCalls() {
        IrBuilder fb = new IrBuilder("addr", types(I64), types(I64));
        int local = fb.declare("local_fn", types(I64), types(I64));
        int imp = fb.declare("host_g", types(I64), types(I64));
        int sig = fb.signature(types(I64), types(I64));
        int gv = fb.global("table", 8);
        int far = fb.global("table", 1L << 21);
        var b = fb.entry();
        Value p = b.funcAddr(local);
        Value q = b.funcAddr(imp);
        Value d = b.symbolValue(gv);
        Value e = b.symbolValue(far);
        Value r = b.callIndirect(sig, 1, p, d)[0];
        Value r2 = b.callIndirect(sig, 1, q, e)[0];
        b.ret(b.bin(BinaryOp.IADD, I64, r, r2));
        var f = fb.build();
        var m = new dev.a64w.ir.Module(List.of(), List.of(new dev.a64w.ir.Import("host_g", "host.dll")), List.of(), List.of(f), List.of(), List.of());
        CompiledFunction cf = compile(m, f);
        assertTrue(cf.relocs().stream().anyMatch(x -> x.kind() == RelocKind.ADD_LO12 && x.symbol().equals("local_fn")));
        assertTrue(cf.relocs().stream().anyMatch(x -> x.kind() == RelocKind.LDST64_LO12 && x.symbol().equals("__imp_host_g")));
        assertTrue(cf.relocs().stream().anyMatch(x -> x.kind() == RelocKind.ADRP_PAGE21 && x.symbol().equals("table") && x.addend() == 8));
        assertTrue(cf.relocs().stream().anyMatch(x -> x.kind() == RelocKind.ADD_LO12 && x.symbol().equals("table") && x.addend() == 0), "far offset not folded");
        assertFalse(cf.relocs().stream().anyMatch(x -> x.kind() == RelocKind.LDST64_LO12 && !x.symbol().startsWith("__imp_")), "12L only against import slots");
        assertEquals(2, cf.asm().stream().filter(l -> l.equals("blr x17")).count());
    }

    @Test
    void trapCodesTable() {
        assertEquals(0xF004, TrapCodes.immediate(TrapCode.INT_DIVZ));
        assertEquals(0xC001, TrapCodes.immediate(TrapCode.UNREACHABLE));
        assertEquals(0xC100 + 255, TrapCodes.immediate(TrapCode.user(255)));
        assertThrows(UnsupportedFeatureException.class, () -> TrapCodes.immediate(TrapCode.user(256)));
        assertThrows(UnsupportedFeatureException.class, () -> TrapCodes.immediate(new TrapCode("weird")));
        assertEquals("int_ovf", TrapCodes.nameOf(0xC002).orElseThrow());
    }

    @Test
    void unsupportedIsNamed() {
        IrBuilder fb = new IrBuilder("many_results", types(I64), types(I64, I64, I64, I64, I64, I64, I64, I64, I64));
        var b = fb.entry();
        Value v = b.p(0);
        b.ret(v, v, v, v, v, v, v, v, v);
        var ex = assertThrows(UnsupportedFeatureException.class, () -> compile(fb.build()));
        assertTrue(ex.getMessage().startsWith("unsupported: more than 8 return values"), ex.getMessage());
    }
}
