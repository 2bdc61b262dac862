package dev.a64w.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.ToolResult;
import dev.a64w.oracle.llvm.Tools;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("fuzz")
@Feature("exec-pe")
class PeImageTest {
    static final String LISTING = "\t.text\n" + Asm.func("f") + """
            \t.seh_proc f
            \tstp x29, x30, [sp, #-16]!
            \t.seh_save_fplr_x 16
            \t.seh_endprologue
            \tbl hostfn
            \tbl other
            \t.seh_startepilogue
            \tldp x29, x30, [sp], #16
            \t.seh_save_fplr_x 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            """ + Asm.func("g") + """
            \t.seh_proc g
            \tstr x19, [sp, #-16]!
            \t.seh_save_reg_x x19, 16
            \t.seh_endprologue
            \tbl f
            \t.seh_startepilogue
            \tldr x19, [sp], #16
            \t.seh_save_reg_x x19, 16
            \t.seh_endepilogue
            \tret
            \t.seh_endproc
            \t.data
            \t.globl counter
            \t.p2align 3
            counter:
            \t.xword 0x1122334455667788
            """;

    static LlvmMc mc;
    static Bytes dll;

    @BeforeAll
    static void build() {
        mc = new LlvmMc();
        LinkResult r = new Linker().link(List.of(Asm.assemble(mc, LISTING)),
                Imports.of("host.dll", List.of("hostfn", "other")), List.of("f", "g"), List.of("counter"));
        assertTrue(r.clean(), r.errors() + " " + r.warnings());
        dll = r.dll();
    }

    @AfterAll
    static void close() {
        mc.close();
    }

    @Test
    void agreesWithLlvmReadobj(@TempDir Path dir) throws Exception {
        PeImage img = PeImage.parse(dll);
        assertEquals(Linker.IMAGE_BASE, img.imageBase());
        Files.write(dir.resolve("t.dll"), dll.toArray());
        ToolResult ro = Tools.run(List.of("llvm-readobj", "--coff-exports", "--coff-imports", "--unwind", "t.dll"),
                dir, Duration.ofSeconds(60));
        assertEquals(0, ro.exitCode(), ro.stderr());
        String out = ro.stdout();

        Map<String, Long> exports = new TreeMap<>();
        Matcher m = Pattern.compile("Name: (\\S+)\\s+RVA: 0x([0-9A-Fa-f]+)").matcher(out);
        while (m.find()) {
            exports.put(m.group(1), Long.parseLong(m.group(2), 16));
        }
        assertEquals(exports, img.exports());
        assertEquals(Map.of("counter", 0L, "f", 0L, "g", 0L).keySet(), img.exports().keySet());

        List<String> imports = new ArrayList<>();
        Matcher im = Pattern.compile("Symbol: (\\S+) \\(").matcher(out);
        while (im.find()) {
            imports.add(im.group(1));
        }
        assertEquals(imports, img.imports().stream().filter(i -> i.dll().equals("host.dll")).map(PeImport::name).toList());
        Matcher iat = Pattern.compile("Name: host.dll\\s+ImportLookupTableRVA: 0x\\w+\\s+ImportAddressTableRVA: 0x(\\w+)")
                .matcher(out);
        assertTrue(iat.find(), out);
        long iatRva = Long.parseLong(iat.group(1), 16);
        assertEquals(iatRva, img.imports().stream().filter(i -> i.name().equals("hostfn")).findFirst().orElseThrow().iatRva());
        assertEquals(iatRva + 8, img.imports().stream().filter(i -> i.name().equals("other")).findFirst().orElseThrow().iatRva());

        List<Long> functions = new ArrayList<>();
        Matcher fm = Pattern.compile("Function: 0x([0-9A-Fa-f]+)").matcher(out);
        while (fm.find()) {
            functions.add(Long.parseLong(fm.group(1), 16) - img.imageBase());
        }
        assertEquals(functions, img.runtimeFunctions().stream().map(RuntimeFunction::beginRva).toList());
        assertEquals(2, functions.size());
        assertEquals(img.exportRva("f"), functions.get(0));

        // the data symbol's bytes are where the export says
        assertEquals(0x1122334455667788L, img.mapped().u64((int) img.exportRva("counter")));
        assertTrue(img.sectionAt(img.exportRva("f")).executable());
        assertTrue(img.sectionAt(img.exportRva("counter")).writable());
        assertFalse(img.sectionAt(img.exportRva("counter")).executable());
    }

    @Test
    void rejectsWhatIsNotAnArm64Dll() {
        assertTrue(assertThrows(ExecException.class, () -> PeImage.parse(Bytes.ofHex("00 01 02")))
                .getMessage().contains("MZ"));
        byte[] b = dll.toArray();
        int pe = (int) dll.u32(0x3c);
        b[pe + 4] = 0x64; // machine 0x8664 (x64)
        b[pe + 5] = (byte) 0x86;
        assertTrue(assertThrows(ExecException.class, () -> PeImage.parse(Bytes.of(b)))
                .getMessage().contains("0x8664"));
        ExecException cut = assertThrows(ExecException.class, () -> PeImage.parse(dll.slice(0, 0x500)));
        assertTrue(cut.getMessage().contains("beyond end of file") || cut.getMessage().contains("truncated"),
                cut.getMessage());
        assertThrows(ExecException.class, () -> PeImage.parse(dll).exportRva("nope"));
    }
}
