package dev.a64w.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.exec.PeImage;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The PC-relative words the audit executes itself (ADR, ADRP, LDR literal in every form, PRFM
 * literal) leave the CPU exactly as QEMU executing them in place does: every x register, SP, pc and
 * both halves of every v register compared, for each word of a linked image.
 */
@Epic("fuzz")
@Feature("audit")
class AuditPcRelativeTest {
    static final String LISTING = "\t.text\n" + AuditFixtures.func("pcrel").replace("\t.seh_proc pcrel\n", "") + """
            \tadr x0, lit
            \tadr x1, pcrel
            \tadrp x2, lit
            \tadrp x3, far
            \tldr x4, lit
            \tldr w5, lit
            \tldrsw x6, lit
            \tldrsw x7, lit + 4
            \tldr s8, lit
            \tldr d9, lit
            \tldr q10, lit
            \tldr x30, lit
            \tprfm pldl1keep, lit
            \tldr xzr, lit
            \tret
            \t.p2align 4
            lit:
            \t.quad 0xfedcba9876543210
            \t.quad 0x0123456789abcdef
            \t.section .rdata,"dr"
            \t.p2align 12
            far:
            \t.quad 1
            """;

    @Test
    void eachWordAsQemuDoesItInPlace() {
        Bytes dll = AuditFixtures.dll(LISTING, List.of("pcrel"));
        AuditTarget t = Auditor.read(dll);
        long begin = t.imageBase() + PeImage.parse(dll).exportRva("pcrel");
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        try (AuditCpu cpu = new AuditCpu(t)) {
            for (int k = 0; k < 14; k++) {
                long at = begin + 4L * k;
                int word = cpu.fetch(at).orElseThrow();
                cpu.enter(at);
                assertEquals(Optional.empty(), cpu.stepInPlace());
                expected.add(String.format("%08x: %s", word, state(cpu)));
                cpu.enter(at);
                assertEquals(Optional.empty(), cpu.step(word));
                actual.add(String.format("%08x: %s", word, state(cpu)));
            }
        }
        assertEquals(String.join("\n", expected), String.join("\n", actual));
        assertTrue(expected.get(4).contains("x4=fedcba9876543210"), expected.get(4));
    }

    static String state(AuditCpu cpu) {
        StringBuilder sb = new StringBuilder();
        for (int n = 0; n <= 30; n++) {
            sb.append(String.format("x%d=%x ", n, cpu.x(n)));
        }
        sb.append(String.format("sp=%x pc=%x", cpu.sp(), cpu.pc()));
        for (int n = 0; n < 32; n++) {
            sb.append(String.format(" v%d=%x:%x", n, cpu.qHigh(n), cpu.d(n)));
        }
        return sb.toString();
    }
}
