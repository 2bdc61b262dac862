package dev.a64w.check.coff;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

@Epic("fuzz")
@Feature("coff reader")
class CoffReaderTest {

    @Test
    void readsSectionsSymbolsAndRelocations() {
        CoffObject obj = CoffReader.read(CoffFixtures.good(CoffFixtures.goodText()).build());
        assertEquals(0xAA64, obj.machine());
        assertEquals(0, obj.timestamp());
        assertEquals(List.of(".text", ".data", ".rdata$with_a_long_name"),
                obj.sections().stream().map(Section::name).toList());
        Section text = obj.section(".text").orElseThrow();
        assertEquals(1, text.number());
        assertEquals(4, text.alignment());
        assertEquals(36, text.data().size());
        assertEquals(0x9400_0000L, text.data().u32(0));
        assertEquals(7, text.relocations().size());
        Relocation ldr = text.relocations().get(2);
        assertEquals(8, ldr.offset());
        assertEquals(Arm64RelocType.PAGEOFFSET_12L, ldr.arm64Type().orElseThrow());
        assertEquals("__imp_host", ldr.symbolName());
        assertEquals(8, obj.section(".data").orElseThrow().alignment());

        Symbol q = obj.symbol("data_q").orElseThrow();
        assertEquals(8, q.value());
        assertEquals(2, q.sectionNumber());
        Symbol sec = obj.symbol(".data").orElseThrow();
        assertEquals(1, sec.auxCount());
        assertEquals(18, sec.aux().size());
        Symbol lng = obj.symbol("a_really_long_symbol_name").orElseThrow();
        assertEquals(sec.index() + 2, lng.index(), "aux record occupies an index");
        assertEquals(".data", text.relocations().get(5).symbolName());
        assertEquals(List.of("data_q", "byte_sym", ".data", "a_really_long_symbol_name"),
                obj.symbolsIn(obj.section(".data").orElseThrow()).stream().map(Symbol::name).toList());
        assertTrue(obj.symbol("callee").orElseThrow().isExternalReference());
    }

    @Test
    void readsOverflowedRelocationCount() {
        TestCoffBuilder b = new TestCoffBuilder();
        int n = 0x10005;
        int d = b.section(".rdata", CoffFixtures.RDATA8, new byte[8]);
        int s = b.symbol("x", 0, d, 0, 3);
        for (int i = 0; i < n; i++) {
            b.reloc(d, 0, s, Arm64RelocType.ADDR32NB);
        }
        Section sec = CoffReader.read(b.build()).section(".rdata").orElseThrow();
        assertEquals(n, sec.relocations().size());
        assertTrue((sec.characteristics() & Section.LNK_NRELOC_OVFL) != 0);
    }

    @Test
    void decodesEveryAlignmentValue() {
        for (int field = 0; field <= 0xE; field++) {
            TestCoffBuilder b = new TestCoffBuilder();
            b.section(".x", 0x4000_0040L | ((long) field << 20), new byte[4]);
            int expected = field == 0 ? 0 : 1 << (field - 1);
            assertEquals(expected, CoffReader.read(b.build()).sections().get(0).alignment(), "field " + field);
        }
        TestCoffBuilder bad = new TestCoffBuilder();
        bad.section(".x", 0x4000_0040L | 0x00F0_0000L, new byte[4]);
        assertThrows(MalformedObjectException.class, () -> CoffReader.read(bad.build()));
    }

    @Test
    void everyTruncationIsRejectedWithTheLayerException() {
        byte[] whole = CoffFixtures.good(CoffFixtures.goodText()).build().toArray();
        for (int len = 0; len < whole.length; len++) {
            Bytes prefix = Bytes.of(whole, 0, len);
            try {
                CoffReader.read(prefix);
                // a prefix may still be readable only if it cut nothing the headers refer to
                if (len < whole.length - 4) {
                    fail("prefix of " + len + " bytes was accepted");
                }
            } catch (MalformedObjectException expected) {
                assertTrue(expected.getMessage().contains("0x"), expected.getMessage());
            }
        }
    }

    @Test
    void corruptedBytesOnlyEverThrowTheLayerException() {
        byte[] whole = CoffFixtures.good(CoffFixtures.goodText()).build().toArray();
        Random random = new Random(0xC0FFL);
        for (int round = 0; round < 20_000; round++) {
            byte[] copy = whole.clone();
            int flips = 1 + random.nextInt(4);
            for (int k = 0; k < flips; k++) {
                int at = random.nextInt(copy.length);
                copy[at] = random.nextInt(3) == 0 ? (byte) 0xFF : (byte) random.nextInt(256);
            }
            try {
                CoffObject obj = CoffReader.read(Bytes.of(copy));
                RelocationRules.check(obj);
            } catch (MalformedObjectException expected) {
                // fine
            } catch (RuntimeException e) {
                throw new AssertionError("seed 0xC0FF round " + round + ": " + e, e);
            }
        }
    }

    @Test
    void rejectsBadSymbolIndexInRelocation() {
        TestCoffBuilder b = new TestCoffBuilder();
        int d = b.section(".rdata", CoffFixtures.RDATA8, new byte[8]);
        int s = b.symbol(".rdata", 0, d, 0, 3, new byte[18]);
        b.reloc(d, 0, s + 1, Arm64RelocType.ADDR32NB); // points at the aux record
        MalformedObjectException e = assertThrows(MalformedObjectException.class, () -> CoffReader.read(b.build()));
        assertTrue(e.getMessage().contains("symbol index"), e.getMessage());
    }
}
