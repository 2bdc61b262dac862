package dev.a64w.oracle.llvm;

import static dev.a64w.oracle.llvm.FnBuilder.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.ir.Block;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("oracle-llvm")
@Feature("ir-to-llvm")
class IrToLlvmTest {
    static LlvmCodegen codegen;
    final IrToLlvm translator = new IrToLlvm();

    @BeforeAll
    static void open() {
        codegen = new LlvmCodegen();
    }

    @AfterAll
    static void close() {
        codegen.close();
    }

    /** The samples are only a proof if they really use every record and opcode. */
    @Test
    void samplesCoverEveryInstructionTerminatorAndOpcode() {
        Set<Class<?>> records = new HashSet<>();
        Set<Enum<?>> ops = new HashSet<>();
        for (Function f : IrSamples.everything().functions()) {
            for (Block b : f.blocks()) {
                records.add(b.terminator().getClass());
                for (Inst i : b.insts()) {
                    records.add(i.getClass());
                    switch (i) {
                        case Inst.Unary u -> ops.add(u.op());
                        case Inst.Binary x -> ops.add(x.op());
                        case Inst.BinaryImm x -> ops.add(x.op());
                        case Inst.Icmp x -> ops.add(x.cc());
                        case Inst.IcmpImm x -> ops.add(x.cc());
                        case Inst.Overflow x -> ops.add(x.op());
                        case Inst.OverflowCarry x -> ops.add(x.op());
                        case Inst.Select x -> ops.add(x.op());
                        case Inst.Load x -> ops.add(x.op());
                        case Inst.Store x -> ops.add(x.op());
                        case Inst.FUnary x -> ops.add(x.op());
                        case Inst.FBinary x -> ops.add(x.op());
                        case Inst.Fcmp x -> ops.add(x.cc());
                        case Inst.FConv x -> ops.add(x.op());
                        case Inst.AtomicRmw x -> ops.add(x.op());
                        default -> { }
                    }
                }
            }
        }
        for (Class<?> c : Inst.class.getPermittedSubclasses()) {
            assertTrue(records.contains(c), "no sample uses Inst." + c.getSimpleName());
        }
        for (Class<?> c : Terminator.class.getPermittedSubclasses()) {
            assertTrue(records.contains(c), "no sample uses Terminator." + c.getSimpleName());
        }
        for (Class<? extends Enum<?>> e : List.of(Opcodes.UnaryOp.class, Opcodes.BinaryOp.class,
                Opcodes.BinaryImmOp.class, Opcodes.OverflowOp.class, Opcodes.LoadOp.class, Opcodes.StoreOp.class,
                Opcodes.SelectOp.class, Opcodes.CarryOp.class,
                dev.a64w.ir.IntCC.class, Opcodes.FUnaryOp.class, Opcodes.FBinaryOp.class, Opcodes.FConvOp.class,
                Opcodes.AtomicRmwOp.class, dev.a64w.ir.FloatCC.class)) {
            for (Enum<?> c : e.getEnumConstants()) {
                assertTrue(ops.contains(c), "no sample uses " + e.getSimpleName() + "." + c);
            }
        }
    }

    @Test
    void everySampleCompilesAtO0AndO2WithoutDiagnostics() {
        String ir = translator.translate(IrSamples.everything());
        Allure.addAttachment("LLVM IR", "text/plain", ir);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            McResult r = codegen.compile(ir, level);
            assertEquals(List.of(), r.errors(), level + ":\n" + ir);
            assertTrue(r.object().size() > 0, level.toString());
        }
    }

    @Test
    void translationIsDeterministic() {
        assertEquals(translator.translate(IrSamples.everything()), new IrToLlvm().translate(IrSamples.everything()));
    }

    @Test
    void semanticsThatAreEasyToGetWrongAreSpelledOut() {
        String ir = translator.translate(IrSamples.everything());
        for (String want : List.of(
                "= and i64 %v",                               // shift amount masked ...
                ", 63\n",                                      // ... to the width
                "@llvm.fshl.i32(i32 %",                        // rotate as funnel shift
                "= icmp eq i64 %v1, 0\n",                      // divisor checked
                "= icmp eq i64 %v0, -9223372036854775808\n",   // sdiv INT_MIN / -1 checked
                "call void @llvm.aarch64.break(i32 61444)",    // int_divz -> brk #0xf004
                "call void @llvm.aarch64.break(i32 49415)",    // user7 -> 0xc107
                "call void @llvm.aarch64.break(i32 49153)",    // unreachable -> 0xc001
                "@llvm.ctlz.i16(i16 %", "i1 false)",           // clz of zero is defined
                "load volatile i16, ptr %",                    // a load that may trap stays
                "store volatile i8 -85, ptr %",
                "= zext i1 %t",                                // icmp result i8
                "alloca [3 x i8], align 8",
                "switch i8 %v",
                "declare dllimport i64 @imp(i64)",
                "declare i64 @ext(i64)",
                "@ext_data = external global i8",
                "@tab = dso_local global <{ [8 x i8], ptr, ptr, [4 x i8], ptr }> <{ [8 x i8] c\"\\01\\02\\03\\04\\05\\06\\07\\08\", "
                        + "ptr @pair, ptr getelementptr (i8, ptr @tab, i64 4), [4 x i8] zeroinitializer, "
                        + "ptr getelementptr (i8, ptr @ext_data, i64 -8) }>, align 8",
                "@ro = dso_local constant <{ [1 x i8] }> <{ [1 x i8] c\"\\FF\" }>, align 16",
                "define dso_local { i64, i32 } @pair(i64 %a0)")) {
            assertTrue(ir.contains(want), "missing '" + want + "' in\n" + ir);
        }
        // block0 of %ctl is a loop target: its parameters are phis fed by the entry edge and br_table's edge
        assertTrue(ir.contains("%v0 = phi i64 [ %a0, %entry ], [ %v"), ir);
        // two br_table edges to block2 with different arguments: each through its own edge block
        assertTrue(ir.contains("block1.e1:") && ir.contains("block1.e2:"), ir);
        // block6 has no predecessors
        assertTrue(ir.contains("freeze i64 poison"), ir);
    }

    @Test
    void moreResultsThanRegistersAreUnsupported() {
        FnBuilder b = new FnBuilder("nine", sig(List.of(), Collections.nCopies(9, Type.I64)));
        b.block(0);
        Value one = b.iconst(Type.I64, 1);
        b.end(new Terminator.Return(Collections.nCopies(9, one)));
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> translator.translate(Module.of(List.of(b.build()))));
        assertTrue(e.getMessage().startsWith("unsupported: 9 return values"), e.getMessage());

        FnBuilder eight = new FnBuilder("eight", sig(List.of(), Collections.nCopies(8, Type.I64)));
        eight.block(0);
        Value two = eight.iconst(Type.I64, 2);
        eight.end(new Terminator.Return(Collections.nCopies(8, two)));
        McResult r = codegen.compile(translator.translate(Module.of(List.of(eight.build()))), LlvmCodegen.OptLevel.O2);
        assertEquals(List.of(), r.errors());
    }

    /** {@code function %f(i64, T, T) [-> T]} with one instruction {@code inst} (v0 the address), as LLVM IR. */
    private String oneAtomic(Type t, String inst) throws Exception {
        boolean result = inst.startsWith("v3 =");
        Module m = dev.a64w.ir.text.Parser.parse("function %f(i64, " + t + ", " + t + ")" + (result ? " -> " + t : "")
                + " {\nblock0(v0: i64, v1: " + t + ", v2: " + t + "):\n    " + inst + "\n    return" + (result ? " v3" : "")
                + "\n}\n");
        String ir = translator.translate(m);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            assertEquals(List.of(), codegen.compile(ir, level).errors(), inst + " " + level + "\n" + ir);
        }
        return ir;
    }

    /** Asserts that the lines matching {@code patterns} (regular expressions, one line each) occur in order. */
    private static void assertLinesInOrder(String ir, String... patterns) {
        List<String> lines = ir.lines().map(String::strip).toList();
        int at = 0;
        for (String p : patterns) {
            while (at < lines.size() && !lines.get(at).matches(p)) at++;
            assertTrue(at < lines.size(), "no line matching " + p + " (in order) in\n" + ir);
            at++;
        }
    }

    @Test
    void bigEndianAtomicLoadsStoresAndCasByteSwap() throws Exception {
        for (Type t : List.of(Type.I16, Type.I32, Type.I64)) {
            String ty = "i" + t.bits();
            String swap = "call " + ty + " @llvm\\.bswap\\." + ty + "\\(" + ty + " ";
            String a = ", align " + t.bytes();
            assertLinesInOrder(oneAtomic(t, "v3 = atomic_load." + t + " big v0"),
                    "%t1 = load atomic " + ty + ", ptr %t0 seq_cst" + a, "%v3 = " + swap + "%t1\\)", "ret " + ty + " %v3");
            assertLinesInOrder(oneAtomic(t, "atomic_store big v1, v0"),
                    "%t0 = " + swap + "%v1\\)", "store atomic " + ty + " %t0, ptr %t1 seq_cst" + a);
            assertLinesInOrder(oneAtomic(t, "v3 = atomic_cas." + t + " big v0, v1, v2"),
                    "%t1 = " + swap + "%v1\\)", "%t2 = " + swap + "%v2\\)",
                    "%t3 = cmpxchg ptr %t0, " + ty + " %t1, " + ty + " %t2 seq_cst seq_cst" + a,
                    "%t4 = extractvalue \\{ " + ty + ", i1 \\} %t3, 0", "%v3 = " + swap + "%t4\\)");
        }
        // an i8 has no byte order: a big i8 atomic translates as a plain one
        String i8 = oneAtomic(Type.I8, "v3 = atomic_rmw.i8 big add v0, v1");
        assertTrue(i8.contains("%v3 = atomicrmw add ptr %t0, i8 %v1 seq_cst, align 1") && !i8.contains("bswap"), i8);
    }

    @Test
    void bigEndianBytewiseRmwSwapsTheOperandAndTheOldValue() throws Exception {
        for (Type t : List.of(Type.I16, Type.I32, Type.I64)) {
            String ty = "i" + t.bits();
            String swap = "call " + ty + " @llvm\\.bswap\\." + ty + "\\(" + ty + " ";
            for (String op : List.of("xchg", "and", "nand", "or", "xor")) {
                String ir = oneAtomic(t, "v3 = atomic_rmw." + t + " big " + op + " v0, v1");
                assertLinesInOrder(ir, "%t1 = " + swap + "%v1\\)",
                        "%t2 = atomicrmw " + op + " ptr %t0, " + ty + " %t1 seq_cst, align " + t.bytes(),
                        "%v3 = " + swap + "%t2\\)");
                assertFalse(ir.contains("cmpxchg"), ir);
            }
        }
    }

    @Test
    void bigEndianArithmeticRmwIsACompareExchangeLoop() throws Exception {
        for (Type t : List.of(Type.I16, Type.I32, Type.I64)) {
            String ty = "i" + t.bits();
            String swap = "call " + ty + " @llvm\\.bswap\\." + ty + "\\(" + ty + " ";
            for (String op : List.of("add", "sub", "umin", "umax", "smin", "smax")) {
                String newValue = switch (op) {
                    case "add", "sub" -> op + " " + ty + " %v3, %v1";
                    default -> "call " + ty + " @llvm\\." + op + "\\." + ty + "\\(" + ty + " %v3, " + ty + " %v1\\)";
                };
                assertLinesInOrder(oneAtomic(t, "v3 = atomic_rmw." + t + " big " + op + " v0, v1"),
                        "%t1 = load atomic " + ty + ", ptr %t0 seq_cst, align " + t.bytes(),
                        "br label %block0\\.loop1",
                        "block0\\.loop1:",
                        "%t2 = phi " + ty + " \\[ %t1, %block0 \\], \\[ %t3, %block0\\.loop1 \\]",
                        "%v3 = " + swap + "%t2\\)",
                        "%t4 = " + newValue,
                        "%t6 = " + swap + "%t4\\)",
                        "%t5 = cmpxchg ptr %t0, " + ty + " %t2, " + ty + " %t6 seq_cst seq_cst, align " + t.bytes(),
                        "%t3 = extractvalue \\{ " + ty + ", i1 \\} %t5, 0",
                        "%t7 = extractvalue \\{ " + ty + ", i1 \\} %t5, 1",
                        "br i1 %t7, label %block0\\.done2, label %block0\\.loop1",
                        "block0\\.done2:",
                        "ret " + ty + " %v3");
            }
        }
    }

    /**
     * The loop's phi names the LLVM block it is entered from, also when an earlier instruction split
     * the CLIF block (a division's trap test), and the CLIF successors' phis still name their edge
     * blocks; LLVM's verifier (both levels) checks every phi against the real predecessors.
     */
    @Test
    void aLoopAfterASplitNamesTheRightPredecessor() throws Exception {
        Module m = dev.a64w.ir.text.Parser.parse("""
                function %f(i64, i32, i32) -> i32 {
                block0(v0: i64, v1: i32, v2: i32):
                    v3 = udiv v1, v2
                    v4 = atomic_rmw.i32 big add v0, v3
                    v5 = atomic_rmw.i32 big smax v0, v4
                    brif v5, block1(v4), block1(v5)
                block1(v6: i32):
                    v7 = atomic_rmw.i32 big umin v0, v6
                    return v7
                }
                """);
        String ir = translator.translate(m);
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            assertEquals(List.of(), codegen.compile(ir, level).errors(), level + "\n" + ir);
        }
        assertTrue(ir.contains(", %block0.c1 ]"), ir); // first loop: entered from the division's continuation
        assertTrue(ir.contains(", %block0.done3 ]"), ir); // second loop: entered from the first one's exit
        assertTrue(ir.contains("[ %v4, %block0.e0 ], [ %v5, %block0.e1 ]"), ir); // block1's phi: the edge blocks
        assertTrue(ir.contains("block1.loop1:") && ir.contains(", %block1 ]"), ir);
    }

    @Test
    void unknownTrapCodesAreUnsupportedAndMalformedIrIsAnOracleError() {
        FnBuilder b = new FnBuilder("t", sig(List.of(), List.of()));
        b.block(0);
        b.end(new Terminator.Trap(new TrapCode("no_such_code")));
        assertThrows(UnsupportedFeatureException.class, () -> translator.translate(Module.of(List.of(b.build()))));

        FnBuilder c = new FnBuilder("c", sig(List.of(), List.of()));
        c.block(0);
        c.add(new Inst.Call(List.of(), 5, List.of()));
        c.end(new Terminator.Return(List.of()));
        OracleException e = assertThrows(OracleException.class, () -> translator.translate(Module.of(List.of(c.build()))));
        assertTrue(e.getMessage().contains("function %c, block0/inst0: undeclared fn5"), e.getMessage());
    }

    @Test
    void trapImmediatesReachTheObject(@TempDir Path dir) throws Exception {
        McResult r = codegen.compile(translator.translate(IrSamples.everything()), LlvmCodegen.OptLevel.O2);
        assertEquals(List.of(), r.errors());
        Files.write(dir.resolve("t.obj"), r.object().toArray());
        ToolResult d = Tools.run(List.of("llvm-objdump", "-d", "t.obj"), dir, Duration.ofSeconds(60));
        assertEquals(0, d.exitCode(), d.stderr());
        for (String brk : List.of("brk\t#0xf004", "brk\t#0xc002", "brk\t#0xc107", "brk\t#0xc001", "brk\t#0xc003",
                "brk\t#0xc103")) {
            assertTrue(d.stdout().contains(brk), "missing " + brk + " in\n" + d.stdout());
        }
    }

    /**
     * LLVM's Windows ARM64 code for the atomics is inline LL/SC (ARMv8.0, no LSE, no outline-atomics
     * helpers): the object has no undefined symbol at all, and uses exclusive acquire/release pairs.
     */
    @Test
    void atomicsCompileInlineWithoutHelperCalls(@TempDir Path dir) throws Exception {
        for (LlvmCodegen.OptLevel level : LlvmCodegen.OptLevel.values()) {
            McResult r = codegen.compile(translator.translate(Module.of(List.of(IrSamples.atomics()))), level);
            assertEquals(List.of(), r.errors(), level.toString());
            Files.write(dir.resolve("a.obj"), r.object().toArray());
            ToolResult t = Tools.run(List.of("llvm-objdump", "-t", "-d", "a.obj"), dir, Duration.ofSeconds(60));
            assertEquals(0, t.exitCode(), t.stderr());
            assertFalse(t.stdout().contains("*UND*"), level + ": undefined symbols (helper calls?)\n" + t.stdout());
            assertFalse(t.stdout().contains("__aarch64_"), level + ": outline-atomics helper\n" + t.stdout());
            for (String m : List.of("ldaxrb", "stlxrb", "ldaxrh", "stlxrh", "ldaxr\tw", "stlxr\tw", "ldaxr\tx", "dmb\tish")) {
                assertTrue(t.stdout().contains(m), level + ": missing " + m + " in\n" + t.stdout());
            }
        }
    }
}
