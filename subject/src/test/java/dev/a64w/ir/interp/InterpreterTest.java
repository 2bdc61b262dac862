package dev.a64w.ir.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.Module;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.text.Parser;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("ir.interp")
class InterpreterTest {
    private static Module parse(String s) throws Exception {
        return Parser.parse(s);
    }

    @Test
    void dataMemoryLoadsStoresAndPointers() throws Exception {
        Module m = parse("""
                ; data: %counter align=8 bytes=05 00 00 00 00 00 00 00
                ; rodata: %table align=8 addr=%counter+0 bytes=2a
                function %bump() -> i64 {
                    gv0 = symbol %table
                block0:
                    v0 = symbol_value.i64 gv0
                    v1 = load.i64 notrap aligned v0
                    v2 = load.i64 v1
                    v3 = iadd_imm v2, 1
                    store v3, v1
                    v4 = uload8.i64 v0+8
                    v5 = iadd v3, v4
                    return v5
                }
                function %write_ro() {
                    gv0 = symbol %table
                block0:
                    v0 = symbol_value.i64 gv0
                    v1 = iconst.i8 1
                    store v1, v0+8
                    return
                }
                function %oob() -> i64 {
                    gv0 = symbol %counter
                block0:
                    v0 = symbol_value.i64 gv0
                    v1 = load.i64 v0+1
                    return v1
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 1000);
        assertEquals(new Outcome.Returned(List.of(6L + 42)), in.call("bump", List.of()));
        assertEquals(new Outcome.Returned(List.of(7L + 42)), in.call("bump", List.of()));
        assertEquals(Bytes.ofHex("0700000000000000"), in.dataMemory().get("counter"));
        assertEquals(in.addressOf("counter"), in.dataMemory().get("table").u64(0));
        assertEquals(new Outcome.Trapped(TrapCode.HEAP_OOB), in.call("write_ro", List.of()));
        assertEquals(new Outcome.Trapped(TrapCode.HEAP_OOB), in.call("oob", List.of()));
    }

    @Test
    void bigEndianAccessesReverseBytes() throws Exception {
        Module m = parse("""
                ; data: %buf align=8 bytes=01 02 03 84 05 06 07 08 00 00 00 00 00 00 00 00
                function %loads() -> i64, i64, i32, i64 {
                    gv0 = symbol %buf
                block0:
                    v0 = symbol_value.i64 gv0
                    v1 = load.i64 big v0
                    v2 = sload32.i64 big v0+3
                    v3 = uload16.i32 big v0+2
                    v4 = sload16.i64 big v0+3
                    return v1, v2, v3, v4
                }
                function %stores(i64) {
                    gv0 = symbol %buf
                block0(v0: i64):
                    v1 = symbol_value.i64 gv0
                    istore32 big v0, v1+8
                    istore16 big v0, v1+12
                    istore8 big v0, v1+14
                    return
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 1000);
        assertEquals(new Outcome.Returned(List.of(0x0102038405060708L, 0xffff_ffff_8405_0607L, 0x0384L, 0xffff_ffff_ffff_8405L)),
                in.call("loads", List.of()));
        in.call("stores", List.of(0x1122334455667788L));
        assertEquals(Bytes.ofHex("0102038405060708556677887788" + "8800"), in.dataMemory().get("buf"));
    }

    @Test
    void stackSlotsCallsAndIndirectCalls() throws Exception {
        Module m = parse("""
                function %callee(i32) -> i32, i64 {
                block0(v0: i32):
                    v1 = iadd_imm v0, 10
                    v2 = get_stack_pointer.i64
                    return v1, v2
                }
                function %main(i32) -> i32 {
                    ss0 = explicit_slot 12, align = 16
                    fn0 = colocated %callee(i32) -> i32, i64
                block0(v0: i32):
                    stack_store v0, ss0+4
                    v1, v2 = call fn0(v0)
                    v3 = func_addr.i64 fn0
                    v4, v5 = call_indirect sig0, v3(v1)
                    v6 = stack_load.i32 ss0+4
                    v7 = iadd v4, v6
                    v8 = stack_addr.i64 ss0
                    v9 = band_imm v8, 15
                    v10 = band_imm v5, 15
                    v11 = bor v9, v10
                    v12 = ireduce.i32 v11
                    v13 = iadd v7, v12
                    return v13
                }
                function %bad_sig() -> i64 {
                    sig0 = (i64) -> i64
                    fn0 = %callee(i32) -> i32, i64
                block0:
                    v0 = func_addr.i64 fn0
                    v1 = call_indirect sig0, v0(v0)
                    return v1
                }
                function %bad_addr() -> i64 {
                    sig0 = (i64) -> i64
                block0:
                    v0 = iconst.i64 0x1234
                    v1 = call_indirect sig0, v0(v0)
                    return v1
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 1000);
        assertEquals(new Outcome.Returned(List.of(5L + 20 + 5)), in.call("main", List.of(5L)));
        assertEquals(new Outcome.Trapped(new TrapCode("bad_sig")), in.call("bad_sig", List.of()));
        assertEquals(new Outcome.Trapped(TrapCode.HEAP_OOB), in.call("bad_addr", List.of()));
    }

    @Test
    void hostCallsAreTraced() throws Exception {
        Module m = parse("""
                ; import: %host_mix from "host.dll"
                function %f(i64) -> i64 {
                    fn0 = %host_mix(i64, i64) -> i64
                    fn1 = %host_sink(i64)
                block0(v0: i64):
                    v1 = call fn0(v0, v0)
                    call fn1(v1)
                    return_call fn0(v1, v0)
                }
                """);
        StandardHost host = new StandardHost();
        Interpreter in = new Interpreter(m, host, 1000);
        long mix1 = 3 * 31 ^ Long.rotateLeft(3, 7);
        long mix2 = mix1 * 31 ^ Long.rotateLeft(3, 7);
        assertEquals(new Outcome.Returned(List.of(mix2)), in.call("f", List.of(3L)));
        assertEquals(List.of(new HostCall("host_mix", List.of(3L, 3L)), new HostCall("host_sink", List.of(mix1)),
                new HostCall("host_mix", List.of(mix1, 3L))), host.trace());
        assertThrows(IllegalArgumentException.class, () -> host.call("nope", List.of()));
    }

    @Test
    void trapsFuelAndRecursionDepth() throws Exception {
        Module m = parse("""
                function %div(i32, i32) -> i32 {
                block0(v0: i32, v1: i32):
                    v2 = sdiv v0, v1
                    return v2
                }
                function %loop() {
                block0:
                    jump block0
                }
                function %rec(i64) -> i64 {
                    fn0 = colocated %rec(i64) -> i64
                block0(v0: i64):
                    v1 = call fn0(v0)
                    return v1
                }
                function %tail(i64) -> i64 tail {
                    fn0 = colocated %tail(i64) -> i64 tail
                block0(v0: i64):
                    brif v0, block1, block2
                block1:
                    v1 = iadd_imm v0, -1
                    return_call fn0(v1)
                block2:
                    trapnz v0, user3
                    v2 = iconst.i64 77
                    return v2
                }
                """);
        Interpreter in = new Interpreter(m, new StandardHost(), 100_000);
        assertEquals(new Outcome.Trapped(TrapCode.INT_DIVZ), in.call("div", List.of(1L, 0L)));
        assertEquals(new Outcome.Trapped(TrapCode.INT_OVF), in.call("div", List.of(0x8000_0000L, -1L)));
        assertEquals(new Outcome.Returned(List.of(-3L)), in.call("div", List.of(7L, 0xffff_fffeL)));
        assertEquals(new Outcome.OutOfFuel(), in.call("loop", List.of()));
        assertEquals(new Outcome.Trapped(TrapCode.STK_OVF), in.call("rec", List.of(1L)));
        assertEquals(new Outcome.Returned(List.of(77L)), in.call("tail", List.of(20_000L)), "tail calls do not grow the stack");
    }

    @Test
    void runLinesReportFailures() throws Exception {
        Module m = parse("""
                function %id(i8) -> i8 {
                block0(v0: i8):
                    return v0
                }
                ; run: %id(-1) == 255
                ; run: %id(1) == 2
                ; run: %id(1) != 2
                ; run: %id(3) != 3
                """);
        var s = RunLines.summarize(m, new Interpreter(m, new StandardHost(), 100));
        assertEquals(2, s.passed());
        assertEquals(2, s.failures().size());
        assertTrue(s.failures().getFirst().startsWith("line 6:"), s.failures().getFirst());
        assertFalse(s.failures().get(1).isEmpty());
    }
}
