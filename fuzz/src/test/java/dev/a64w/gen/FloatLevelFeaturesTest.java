package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.AtomicRmwOp;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What the {@code floats} level generates beyond the integer level's instructions, over the first
 * 200 seeded modules (fixed before they were tried): every {@code atomic_rmw} operation, {@code
 * atomic_cas}, {@code atomic_load}, {@code atomic_store}, {@code fence}, big-endian integer and float
 * loads and stores, big-endian atomics at i8 and wider, {@code fcvt_to_*} to i8 and i16 (trapping and saturating),
 * and functions whose only values live across calls are floats (so the first callee-saved register a
 * compiler saves is a d register). Every module verifies and passes {@link ModuleChecker} (atomics
 * naturally aligned).
 */
@Epic("fuzz")
@Feature("generator")
class FloatLevelFeaturesTest {
    private static final int MODULES = 200;

    private record Counts(Map<AtomicRmwOp, Integer> rmw, Map<String, Integer> n) {
        void bump(String key) {
            n.merge(key, 1, Integer::sum);
        }

        int get(String key) {
            return n.getOrDefault(key, 0);
        }
    }

    @Test
    void firstModulesHaveEveryNewFeatureAndAllVerify() {
        var gen = new Generator(GeneratorConfig.floats());
        var c = new Counts(new EnumMap<>(AtomicRmwOp.class), new TreeMap<>());
        List<String> problems = new ArrayList<>();
        int bigModules = 0;
        for (long seed = 0; seed < MODULES; seed++) {
            Module m = gen.generate(new SeededSource(seed)).module();
            var checker = ModuleChecker.check(m);
            if (!checker.isEmpty()) problems.add("seed " + seed + ": " + checker.subList(0, Math.min(3, checker.size())));
            var diags = Verifier.check(m);
            if (!diags.isEmpty()) problems.add("seed " + seed + ": verifier: " + diags.getFirst());
            int before = c.get("big access");
            for (Function f : m.functions()) count(f, c);
            if (c.get("big access") > before) bigModules++;
        }
        System.out.println("floats level, " + MODULES + " modules: " + c.n() + ", atomic_rmw " + c.rmw()
                + ", modules with big-endian accesses " + bigModules);
        assertEquals(List.of(), problems);
        for (AtomicRmwOp op : AtomicRmwOp.values()) assertTrue(c.rmw().getOrDefault(op, 0) > 0, "atomic_rmw " + op.clif + " never generated");
        for (String key : List.of("atomic_cas", "atomic_load", "atomic_store", "fence", "atomic i8", "atomic i16", "atomic i32",
                "atomic i64", "big atomic i8", "big atomic i32", "big atomic i64", "big int load", "big int store", "big float load", "big float store",
                "fcvt_to_sint.i8", "fcvt_to_uint.i8", "fcvt_to_sint_sat.i8", "fcvt_to_uint_sat.i8", "fcvt_to_sint.i16",
                "fcvt_to_uint.i16", "fcvt_to_sint_sat.i16", "fcvt_to_uint_sat.i16", "floats only across calls")) {
            assertTrue(c.get(key) > 0, key + " never generated: " + c.n());
        }
        // big-endian accesses stay in a share of the modules (Cranelift's leg is unsupported on those)
        assertTrue(bigModules * 1000 <= MODULES * (Generator.BIG_ENDIAN_MODULE_PERMILLE + 100), "modules with big accesses: " + bigModules);
    }

    private static void count(Function f, Counts c) {
        Map<Value, Type> types = f.valueTypes();
        for (var b : f.blocks()) {
            for (Inst i : b.insts()) {
                switch (i) {
                    case Inst.AtomicRmw x -> {
                        c.rmw().merge(x.op(), 1, Integer::sum);
                        atomic(c, x.type(), x.flags());
                    }
                    case Inst.AtomicCas x -> {
                        c.bump("atomic_cas");
                        atomic(c, x.type(), x.flags());
                    }
                    case Inst.AtomicLoad x -> {
                        c.bump("atomic_load");
                        atomic(c, x.type(), x.flags());
                    }
                    case Inst.AtomicStore x -> {
                        c.bump("atomic_store");
                        atomic(c, types.get(x.value()), x.flags());
                    }
                    case Inst.Fence x -> c.bump("fence");
                    case Inst.Load x when x.flags().big() -> {
                        c.bump(x.type().isFloat() ? "big float load" : "big int load");
                        c.bump("big access");
                    }
                    case Inst.Store x when x.flags().big() -> {
                        c.bump(types.get(x.value()).isFloat() ? "big float store" : "big int store");
                        c.bump("big access");
                    }
                    case Inst.FConv x when !x.op().toFloat() && x.type().bits() < 32 -> c.bump(x.op().clif + "." + x.type());
                    default -> { }
                }
            }
        }
        if (floatsOnlyAcrossCalls(f, types)) c.bump("floats only across calls");
    }

    private static void atomic(Counts c, Type t, MemFlags flags) {
        c.bump("atomic " + t);
        if (flags.big()) {
            c.bump("big atomic " + t);
            c.bump("big access");
        }
    }

    /** At least one call, no integer live across any call, and at least two floats live across one. */
    static boolean floatsOnlyAcrossCalls(Function f, Map<Value, Type> types) {
        List<Set<Value>> across = CallLiveness.acrossCalls(f);
        if (across.isEmpty()) return false;
        boolean twoFloats = false;
        for (Set<Value> live : across) {
            if (live.stream().anyMatch(v -> types.get(v).isInt())) return false;
            if (live.size() >= 2) twoFloats = true;
        }
        return twoFloats;
    }

    /** Positive control of the liveness: an integer used after a call is live across it. */
    @Test
    void anIntegerUsedAfterACallIsLiveAcrossIt() throws Exception {
        Module m = dev.a64w.ir.text.Parser.parse("""
                function %g(i64) -> i64 {
                block0(v0: i64):
                    return v0
                }
                function %f(i64, f64) -> i64, f64 {
                    fn0 = colocated %g(i64) -> i64
                block0(v0: i64, v1: f64):
                    v2 = fadd v1, v1
                    v3 = call fn0(v0)
                    v4 = iadd v3, v0
                    v5 = fadd v2, v1
                    return v4, v5
                }
                """);
        Function f = m.function("f").orElseThrow();
        List<Set<Value>> across = CallLiveness.acrossCalls(f);
        assertEquals(List.of(Set.of(new Value(0), new Value(1), new Value(2))), across);
        assertTrue(!floatsOnlyAcrossCalls(f, f.valueTypes()));
    }

    /** The float-only shape on its own: no integer across the calls, some floats across them. */
    @Test
    void floatAcrossCallsBodiesKeepNoIntegerAcrossACall() {
        var gen = new Generator(GeneratorConfig.floats());
        int shaped = 0;
        for (long seed = 0; seed < MODULES; seed++) {
            for (Function f : gen.generate(new SeededSource(seed)).module().functions()) {
                if (f.slots().isEmpty() && floatsOnlyAcrossCalls(f, f.valueTypes())) shaped++;
            }
        }
        assertTrue(shaped >= 10, "functions with only floats across calls: " + shaped);
    }
}
