package dev.a64w.ir.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.BlockRef;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("ir.text")
class ParserTest {

    private static Module parse(String s) throws ParseException {
        return Parser.parse(s);
    }

    @Test
    void parsesFunctionWithInferredTypesAndRunLines() throws Exception {
        Module m = parse("""
                test interpret
                target aarch64

                function %add(i32, i32) -> i32 {
                block0(v0: i32, v1: i32):
                    v2 = iadd v0, v1
                    v3 = iadd_imm v2, 0x10
                    return v3
                }
                ; run: %add(1, 2) == 19
                ; run: %add(-1, 0x7FFF_FFFF) != [0]
                """);
        assertEquals(List.of("test interpret", "target aarch64"), m.header());
        Function f = m.functions().getFirst();
        assertEquals(new Inst.Binary(BinaryOp.IADD, new Value(2), Type.I32, new Value(0), new Value(1)), f.entry().insts().getFirst());
        assertEquals(List.of(new RunLine(10, "add", List.of(1L, 2L), true, List.of(19L)),
                new RunLine(11, "add", List.of(-1L, 0x7fff_ffffL), false, List.of(0L))), m.runs());
    }

    @Test
    void bareRunMeansNonzero() throws Exception {
        Module m = parse("function %t() -> i8 {\nblock0:\n    v0 = iconst.i8 1\n    return v0\n}\n; run\n");
        assertEquals(List.of(new RunLine(6, "t", List.of(), false, List.of(0L))), m.runs());
    }

    @Test
    void directives() throws Exception {
        Module m = parse("""
                ; import: %host_mix from "host.dll"
                ; data: %tab align=8 bytes=00 01 addr=%f+0 addr=%other-16 zero=3
                ; rodata: %k align=4 bytes=ff
                """);
        assertEquals("host.dll", m.imports().getFirst().dll());
        var tab = m.data().getFirst();
        assertEquals(8, tab.align());
        assertEquals(List.of(new DataItem.Raw(dev.a64w.util.Bytes.ofHex("0001")), new DataItem.Addr("f", 0),
                new DataItem.Addr("other", -16), new DataItem.Zero(3)), tab.items());
        assertEquals(2 + 8 + 8 + 3, tab.size());
        assertTrue(m.data().get(1).readOnly());
    }

    @Test
    void endiannessFlagsParseAndPrintBack() throws Exception {
        String text = """
                function %f(i64, i32, f64) -> i64 {
                block0(v0: i64, v1: i32, v2: f64):
                    v3 = load.i32 big v0+8
                    v4 = sload16.i64 notrap big v0
                    v5 = uload16.i32 little v0-2
                    store big v1, v0+8
                    istore16 little v1, v0
                    store aligned big v2, v0+16
                    v6 = load.f64 big v0
                    return v4
                }
                """;
        Function f = parse(text).functions().get(0);
        var insts = f.blocks().get(0).insts();
        var load = (Inst.Load) insts.get(0);
        assertTrue(load.flags().big());
        assertEquals(8, load.offset());
        assertTrue(((Inst.Load) insts.get(1)).flags().big());
        var little = (Inst.Load) insts.get(2);
        assertTrue(!little.flags().big() && little.flags().has("little"));
        assertTrue(((Inst.Store) insts.get(3)).flags().big());
        assertEquals(List.of("aligned", "big"), ((Inst.Store) insts.get(5)).flags().flags());
        String printed = Printer.print(parse(text));
        assertTrue(printed.contains("v3 = load.i32 big v0+8"), printed);
        assertTrue(printed.contains("v4 = sload16.i64 notrap big v0"), printed);
        assertTrue(printed.contains("istore16 little v1, v0"), printed);
        assertEquals(printed, Printer.print(parse(printed)));
    }

    @Test
    void unsupportedFunctionIsSkippedAndRestParses() throws Exception {
        Module m = parse("""
                function %f(f128) -> f128 {
                block0(v0: f128):
                    v1 = fadd v0, v0
                    return v1
                }
                ; run: %f(0x1.0p1) == 0x1.0p2
                function %g(i64) -> i64 {
                block0(v0: i64):
                    v1 = get_pinned_reg.i64
                    return v1
                }
                function %h(i64) -> i64 {
                block0(v0: i64):
                    return v0
                }
                """);
        assertEquals(List.of("h"), m.functions().stream().map(Function::name).toList());
        assertEquals("type f128", m.skipped().get(0).feature());
        assertEquals(1, m.skipped().get(0).line());
        assertEquals(13, m.skipped().get(0).column());
        assertEquals("instruction get_pinned_reg", m.skipped().get(1).feature());
        assertEquals(new RunLine(6, "f", List.of(), true, List.of()), m.runs().getFirst());
    }

    @Test
    void terminatorsAndCalls() throws Exception {
        Module m = parse("""
                function %t(i32, i64) -> i64 {
                    ss0 = explicit_slot 16, align = 16
                    gv0 = symbol colocated %tab+8
                    fn0 = %callee(i64) -> i64
                    fn1 = colocated %other sig0
                block0(v0: i32, v1: i64):
                    v2 = call fn0(v1)
                    v3 = func_addr.i64 fn0
                    v4 = call_indirect sig0, v3(v2)
                    br_table v0, block3, [block1, block2(v4)]
                block1:
                    trap user1
                block2(v5: i64):
                    brif v5, block3, block1
                block3:
                    return_call fn0(v1)
                }
                """);
        Function f = m.functions().getFirst();
        assertEquals(1, f.sigs().size(), "implicit sig0 of fn0 becomes explicit once referenced");
        assertEquals(0, f.sigs().getFirst().id());
        assertEquals(List.of(Type.I64), f.sigs().getFirst().signature().params());
        var bt = (Terminator.BrTable) f.entry().terminator();
        assertEquals(new BlockRef(2), bt.targets().get(1).block());
        assertEquals(8, f.globals().getFirst().offset());
        assertEquals(16, f.slots().getFirst().align());
    }

    @Test
    void errorsCarryLineAndColumn() {
        ParseException e = assertThrows(ParseException.class, () -> parse("function %f() {\nblock0:\n    v1 = iadd v2 v3\n}\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("expected ','"), e.getMessage());
        e = assertThrows(ParseException.class, () -> parse("function %f() {\nblock0:\n    v1 = frobnicate v2\n}\n"));
        assertTrue(e.getMessage().contains("unknown instruction 'frobnicate'"), e.getMessage());
        e = assertThrows(ParseException.class, () -> parse("function %f() {\nblock0:\n    v1 = iconst.i32 1\n}\n"));
        assertTrue(e.getMessage().contains("no terminator"), e.getMessage());
        e = assertThrows(ParseException.class, () -> parse("function %f() {\nblock0:\n    v1 = iconst.i32 0x1_0000_0000_0000_0000\n"));
        assertTrue(e.getMessage().contains("too many hexadecimal digits"), e.getMessage());
        e = assertThrows(ParseException.class, () -> parse("function %f() {\nblock0:\n    v1 = iadd v0, v0\n"));
        assertTrue(e.getMessage().contains("can't infer"), e.getMessage());
        e = assertThrows(ParseException.class, () -> parse("# not clif"));
        assertEquals(1, e.column());
    }

    @Test
    void valueAliasesResolveAndBadOnesAreErrors() throws Exception {
        Module m = parse("function %f(i8) -> i8 {\nblock0(v0: i8):\n    v1 -> v0\n    v2 -> v1\n    v3 = iadd v2, v1\n    return v3\n}\n");
        var add = (dev.a64w.ir.Inst.Binary) m.functions().getFirst().entry().insts().getFirst();
        assertEquals(new dev.a64w.ir.Value(0), add.a());
        assertEquals(new dev.a64w.ir.Value(0), add.b());
        assertThrows(ParseException.class, () -> parse("function %f(i8) -> i8 {\nblock0(v0: i8):\n    v0 -> v0\n    return v0\n}\n"));
        assertThrows(ParseException.class, () -> parse("function %f(i8) -> i8 {\nblock0(v0: i8, v1: i8):\n    v1 -> v0\n    return v0\n}\n"));
    }
}
