package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Type;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("generator")
class GeneratorTest {
    private static final int SEEDS = 2000;

    static GeneratorConfig config(Coverage c) {
        return switch (c) {
            case SKELETON -> GeneratorConfig.skeleton();
            case INTEGER -> GeneratorConfig.integer();
            case FLOAT -> GeneratorConfig.floats();
        };
    }

    @ParameterizedTest
    @EnumSource(Coverage.class)
    void sweepIsStructurallyValid(Coverage coverage) {
        var gen = new Generator(config(coverage));
        int functions = 0, blocks = 0, insts = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            GeneratedCase c;
            try {
                c = gen.generate(new SeededSource(seed));
            } catch (RuntimeException e) {
                throw new AssertionError(coverage + " seed " + seed + ": generator threw", e);
            }
            var problems = ModuleChecker.check(c.module());
            if (!problems.isEmpty()) fail(coverage + " seed " + seed + ": " + problems.subList(0, Math.min(5, problems.size())));
            assertEquals(c.module().functions().getFirst().name(), c.entry());
            assertTrue(c.inputs().size() >= 1 && c.inputs().size() <= 5, "seed " + seed + ": inputs " + c.inputs().size());
            Function entry = c.module().functions().getFirst();
            for (var in : c.inputs()) {
                assertEquals(entry.signature().params().size(), in.size(), "seed " + seed);
                for (int k = 0; k < in.size(); k++) {
                    Type t = entry.signature().params().get(k);
                    assertEquals(t.canonical(in.get(k)), in.get(k), "seed " + seed + ": input not in canonical form (integers sign-extended, floats zero-extended) for " + t);
                }
            }
            if (coverage == Coverage.SKELETON) skeletonOnly(seed, c);
            functions += c.module().functions().size();
            for (Function f : c.module().functions()) {
                blocks += f.blocks().size();
                for (var b : f.blocks()) insts += b.insts().size() + 1;
            }
        }
        System.out.printf("%s: %d seeds, %d functions, %d blocks, %d instructions%n", coverage, SEEDS, functions, blocks, insts);
    }

    private static void skeletonOnly(long seed, GeneratedCase c) {
        var allowed = java.util.Set.of("iconst", "iadd", "isub", "imul", "band", "bor", "bxor", "icmp",
                "brif", "jump", "return", "call");
        var h = new OpcodeHistogram();
        h.add(c.module());
        for (String op : h.counts().keySet()) assertTrue(allowed.contains(op), "seed " + seed + ": " + op + " in skeleton");
        for (Function f : c.module().functions()) {
            for (var b : f.blocks()) {
                for (var p : b.params()) assertNotEquals(Type.I8, p.type(), "seed " + seed);
                for (Inst i : b.insts()) {
                    if (i instanceof Inst.Call call) assertTrue(call.args().size() <= 8, "seed " + seed + ": call with " + call.args().size());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Coverage.class)
    void sameSeedSameModule(Coverage coverage) {
        var gen = new Generator(config(coverage));
        for (long seed = 0; seed < 200; seed++) {
            assertEquals(gen.generate(new SeededSource(seed)), gen.generate(new SeededSource(seed)), "seed " + seed);
        }
        assertNotEquals(gen.generate(new SeededSource(1)), gen.generate(new SeededSource(2)));
    }

    @Test
    void emptyBytesGiveATinyValidModule() {
        var c = new Generator(GeneratorConfig.integer()).generate(new BytesSource(new byte[0]));
        assertEquals(1, c.module().functions().size());
        Function f = c.module().functions().getFirst();
        assertEquals(1, f.blocks().size(), f.toString());
        assertTrue(f.blocks().getFirst().insts().size() <= 1, f.toString());
        assertEquals(java.util.List.of(java.util.List.of()), c.inputs());
        assertEquals(java.util.List.of(), ModuleChecker.check(c.module()));
    }

    @Test
    void arbitraryBytesGiveValidModules() {
        var gen = new Generator(GeneratorConfig.integer());
        var rnd = new java.util.SplittableRandom(7);
        for (int k = 0; k < 500; k++) {
            byte[] data = new byte[rnd.nextInt(0, 4000)];
            for (int j = 0; j < data.length; j++) data[j] = (byte) rnd.nextInt(256);
            var c = gen.generate(new BytesSource(data));
            assertEquals(java.util.List.of(), ModuleChecker.check(c.module()), "input " + k);
            assertEquals(c, gen.generate(new BytesSource(data)), "input " + k);
        }
    }

    @ParameterizedTest
    @EnumSource(Coverage.class)
    void histogram(Coverage coverage) {
        var gen = new Generator(config(coverage));
        var h = new OpcodeHistogram();
        for (long seed = 0; seed < 1000; seed++) h.add(gen.generate(new SeededSource(seed)).module());
        var sb = new StringBuilder(coverage + " opcode histogram over 1000 modules:\n");
        for (Map.Entry<String, Long> e : h.counts().entrySet()) sb.append(String.format("  %-22s %8d%n", e.getKey(), e.getValue()));
        System.out.print(sb);
        if (coverage == Coverage.SKELETON) {
            for (String op : java.util.List.of("iconst", "iadd", "isub", "imul", "band", "bor", "bxor", "icmp", "brif", "jump", "return", "call")) {
                assertTrue(h.counts().getOrDefault(op, 0L) > 0, op + " never generated");
            }
        } else {
            for (String op : java.util.List.of("udiv", "sdiv_imm", "uload8", "istore32", "stack_load", "stack_store", "stack_addr",
                    "symbol_value", "func_addr", "call_indirect", "br_table", "uadd_overflow_trap", "smul_overflow",
                    "select", "bmask", "ireduce", "uextend", "sextend", "icmp_imm", "rotr_imm", "bswap", "trapnz", "trapz", "trap",
                    "select_spectre_guard", "bitselect", "bitcast", "sadd_overflow_cin", "uadd_overflow_cin", "ssub_overflow_bin",
                    "usub_overflow_bin", "return_call", "return_call_indirect")) {
                assertTrue(h.counts().getOrDefault(op, 0L) > 0, op + " never generated");
            }
        }
    }
}
