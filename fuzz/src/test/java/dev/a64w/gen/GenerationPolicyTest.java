package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Terminator;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The biased distributions reach the backend edges they are meant for; the report is printed. */
@Epic("fuzz")
@Feature("generator")
class GenerationPolicyTest {
    @Test
    void policiesFire() {
        var gen = new Generator(GeneratorConfig.integer());
        int functions = 0, stackArgs = 0, bigFrames = 0, farOffsets = 0, imm12Edges = 0, logical = 0, wide = 0;
        int unguardedDivs = 0, divs = 0, callsWithManyLive = 0, returnsMulti = 0, tableCalls = 0;
        for (long seed = 0; seed < 1000; seed++) {
            var m = gen.generate(new SeededSource(seed)).module();
            for (Function f : m.functions()) {
                functions++;
                if (f.signature().params().size() > 8) stackArgs++;
                if (f.signature().returns().size() > 1) returnsMulti++;
                if (f.slots().stream().anyMatch(s -> s.size() >= 4096)) bigFrames++;
                int defined = f.signature().params().size();
                for (var b : f.blocks()) {
                    defined += b.params().size();
                    for (Inst i : b.insts()) {
                        defined += i.results().size();
                        switch (i) {
                            case Inst.Load l when Math.abs(l.offset()) >= 4080 -> farOffsets++;
                            case Inst.Store s when Math.abs(s.offset()) >= 4080 -> farOffsets++;
                            case Inst.StackLoad l when l.offset() >= 4080 -> farOffsets++;
                            case Inst.StackStore s when s.offset() >= 4080 -> farOffsets++;
                            case Inst.Iconst c -> {
                                long v = c.imm();
                                if (v == 0xfff || v == 0x1000 || v == 0xfff000 || v == -0x1000) imm12Edges++;
                                if (Long.bitCount(v) > 1 && isRepeating(v)) logical++;
                                if ((v >>> 32) != 0 && (v >> 32) != -1) wide++;
                            }
                            case Inst.Binary x when x.op().canTrap() -> {
                                divs++;
                                if (!usesSelectResult(b.insts(), x.b())) unguardedDivs++;
                            }
                            case Inst.CallIndirect ci -> {
                                if (b.insts().stream().anyMatch(l -> l instanceof Inst.Load ld && ld.result().equals(ci.callee()))) tableCalls++;
                            }
                            case Inst.Call c -> {
                                if (defined > 20) callsWithManyLive++;
                            }
                            default -> { }
                        }
                    }
                }
            }
        }
        System.out.printf("policy report over 1000 integer modules: functions=%d, >8 params=%d, >1 return=%d, frames>=4KiB=%d,"
                        + " mem offsets>=4080=%d, imm12 edges=%d, logical patterns=%d, >32-bit consts=%d,"
                        + " reg divisions=%d (unguarded %d), calls after >20 values=%d, calls through data tables=%d%n",
                functions, stackArgs, returnsMulti, bigFrames, farOffsets, imm12Edges, logical, wide, divs, unguardedDivs, callsWithManyLive, tableCalls);
        assertTrue(stackArgs > functions / 50, "stack args too rare: " + stackArgs);
        assertTrue(bigFrames > 0 && bigFrames < functions / 10, "big frames: " + bigFrames);
        assertTrue(farOffsets > 0, "no far offsets");
        assertTrue(imm12Edges > 0 && logical > 0 && wide > 0, "immediate policies");
        assertTrue(unguardedDivs > 0 && unguardedDivs * 5 < divs, "unguarded divisions: " + unguardedDivs + " of " + divs);
        assertTrue(callsWithManyLive > 0);
        assertTrue(tableCalls > 0, "no call through a data table");
    }

    /** Names, sized code, tail calls and the newer instructions: counted, printed, and each must occur. */
    @Test
    void adversarialPoliciesFire() {
        var gen = new Generator(GeneratorConfig.integer());
        int modules = 2000, oddModules = 0, register = 0, digitLed = 0, long8 = 0, long255 = 0;
        int sized4k = 0, sized32k = 0, huge = 0, hugeFramed = 0, earlyExits = 0;
        int tail = 0, tailIndirect = 0, tailFramed = 0, tailStackArgs = 0;
        var h = new OpcodeHistogram();
        for (long seed = 0; seed < modules; seed++) {
            var c = gen.generate(new SeededSource(seed));
            var m = c.module();
            h.add(m);
            assertEquals(m.functions().getFirst().name(), c.entry(), "seed " + seed);
            var names = new java.util.ArrayList<String>();
            m.functions().forEach(f -> names.add(f.name()));
            m.data().forEach(d -> names.add(d.name()));
            if (names.stream().anyMatch(Names::isOdd)) oddModules++;
            for (String n : names) {
                assertTrue(Names.allowed(n), "seed " + seed + ": " + n);
                if (Names.isOdd(n) && n.matches("(?i)([xwbhsdqvzp][0-9]{1,2}|sp|wsp|xzr|wzr|lr|fp|ip0|ip1|pc|nzcv|fpcr|fpsr|za)")) register++;
                if (Character.isDigit(n.charAt(0))) digitLed++;
                if (n.length() == 8 || n.length() == 9) long8++;
                if (n.length() >= 255) long255++;
            }
            for (Function f : m.functions()) {
                int insts = f.blocks().stream().mapToInt(b -> b.insts().size()).sum();
                boolean framed = !f.slots().isEmpty() || f.blocks().stream().anyMatch(b -> b.insts().stream().anyMatch(
                        i -> i instanceof Inst.Call || i instanceof Inst.CallIndirect));
                if (insts >= 250_000) {
                    huge++;
                    if (framed) hugeFramed++;
                } else if (insts >= 7_000) {
                    sized32k++;
                } else if (insts >= 900 && f.blocks().stream().anyMatch(b -> b.insts().size() >= 250)) {
                    sized4k++;
                }
                int returns = 0;
                for (var b : f.blocks()) {
                    if (b.terminator() instanceof Terminator.Return) returns++;
                    int args = switch (b.terminator()) {
                        case Terminator.ReturnCall rc -> rc.args().size();
                        case Terminator.ReturnCallIndirect rc -> { tailIndirect++; yield rc.args().size(); }
                        default -> -1;
                    };
                    if (args < 0) continue;
                    tail++;
                    if (framed) tailFramed++;
                    if (args > 8) tailStackArgs++;
                }
                if (insts >= 900 && returns > 1) earlyExits++;
            }
        }
        System.out.printf("adversarial policy report over %d integer modules: modules with odd names=%d, register-like names=%d,"
                        + " digit-led=%d, 8/9-char=%d, >=255-char=%d; sized functions ~4KiB=%d, ~32KiB=%d, >=~1MiB=%d (framed %d),"
                        + " sized with several returns=%d; tail calls=%d (indirect %d, from framed functions %d, with stack args %d);"
                        + " select=%d select_spectre_guard=%d bitselect=%d bitcast=%d uadd_overflow_cin=%d usub_overflow_bin=%d%n",
                modules, oddModules, register, digitLed, long8, long255, sized4k, sized32k, huge, hugeFramed, earlyExits,
                tail, tailIndirect, tailFramed, tailStackArgs, h.counts().get("select"), h.counts().get("select_spectre_guard"),
                h.counts().get("bitselect"), h.counts().get("bitcast"), h.counts().get("uadd_overflow_cin"), h.counts().get("usub_overflow_bin"));
        assertTrue(oddModules > modules / 20 && oddModules < modules / 2, "odd-name modules: " + oddModules);
        assertTrue(register > 0 && digitLed > 0 && long8 > 0 && long255 > 0, "every name class");
        assertTrue(sized4k > 0 && sized32k > 0 && huge > 0, "sized functions");
        assertTrue(huge < modules / 100, "huge functions too common: " + huge);
        assertTrue(tailIndirect > 0 && tailFramed > 0 && tailStackArgs > 0, "tail-call shapes");
        // in one module in eight at least (modules of integer() hold ~320 instructions since issue 9)
        for (String op : List.of("select_spectre_guard", "bitselect", "bitcast", "sadd_overflow_cin", "usub_overflow_bin")) {
            assertTrue(h.counts().getOrDefault(op, 0L) > modules / 8, op + " rare: " + h.counts().get(op));
        }
    }

    @Test
    void policiesOffGivePlainModules() {
        var gen = new Generator(GeneratorConfig.integer().withPolicies(0, 0, 0));
        for (long seed = 0; seed < 300; seed++) {
            var m = gen.generate(new SeededSource(seed)).module();
            for (Function f : m.functions()) {
                assertTrue(f.name().matches("f[0-9]+"), "seed " + seed + ": " + f.name());
                assertTrue(f.blocks().stream().mapToInt(b -> b.insts().size()).sum() < 900, "seed " + seed + ": sized code while off");
            }
            for (var d : m.data()) assertTrue(d.name().matches("d[0-9]+"), "seed " + seed + ": " + d.name());
        }
    }

    private static boolean isRepeating(long v) {
        return v == Long.rotateRight(v, 8) || v == Long.rotateRight(v, 16) || v == Long.rotateRight(v, 32);
    }

    private static boolean usesSelectResult(List<Inst> insts, dev.a64w.ir.Value divisor) {
        return insts.stream().anyMatch(i -> i instanceof Inst.Select s && s.result().equals(divisor));
    }

    @Test
    void returnCallWhenEnabled() {
        var cfg = GeneratorConfig.integer().withReturnCall(true);
        var gen = new Generator(cfg);
        int returnCalls = 0;
        for (long seed = 0; seed < 500; seed++) {
            var c = gen.generate(new SeededSource(seed));
            assertEquals(List.of(), ModuleChecker.check(c.module()), "seed " + seed);
            for (Function f : c.module().functions()) {
                assertEquals("tail", f.signature().callConv());
                for (var b : f.blocks()) {
                    if (b.terminator() instanceof Terminator.ReturnCall rc) {
                        returnCalls++;
                        // the callee needs no more stack-argument slots than the caller received
                        int own = Math.max(0, f.signature().params().size() - 8);
                        assertTrue(Math.max(0, rc.args().size() - 8) <= own, "seed " + seed + ": " + rc);
                    }
                }
            }
        }
        assertTrue(returnCalls > 0, "no return_call generated");
        var plain = new Generator(GeneratorConfig.integer().withReturnCall(false));
        for (long seed = 0; seed < 200; seed++) {
            for (Function f : plain.generate(new SeededSource(seed)).module().functions()) {
                for (var b : f.blocks()) assertTrue(!(b.terminator() instanceof Terminator.ReturnCall), "return_call while disabled");
            }
        }
    }

    @Test
    void disabledFamiliesStayOff() {
        var fams = EnumSet.allOf(OpFamily.class);
        fams.removeAll(List.of(OpFamily.DIVISION, OpFamily.STACK, OpFamily.DATA, OpFamily.CALL_INDIRECT, OpFamily.BR_TABLE));
        var gen = new Generator(GeneratorConfig.integer().withFamilies(fams));
        var h = new OpcodeHistogram();
        for (long seed = 0; seed < 300; seed++) {
            var c = gen.generate(new SeededSource(seed));
            assertEquals(List.of(), ModuleChecker.check(c.module()), "seed " + seed);
            assertTrue(c.module().data().isEmpty());
            h.add(c.module());
        }
        for (String op : List.of("udiv", "sdiv", "urem", "srem", "udiv_imm", "stack_load", "stack_store", "stack_addr",
                "symbol_value", "load", "store", "call_indirect", "func_addr", "br_table")) {
            assertEquals(0L, h.counts().getOrDefault(op, 0L), op);
        }
        assertTrue(h.counts().getOrDefault("call", 0L) > 0);
        assertTrue(BinaryOp.UDIV.canTrap());
    }
}
