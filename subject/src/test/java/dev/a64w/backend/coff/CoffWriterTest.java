package dev.a64w.backend.coff;

import static org.junit.jupiter.api.Assertions.*;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.RelocKind;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Epic("subject")
@Feature("coff")
class CoffWriterTest {

    static final String LONG_SECTION = ".rdata$verylongname";
    static final String LONG_SYMBOL = "a_function_with_a_long_name";

    static CoffObject sample() {
        return CoffObject.build(Coff.IMAGE_FILE_MACHINE_ARM64, b -> {
            int text = b.section(".text", Coff.TEXT, 4, Bytes.ofHex("00000094 00000090 00000091 c0035fd6"));
            int data = b.section(".data", Coff.DATA, 8, Bytes.ofHex("0800000000000000 0102030405060708"));
            int ro = b.section(LONG_SECTION, Coff.RDATA, 16, Bytes.ofHex("2a"));
            int f = b.defined(LONG_SYMBOL, text, 0, Coff.IMAGE_SYM_DTYPE_FUNCTION, Coff.IMAGE_SYM_CLASS_EXTERNAL);
            int g = b.defined("g", text, 12, Coff.IMAGE_SYM_DTYPE_FUNCTION, Coff.IMAGE_SYM_CLASS_EXTERNAL);
            int d = b.defined("d", data, 0, 0, Coff.IMAGE_SYM_CLASS_EXTERNAL);
            b.defined("local", ro, 0, 0, Coff.IMAGE_SYM_CLASS_STATIC);
            int ext = b.undefined("external_callee", Coff.IMAGE_SYM_DTYPE_FUNCTION);
            b.relocationToSymbol(text, 0, ext, Arm64Relocations.IMAGE_REL_ARM64_BRANCH26);
            b.relocationToSymbol(text, 4, d, Arm64Relocations.IMAGE_REL_ARM64_PAGEBASE_REL21);
            b.relocationToSection(text, 8, ro, Arm64Relocations.IMAGE_REL_ARM64_PAGEOFFSET_12A);
            b.relocationToSymbol(data, 0, g, Arm64Relocations.IMAGE_REL_ARM64_ADDR64);
            b.relocationToSymbol(data, 8, f, Arm64Relocations.IMAGE_REL_ARM64_ADDR32NB);
        });
    }

    @Test
    void roundTripsThroughAnIndependentReader() {
        CoffObject obj = sample();
        Bytes file = CoffWriter.write(obj);
        TestCoffReader.Parsed p = TestCoffReader.read(file);
        assertEquals(obj, p.model());
    }

    @Test
    void headersAndOffsetsAreAsSpecified() {
        Bytes file = CoffWriter.write(sample());
        TestCoffReader.Parsed p = TestCoffReader.read(file);
        assertEquals(new TestCoffReader.Header(0xAA64, 3, 0, p.header().symbolTable(), 3 * 2 + 5, 0, 0), p.header());
        // raw data and relocations packed right after the 3 section headers, in section order
        int at = 20 + 3 * 40;
        assertEquals(at, p.section(".text").rawData());
        assertEquals(at += 16, p.section(".text").relocations());
        assertEquals(at += 3 * 10, p.section(".data").rawData());
        assertEquals(at += 16, p.section(".data").relocations());
        assertEquals(at += 2 * 10, p.section(LONG_SECTION).rawData());
        assertEquals(0, p.section(LONG_SECTION).relocations());
        assertEquals(at + 1, p.header().symbolTable());

        assertEquals(0x60300020, p.section(".text").characteristics()); // CODE|EXECUTE|READ|ALIGN_4BYTES
        assertEquals(0xC0400040, p.section(".data").characteristics()); // INIT|READ|WRITE|ALIGN_8BYTES
        assertEquals(0x40500040, p.section(LONG_SECTION).characteristics()); // INIT|READ|ALIGN_16BYTES
        assertEquals("/4", p.section(LONG_SECTION).rawName());
        assertEquals(4 + LONG_SECTION.length() + 1 + LONG_SYMBOL.length() + 1 + "external_callee".length() + 1, p.stringTableSize());

        // relocations: section symbols first (2 records each), then named symbols in model order
        assertEquals(List.of(new TestCoffReader.Reloc(0, 6 + 4, 3), new TestCoffReader.Reloc(4, 6 + 2, 4),
                new TestCoffReader.Reloc(8, 4, 6)), p.relocations().get(0));
        assertEquals(LONG_SYMBOL, p.symbol(6).name());
        assertEquals(0x20, p.symbol(LONG_SYMBOL).type());
        assertEquals(2, p.symbol(LONG_SYMBOL).storageClass());
        assertEquals(3, p.symbol("local").storageClass());
        assertEquals(0, p.symbol("external_callee").section());
        assertEquals(12, p.symbol("g").value());
    }

    @Test
    void sameModelGivesSameBytes() {
        assertEquals(CoffWriter.write(sample()), CoffWriter.write(sample()));
        Bytes once = CoffWriter.write(sample());
        assertEquals(once, CoffWriter.write(TestCoffReader.read(once).model()));
    }

    @Test
    void relocationOverflowUsesNrelocOvfl() {
        int count = 0x11170; // 70000
        CoffObject obj = CoffObject.build(Coff.IMAGE_FILE_MACHINE_ARM64, b -> {
            int data = b.section(".rdata", Coff.RDATA, 8, Bytes.of(new byte[8 * count]));
            int ext = b.undefined("target", 0);
            for (int i = 0; i < count; i++) b.relocationToSymbol(data, 8 * i, ext, Arm64Relocations.IMAGE_REL_ARM64_ADDR64);
        });
        Bytes file = CoffWriter.write(obj);
        TestCoffReader.Parsed p = TestCoffReader.read(file);
        TestCoffReader.SectionHeader h = p.section(".rdata");
        assertEquals(0xFFFF, h.relocationCountField());
        assertEquals(Coff.IMAGE_SCN_LNK_NRELOC_OVFL, h.characteristics() & Coff.IMAGE_SCN_LNK_NRELOC_OVFL);
        assertEquals(count + 1, file.u32(h.relocations()));
        assertEquals(count, p.relocations().getFirst().size());
        assertEquals(obj, p.model());
    }

    @Test
    void exactly0xfffeRelocationsNeedNoOverflowButExactly0xffffDo() {
        for (int count : new int[] {0xFFFE, 0xFFFF}) {
            CoffObject obj = CoffObject.build(Coff.IMAGE_FILE_MACHINE_ARM64, b -> {
                int data = b.section(".rdata", Coff.RDATA, 4, Bytes.of(new byte[4 * count]));
                for (int i = 0; i < count; i++) b.relocationToSection(data, 4 * i, data, Arm64Relocations.IMAGE_REL_ARM64_ADDR32NB);
            });
            TestCoffReader.Parsed p = TestCoffReader.read(CoffWriter.write(obj));
            boolean ovfl = (p.section(".rdata").characteristics() & Coff.IMAGE_SCN_LNK_NRELOC_OVFL) != 0;
            assertEquals(count == 0xFFFF, ovfl, "count 0x" + Integer.toHexString(count));
            assertEquals(obj, p.model());
        }
    }

    @Test
    void writerRefusesALayoutItDoesNotLandOn() {
        CoffObject obj = sample();
        Layout good = Layout.of(obj);
        Layout bad = new Layout(good.sectionHeadersOffset(), good.sections(), good.symbolTableOffset() + 2, good.symbolRecords(),
                good.stringTableOffset(), good.strings(), good.fileSize());
        var e = assertThrows(IllegalStateException.class, () -> CoffWriter.write(obj, bad));
        assertTrue(e.getMessage().contains("symbol table lands at 0x"), e.getMessage());
    }

    @Test
    void invalidModelsAreRejected() {
        int arm = Coff.IMAGE_FILE_MACHINE_ARM64;
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> {
            int t = b.section(".text", Coff.TEXT, 4, Bytes.ofHex("00000094"));
            b.relocationToSection(t, 2, t, Arm64Relocations.IMAGE_REL_ARM64_BRANCH26); // field past the end
        }));
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> {
            int t = b.section(".data", Coff.DATA, 8, Bytes.of(new byte[8]));
            b.relocationToSection(t, 4, t, Arm64Relocations.IMAGE_REL_ARM64_ADDR64); // 8-byte field at 4 of 8
        }));
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> {
            int t = b.section(".text", Coff.TEXT, 4, Bytes.ofHex("00000094"));
            b.relocationToSymbol(t, 0, 3, Arm64Relocations.IMAGE_REL_ARM64_BRANCH26); // no such symbol
        }));
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> {
            int t = b.section(".text", Coff.TEXT, 4, Bytes.ofHex("00000094"));
            b.defined("f", t, 0, 0x20, 2);
            b.defined("f", t, 0, 0x20, 2);
        }));
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> b.defined("f", 0, 0, 0x20, 2)));
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> b.section(".text", Coff.TEXT | 0x00300000, 4, Bytes.EMPTY)));
        assertThrows(CompileException.class, () -> CoffObject.build(arm, b -> b.section(".text", Coff.TEXT, 3, Bytes.EMPTY)));
        CoffBuilder[] leaked = new CoffBuilder[1];
        CoffObject.build(arm, b -> leaked[0] = b);
        assertThrows(IllegalStateException.class, () -> leaked[0].undefined("x", 0));
    }

    @Test
    void relocationKindMapping() {
        Map<RelocKind, Integer> expected = Map.of(
                RelocKind.CALL26, 0x03, RelocKind.ADRP_PAGE21, 0x04, RelocKind.ADD_LO12, 0x06,
                RelocKind.LDST8_LO12, 0x07, RelocKind.LDST16_LO12, 0x07, RelocKind.LDST32_LO12, 0x07,
                RelocKind.LDST64_LO12, 0x07, RelocKind.LDST128_LO12, 0x07, RelocKind.ABS64, 0x0E, RelocKind.ADDR32NB, 0x02);
        assertEquals(RelocKind.values().length, expected.size());
        for (RelocKind k : RelocKind.values()) assertEquals(expected.get(k), Arm64Relocations.type(k), k.name());
        assertEquals("IMAGE_REL_ARM64_PAGEBASE_REL21", Arm64Relocations.name(4));
        assertEquals("IMAGE_REL_ARM64_REL32", Arm64Relocations.name(0x11));
    }

    @Test
    void alignFieldEncoding() {
        assertEquals(0x00100000, Coff.alignFlag(1));
        assertEquals(0x00300000, Coff.alignFlag(4));
        assertEquals(0x00E00000, Coff.alignFlag(8192));
        for (int a = 1; a <= 8192; a <<= 1) assertEquals(a, Coff.alignmentOf(Coff.alignFlag(a)));
    }
}
