package dev.a64w.oracle.llvm;

import static dev.a64w.oracle.llvm.FnBuilder.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.a64w.backend.abi.TrapCodes;
import dev.a64w.ir.FloatCC;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.FBinaryOp;
import dev.a64w.ir.Opcodes.FConvOp;
import dev.a64w.ir.Opcodes.FUnaryOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.interp.FloatOps;
import dev.a64w.ir.interp.Interpreter;
import dev.a64w.ir.interp.Outcome;
import dev.a64w.ir.interp.StandardHost;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Runs LLVM's code (O0 and O2) for translated single-instruction float functions on the emulator
 * and compares with the reference interpreter (its {@code FloatOps}, the AArch64 NaN policy), on
 * edge values: NaNs (quiet, signalling, with payloads, negative), ±0, subnormals, ±Inf, huge,
 * tiny, halves for rounding, conversion bounds. Float results are compared after NaN
 * canonicalization (LLVM may constant-fold a NaN to another payload at O2); ±0 stay distinct.
 * Float arguments travel in d0.., integer ones in x0..; float results come back in d0.
 */
@Epic("oracle-llvm")
@Feature("ir-to-llvm")
class IrToLlvmFloatSemanticsTest extends LeafCodegenTest {
    static final long[] F32 = {0x7fc00000L, 0xffc00001L, 0x7f800001L, 0x7fa00005L, 0x00000000L, 0x80000000L,
            0x00000001L, 0x807fffffL, 0x7f800000L, 0xff800000L, 0x7f7fffffL, 0x3f800000L, 0xbfc00000L, 0x40200000L,
            0x3f000000L, 0xc0600000L, 0x4f000000L, 0xcf000000L, 0x5f000000L, 0xdf000001L, 0x4effffffL, 0x47800000L,
            0xbf7fffffL};
    static final long[] F64 = {0x7ff8000000000000L, 0xfff8000000000123L, 0x7ff0000000000001L, 0x7ff4000000000abcL,
            0L, 0x8000000000000000L, 1L, 0x800fffffffffffffL, 0x7ff0000000000000L, 0xfff0000000000000L,
            0x7fefffffffffffffL, 0x3ff0000000000000L, 0xbff8000000000000L, 0x4004000000000000L, 0x3fe0000000000000L,
            0xc00c000000000000L, 0x41e0000000000000L, 0xc1e0000000000000L, 0x41dfffffffc00000L, 0xc1e0000000200000L,
            0x43e0000000000000L, 0xc3e0000000000000L, 0x43f0000000000000L, 0x43efffffffffffffL, 0xbfefffffffffffffL};

    static long[] values(Type t) {
        return t == Type.F32 ? F32 : F64;
    }

    /** {@code bits} with every NaN replaced by the default NaN of its width (floats only). */
    static long canon(Type t, long bits) {
        return t.isFloat() && FloatOps.isNaN(t, bits) ? FloatOps.defaultNaN(t) : t.zext(bits);
    }

    /**
     * Builds {@code %f(params) -> ret} with {@code body}, runs LLVM's code at both levels on every
     * argument tuple and compares with the interpreter on the same module.
     */
    void check(String what, List<Type> params, Type ret, Function<FnBuilder, Value> body, List<long[]> inputs) {
        FnBuilder b = new FnBuilder("f", sig(params, List.of(ret)));
        b.block(0, params.toArray(Type[]::new));
        b.end(new Terminator.Return(List.of(body.apply(b))));
        Module m = Module.of(List.of(b.build()));
        String ir = translator.translate(m);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            McResult r = codegen.compile(ir, level);
            assertEquals(List.of(), r.errors(), what + " " + level);
            long entry = runner.load(r.object());
            for (long[] in : inputs) {
                List<Long> xs = new ArrayList<>();
                List<Long> ds = new ArrayList<>();
                List<Long> all = new ArrayList<>();
                for (int i = 0; i < params.size(); i++) {
                    (params.get(i).isFloat() ? ds : xs).add(params.get(i).zext(in[i]));
                    all.add(params.get(i).isFloat() ? params.get(i).zext(in[i]) : params.get(i).sext(in[i]));
                }
                LeafRunner.Outcome got = runner.callMixed(entry, xs.stream().mapToLong(Long::longValue).toArray(),
                        ds.stream().mapToLong(Long::longValue).toArray(), ret.isFloat());
                Outcome want = new Interpreter(m, new StandardHost(), 1000).call("f", all);
                String msg = what + " " + level + " " + hex(in) + "\n" + ir;
                switch (want) {
                    case Outcome.Returned w -> {
                        LeafRunner.Outcome.Returned g = (LeafRunner.Outcome.Returned) assertReturned(got, msg);
                        assertEquals(Long.toHexString(canon(ret, w.values().get(0))), Long.toHexString(canon(ret, g.x0())), msg);
                    }
                    case Outcome.Trapped t -> assertEquals(new LeafRunner.Outcome.Trapped(TrapCodes.immediate(t.code())), got, msg);
                    case Outcome.OutOfFuel o -> throw new AssertionError("out of fuel: " + msg);
                }
            }
        }
    }

    private static LeafRunner.Outcome assertReturned(LeafRunner.Outcome got, String msg) {
        if (!(got instanceof LeafRunner.Outcome.Returned)) throw new AssertionError("got " + got + ": " + msg);
        return got;
    }

    private static String hex(long[] in) {
        StringBuilder s = new StringBuilder("(");
        for (long v : in) s.append("0x").append(Long.toHexString(v)).append(' ');
        return s.append(')').toString();
    }

    static List<long[]> singles(long[] vs) {
        List<long[]> out = new ArrayList<>();
        for (long v : vs) out.add(new long[] {v});
        return out;
    }

    static List<long[]> pairs(long[] vs) {
        List<long[]> out = new ArrayList<>();
        for (long a : vs) for (long c : vs) out.add(new long[] {a, c});
        return out;
    }

    @Test
    void unaryAndBinaryOperationsMatchTheInterpreter() {
        for (Type t : List.of(Type.F32, Type.F64)) {
            for (FUnaryOp op : FUnaryOp.values()) {
                check(op.clif, List.of(t), t, b -> b.add(new Inst.FUnary(op, b.fresh(), t, new Value(0))), singles(values(t)));
            }
            for (FBinaryOp op : FBinaryOp.values()) {
                check(op.clif, List.of(t, t), t, b -> b.add(new Inst.FBinary(op, b.fresh(), t, new Value(0), new Value(1))),
                        pairs(values(t)));
            }
            List<long[]> triples = new ArrayList<>();
            long[] v = values(t);
            for (int i = 0; i < v.length; i++) for (int j = 0; j < v.length; j += 3) triples.add(new long[] {v[i], v[j], v[(i + j) % v.length]});
            check("fma", List.of(t, t, t), t, b -> b.add(new Inst.Fma(b.fresh(), t, new Value(0), new Value(1), new Value(2))), triples);
        }
    }

    @Test
    void everyConditionGivesAnI8ZeroOrOne() {
        for (Type t : List.of(Type.F32, Type.F64)) {
            for (FloatCC cc : FloatCC.values()) {
                check("fcmp " + cc, List.of(t, t), Type.I8, b -> b.add(new Inst.Fcmp(cc, b.fresh(), new Value(0), new Value(1))),
                        pairs(values(t)));
            }
            check("select", List.of(Type.I8, t, t), t, b -> b.add(new Inst.Select(dev.a64w.ir.Opcodes.SelectOp.SELECT, b.fresh(), t,
                    new Value(0), new Value(1), new Value(2))), List.of(new long[] {0, values(t)[3], values(t)[5]},
                    new long[] {0x100, values(t)[3], values(t)[5]}, new long[] {1, values(t)[4], values(t)[5]}));
        }
    }

    @Test
    void conversionsTrapSaturateAndRoundAsCranelift() {
        for (Type from : List.of(Type.F32, Type.F64)) {
            for (Type to : List.of(Type.I8, Type.I16, Type.I32, Type.I64)) {
                for (FConvOp op : List.of(FConvOp.FCVT_TO_SINT, FConvOp.FCVT_TO_UINT, FConvOp.FCVT_TO_SINT_SAT, FConvOp.FCVT_TO_UINT_SAT)) {
                    check(op.clif + "." + to + " from " + from, List.of(from), to,
                            b -> b.add(new Inst.FConv(op, b.fresh(), to, new Value(0))), singles(values(from)));
                }
            }
        }
        long[] ints = {0, 1, -1, 0x7fffffffL, 0x80000000L, 0x7fffffffffffffffL, 0x8000000000000001L, 0xffffffffffffffffL,
                0x20000001L, 0x1000001L, 0x10000000000401L, 0x7fL, 0xffL, 0x8000L};
        for (Type to : List.of(Type.F32, Type.F64)) {
            for (Type from : List.of(Type.I8, Type.I16, Type.I32, Type.I64)) {
                for (FConvOp op : List.of(FConvOp.FCVT_FROM_SINT, FConvOp.FCVT_FROM_UINT)) {
                    check(op.clif + "." + to + " from " + from, List.of(from), to,
                            b -> b.add(new Inst.FConv(op, b.fresh(), to, new Value(0))), singles(ints));
                }
            }
        }
        check("fpromote", List.of(Type.F32), Type.F64, b -> b.add(new Inst.FConv(FConvOp.FPROMOTE, b.fresh(), Type.F64, new Value(0))),
                singles(F32));
        check("fdemote", List.of(Type.F64), Type.F32, b -> b.add(new Inst.FConv(FConvOp.FDEMOTE, b.fresh(), Type.F32, new Value(0))),
                singles(F64));
    }

    @Test
    void bitcastsAndConstantsKeepEveryBit() {
        check("bitcast.i32", List.of(Type.F32), Type.I32, b -> b.unary(UnaryOp.BITCAST, Type.I32, new Value(0)), singles(F32));
        check("bitcast.f64", List.of(Type.I64), Type.F64, b -> b.unary(UnaryOp.BITCAST, Type.F64, new Value(0)), singles(F64));
        for (long bits : new long[] {0x7fa00005L, 0x80000000L, 0x00000001L}) {
            // an sNaN constant moved through an integer: every bit must survive (no canonicalization on this path)
            check("f32const " + Long.toHexString(bits), List.of(Type.I8), Type.I32, b -> b.unary(UnaryOp.BITCAST, Type.I32,
                    b.add(new Inst.Fconst(b.fresh(), Type.F32, bits))), List.<long[]>of(new long[] {0}));
        }
        check("f64const", List.of(Type.I8), Type.I64, b -> b.unary(UnaryOp.BITCAST, Type.I64,
                b.add(new Inst.Fconst(b.fresh(), Type.F64, 0x7ff4000000000abcL))), List.<long[]>of(new long[] {0}));
    }

    @Test
    void theCanonicalizationKeepsSignedZerosApart() {
        // control for the comparison rule used above: only NaNs are merged
        assertEquals(canon(Type.F32, 0x7fa00005L), canon(Type.F32, 0xffc00000L));
        assertNotEquals(canon(Type.F32, 0x80000000L), canon(Type.F32, 0L));
        assertNotEquals(canon(Type.F64, 0x8000000000000000L), canon(Type.F64, 0L));
    }

    @Test
    void floatLoadsAndStoresKeepTheBits() {
        // the leaf's own stack page is scratch memory: address = first integer argument
        long scratch = 0x6000_0000L + 0x100;
        for (Type t : List.of(Type.F32, Type.F64)) {
            FnBuilder b = new FnBuilder("f", sig(List.of(Type.I64, t), List.of(t)));
            b.block(0, Type.I64, t);
            b.add(new Inst.Store(dev.a64w.ir.Opcodes.StoreOp.STORE, IrSamples.NOTRAP, new Value(1), new Value(0), 8));
            Value v = b.add(new Inst.Load(dev.a64w.ir.Opcodes.LoadOp.LOAD, b.fresh(), t, dev.a64w.ir.MemFlags.NONE,
                    new Value(0), 8));
            b.end(new Terminator.Return(List.of(v)));
            String ir = translator.translate(Module.of(List.of(b.build())));
            for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
                long entry = runner.load(codegen.compile(ir, level).object());
                for (long bits : values(t)) {
                    // exact bits: a load/store never quiets a signalling NaN
                    assertEquals(new LeafRunner.Outcome.Returned(bits, 0).x0(), t.zext(((LeafRunner.Outcome.Returned)
                            runner.callMixed(entry, new long[] {scratch}, new long[] {bits}, true)).x0()), t + " " + level + "\n" + ir);
                }
            }
        }
    }

    /** A big float store read back as a plain integer, and a plain integer store read back as a big float: the bytes reverse. */
    @Test
    void bigFloatLoadsAndStoresReverseTheBytes() throws Exception {
        for (Type t : List.of(Type.F32, Type.F64)) {
            String it = "i" + t.bits();
            String store = "function %f(" + t + ") -> " + it + " {\n    ss0 = explicit_slot 8\n\nblock0(v0: " + t + "):\n"
                    + "    v2 = stack_addr.i64 ss0\n    store big v0, v2\n    v3 = load." + it + " v2\n    return v3\n}\n";
            String load = "function %f(" + it + ") -> " + t + " {\n    ss0 = explicit_slot 8\n\nblock0(v0: " + it + "):\n"
                    + "    v2 = stack_addr.i64 ss0\n    store v0, v2\n    v3 = load." + t + " big v2\n    return v3\n}\n";
            for (String clif : List.of(store, load)) {
                Module m = dev.a64w.ir.text.Parser.parse(clif);
                boolean floatArg = clif == store;
                String ir = translator.translate(m);
                org.junit.jupiter.api.Assertions.assertTrue(ir.contains("@llvm.bswap." + it), ir);
                for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
                    long entry = runner.load(codegen.compile(ir, level).object());
                    for (long bits : values(t)) {
                        long want = ((Outcome.Returned) new Interpreter(m, new StandardHost(), 1000).call("f", List.of(bits)))
                                .values().get(0);
                        LeafRunner.Outcome got = floatArg ? runner.callMixed(entry, new long[0], new long[] {bits}, false)
                                : runner.callMixed(entry, new long[] {bits}, new long[0], true);
                        assertEquals(Long.toHexString(t.zext(want)), Long.toHexString(t.zext(((LeafRunner.Outcome.Returned) got).x0())),
                                t + " " + level + " 0x" + Long.toHexString(bits) + "\n" + ir);
                        assertEquals(Long.toHexString(Long.reverseBytes(bits) >>> (64 - t.bits())), Long.toHexString(t.zext(want)));
                    }
                }
            }
        }
    }

    @Test
    void mixedSignaturesCallsPhisAndResultsCompileAtBothLevels() throws Exception {
        Module m = dev.a64w.ir.text.Parser.parse("""
                function %g(f32, i64, f64) -> f64, i32, f32 {
                block0(v0: f32, v1: i64, v2: f64):
                    v3 = fpromote.f64 v0
                    v4 = fadd v3, v2
                    v5 = ireduce.i32 v1
                    v6 = fcmp uno v4, v4
                    brif v6, block1(v4), block1(v2)
                block1(v7: f64):
                    return v7, v5, v0
                }

                function %h(i64, f64) -> f64 {
                    fn0 = colocated %g(f32, i64, f64) -> f64, i32, f32
                block0(v0: i64, v1: f64):
                    v2 = f32const 0x1.8p1
                    store.f64 notrap v1, v0+16
                    v3 = load.f64 v0+16
                    v4, v5, v6 = call fn0(v2, v0, v3)
                    v7 = fpromote.f64 v6
                    v8 = fmul v4, v7
                    return v8
                }
                """);
        String ir = translator.translate(m);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            assertEquals(List.of(), codegen.compile(ir, level).errors(), level + "\n" + ir);
        }
        org.junit.jupiter.api.Assertions.assertTrue(ir.contains("define dso_local { double, i32, float } @g(float %a0, i64 %a1, double %a2)"), ir);
        org.junit.jupiter.api.Assertions.assertTrue(ir.contains("phi double"), ir);
    }
}
