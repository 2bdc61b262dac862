package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Epic("oracle-llvm")
@Feature("disassembler")
class DisassemblerTest {
    static Disassembler dis;

    @BeforeAll
    static void open() {
        dis = new Disassembler();
    }

    @AfterAll
    static void close() {
        dis.close();
    }

    @Test
    void knownWords() {
        assertEquals(Optional.of("ret"), dis.disassemble(0xd65f03c0));
        assertEquals(Optional.of("stp x29, x30, [sp, #-16]!"), dis.disassemble(0xa9bf7bfd));
        assertEquals(Optional.of("ldp x29, x30, [sp], #16"), dis.disassemble(0xa8c17bfd));
        assertEquals(Optional.of("mov x29, sp"), dis.disassemble(0x910003fd));
        assertEquals(Optional.of("bl #0"), dis.disassemble(0x94000000));
        assertEquals(Optional.of("nop"), dis.disassemble(0xd503201f));
    }

    @Test
    void invalidWordsAreEmpty() {
        assertEquals(Optional.empty(), dis.disassemble(0xffffffff));
        assertEquals(Optional.of("udf #0"), dis.disassemble(0x00000000)); // all-zero is a real instruction
    }

    @Test
    void batchKeepsPositions() {
        String[] r = dis.disassemble(new int[] {0xd65f03c0, 0xffffffff, 0xd503201f});
        assertArrayEquals(new String[] {"ret", null, "nop"}, r);
    }

    @Test
    void normalizesWhitespace() {
        assertEquals("add x0, x1, x2", Disassembler.normalize("\tadd\tx0,  x1, x2 "));
        assertTrue(dis.disassemble(0x8b020020).orElseThrow().indexOf('\t') < 0);
    }
}
