package dev.a64w.backend.emit;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.coff.Coff;
import dev.a64w.backend.coff.TestCoffReader;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("emit")
class ModuleEmitterTest {
    private final ModuleEmitter emitter = new ModuleEmitter();

    private record R(int offset, String symbol, int type) {}

    private static List<R> relocs(TestCoffReader.Parsed p, String section) {
        return p.relocations().get(p.sectionNumber(section) - 1).stream()
                .map(r -> new R(r.offset(), p.symbol(r.symbolIndex()).name(), r.type())).toList();
    }

    private TestCoffReader.Parsed read(Bytes obj) {
        return TestCoffReader.read(obj);
    }

    @Test
    void textHoldsFunctionsInOrderWithTheirSymbolsAndRelocations() {
        Bytes obj = emitter.emit(SampleModule.module(), SampleModule.functions()).object();
        TestCoffReader.Parsed p = read(obj);
        assertEquals(0xAA64, p.header().machine());
        assertEquals(0, p.header().timestamp());
        assertEquals(List.of(".text", ".data", ".rdata", ".xdata", ".pdata"),
                p.sections().stream().map(TestCoffReader.SectionHeader::name).toList());
        var text = p.section(".text");
        assertEquals(52 + 12, text.size());
        assertEquals(Coff.TEXT | 0x00300000, text.characteristics());
        assertEquals(SampleModule.f().code(), p.data(obj, ".text").slice(0, 52));
        assertEquals(SampleModule.g().code(), p.data(obj, ".text").slice(52, 64));

        assertEquals(0, p.symbol("f").value());
        assertEquals(52, p.symbol("g").value());
        for (String fn : List.of("f", "g")) {
            assertEquals(0x20, p.symbol(fn).type());
            assertEquals(2, p.symbol(fn).storageClass());
            assertEquals(p.sectionNumber(".text"), p.symbol(fn).section());
        }
        assertEquals(List.of(new R(0x0c, "g", 0x03), new R(0x10, "ext", 0x03), new R(0x14, "table", 0x04),
                new R(0x18, "table", 0x07), new R(0x1c, "__imp_host", 0x04), new R(0x20, "__imp_host", 0x07)), relocs(p, ".text"));

        for (String undef : List.of("ext", "__imp_host", "ext_data")) {
            assertEquals(0, p.symbol(undef).section(), undef);
            assertEquals(2, p.symbol(undef).storageClass(), undef);
        }
        assertEquals(0x20, p.symbol("ext").type());
        assertEquals(0, p.symbol("__imp_host").type());
    }

    @Test
    void dataObjectsArePlacedAtTheirAlignmentWithInlineAddends() {
        Bytes obj = emitter.emit(SampleModule.module(), SampleModule.functions()).object();
        TestCoffReader.Parsed p = read(obj);
        var data = p.section(".data");
        assertEquals(Coff.DATA | 0x00400000, data.characteristics()); // ALIGN_8BYTES
        assertEquals(Bytes.ofHex("0000000000000000 0102030000000000 0800000000000000"), p.data(obj, ".data"));
        assertEquals(List.of(new R(0, "g", 0x0E), new R(16, "f", 0x0E)), relocs(p, ".data"));
        assertEquals(0, p.symbol("table").value());
        assertEquals(p.sectionNumber(".data"), p.symbol("table").section());

        var rdata = p.section(".rdata");
        assertEquals(Coff.RDATA | 0x00500000, rdata.characteristics()); // ALIGN_16BYTES
        // msg at 0 (3 bytes), ptrs at 16: addend -4 stored inline
        assertEquals(Bytes.ofHex("68690000000000000000000000000000 fcffffffffffffff"), p.data(obj, ".rdata"));
        assertEquals(16, p.symbol("ptrs").value());
        assertEquals(List.of(new R(16, "ext_data", 0x0E)), relocs(p, ".rdata"));
    }

    @Test
    void unwindDataForFramedFunctionsOnly() {
        Bytes obj = emitter.emit(SampleModule.module(), SampleModule.functions()).object();
        TestCoffReader.Parsed p = read(obj);
        assertEquals(Coff.RDATA | 0x00300000, p.section(".xdata").characteristics());
        assertEquals(Coff.RDATA | 0x00300000, p.section(".pdata").characteristics());
        // worked example frame, 13 words: header 0x1060000d, codes e1 d002 83 e4 + padding
        assertEquals(Bytes.ofHex("0d006010 e1d00283 e4e3e3e3"), p.data(obj, ".xdata"));
        assertEquals(Bytes.ofHex("00000000 00000000"), p.data(obj, ".pdata"));
        assertEquals(List.of(new R(0, "f", 0x02), new R(4, ".xdata", 0x02)), relocs(p, ".pdata"));
        assertEquals(List.of(), relocs(p, ".xdata"));
    }

    @Test
    void secondFunctionsXdataIsAddressedBySectionSymbolPlusInlineOffset() {
        CompiledFunction f2 = new CompiledFunction("f2", SampleModule.f().code(), SampleModule.f().insts(),
                CompiledFunction.noLabels(), List.of(), SampleModule.f().unwind());
        Bytes obj = emitter.emit(Module.of(List.of()), List.of(SampleModule.f(), SampleModule.g(), f2)).object();
        TestCoffReader.Parsed p = read(obj);
        assertEquals(24, p.section(".xdata").size());
        assertEquals(Bytes.ofHex("00000000 00000000 00000000 0c000000"), p.data(obj, ".pdata"));
        assertEquals(List.of(new R(0, "f", 2), new R(4, ".xdata", 2), new R(8, "f2", 2), new R(12, ".xdata", 2)), relocs(p, ".pdata"));
        assertEquals(64, p.symbol("f2").value());
    }

    @Test
    void aFunctionOfOneMiBOrMoreGetsOnePdataEntryPerSegment() {
        // the worked-example frame, 0x1ffff0 nop words in the body: 3 segments (LLVM's split)
        int words = 3 + 0x7fffc + 3;
        List<dev.a64w.backend.a64.A64Inst> asm = new java.util.ArrayList<>(SampleModule.f().insts().subList(0, 3));
        dev.a64w.util.ByteSink code = new dev.a64w.util.ByteSink().bytes(Bytes.ofHex("fd7bbea9 f30b00f9 fd030091"));
        for (int i = 3; i < words - 3; i++) {
            asm.add(new dev.a64w.backend.a64.A64Inst.Nop());
            code.u32(0xd503201fL);
        }
        asm.addAll(SampleModule.f().insts().subList(10, 13));
        code.bytes(Bytes.ofHex("f30b40f9 fd7bc2a8 c0035fd6"));
        int end = 4 * words;
        var unwind = new dev.a64w.backend.FunctionUnwind(SampleModule.f().unwind().get().prologue(),
                List.of(new dev.a64w.backend.Epilogue(List.of(
                        new dev.a64w.backend.UnwindStep(end - 12, new dev.a64w.backend.UnwindOp.SaveReg(19, 16)),
                        new dev.a64w.backend.UnwindStep(end - 8, new dev.a64w.backend.UnwindOp.SaveFpLrPre(32))), end - 4)));
        CompiledFunction big = new CompiledFunction("big", code.toBytes(), asm, CompiledFunction.noLabels(), List.of(), Optional.of(unwind));
        Bytes obj = emitter.emit(Module.of(List.of()), List.of(big)).object();
        TestCoffReader.Parsed p = read(obj);
        // segments at 0, 0xffffc, 0x1ffff8; each .pdata entry is the function symbol + the segment offset inline
        assertEquals(Bytes.ofHex("00000000 00000000 fcff0f00 0c000000 f8ff1f00 18000000"), p.data(obj, ".pdata"));
        assertEquals(List.of(new R(0, "big", 2), new R(4, ".xdata", 2), new R(8, "big", 2), new R(12, ".xdata", 2),
                new R(16, "big", 2), new R(20, ".xdata", 2)), relocs(p, ".pdata"));
        assertEquals(Bytes.ofHex("ffff0310 e1d00283 e4e3e3e3 ffff2310 e5e1d002 83e4e3e3 0400a010 e5e1d002 83e4e3e3"),
                p.data(obj, ".xdata"));
    }

    @Test
    void modelRoundTripsAndBytesAreDeterministic() {
        var model = emitter.object(SampleModule.module(), SampleModule.functions());
        EmittedModule a = emitter.emit(SampleModule.module(), SampleModule.functions());
        EmittedModule b = emitter.emit(SampleModule.module(), SampleModule.functions());
        assertEquals(model, read(a.object()).model());
        assertEquals(a, b);
    }

    @Test
    void noDataNoUnwindGivesTextOnly() {
        TestCoffReader.Parsed p = read(emitter.emit(Module.of(List.of()), List.of(SampleModule.g())).object());
        assertEquals(List.of(".text"), p.sections().stream().map(TestCoffReader.SectionHeader::name).toList());
    }

    @Test
    void duplicateNamesAndBadRelocationsAreRejected() {
        Module clash = new Module(List.of(), List.of(), List.of(new DataObject("g", false, 8, List.of(new DataItem.Zero(8)))),
                List.of(), List.of(), List.of());
        assertThrows(CompileException.class, () -> emitter.emit(clash, List.of(SampleModule.g())));
        assertThrows(CompileException.class, () -> emitter.emit(Module.of(List.of()), List.of(SampleModule.g(), SampleModule.g())));
        CompiledFunction bad = new CompiledFunction("b", SampleModule.g().code(), SampleModule.g().insts(), CompiledFunction.noLabels(),
                List.of(new dev.a64w.backend.Reloc(12, dev.a64w.backend.RelocKind.CALL26, "x", 0)), Optional.empty());
        assertThrows(CompileException.class, () -> emitter.emit(Module.of(List.of()), List.of(bad)));
    }

    @Test
    void listingMirrorsTheObject() {
        String expected = """
                \t.text
                \t.def f
                \t.scl 2
                \t.type 32
                \t.endef
                \t.globl f
                \t.p2align 2
                f:
                \t.seh_proc f
                \tstp x29, x30, [sp, #-32]!
                \t.seh_save_fplr_x 32
                \tstr x19, [sp, #16]
                \t.seh_save_reg x19, 16
                \tmov x29, sp
                \t.seh_set_fp
                \t.seh_endprologue
                \tbl g
                \tbl ext
                \tadrp x8, table
                \tldr x8, [x8, :lo12:table]
                \tadrp x9, __imp_host
                \tldr x9, [x9, :lo12:__imp_host]
                \tblr x9
                \t.seh_startepilogue
                \tldr x19, [sp, #16]
                \t.seh_save_reg x19, 16
                \tldp x29, x30, [sp], #32
                \t.seh_save_fplr_x 32
                \t.seh_endepilogue
                \tret
                \t.seh_endproc
                \t.def g
                \t.scl 2
                \t.type 32
                \t.endef
                \t.globl g
                \t.p2align 2
                g:
                \tcbz x0, .Lg_done
                \tadd x0, x0, #1
                .Lg_done:
                \tret
                \t.section .data,"dw"
                \t.p2align 3
                \t.globl table
                \t.p2align 3
                table:
                \t.xword g
                \t.byte 0x01, 0x02, 0x03
                \t.zero 5
                \t.xword f+8
                \t.section .rdata,"dr"
                \t.p2align 4
                \t.globl msg
                \t.p2align 0
                msg:
                \t.byte 0x68, 0x69, 0x00
                \t.globl ptrs
                \t.p2align 4
                ptrs:
                \t.xword ext_data-4
                """;
        assertEquals(expected, emitter.emit(SampleModule.module(), SampleModule.functions()).listing());
    }
}
