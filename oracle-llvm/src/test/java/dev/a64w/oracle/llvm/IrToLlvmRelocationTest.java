package dev.a64w.oracle.llvm;

import static dev.a64w.oracle.llvm.FnBuilder.sig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.util.Bytes;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relocation classes LLVM chooses for the translated IR, read back with llvm-readobj: what
 * the Policy check will compare the subject against. One target symbol per kind of reference, so
 * each relocation says which reference it came from.
 */
@Epic("oracle-llvm")
@Feature("ir-to-llvm")
class IrToLlvmRelocationTest {
    static LlvmCodegen codegen;

    @BeforeAll
    static void open() {
        codegen = new LlvmCodegen();
    }

    @AfterAll
    static void close() {
        codegen.close();
    }

    static Module module(MemFlags loadFlags) {
        List<Type> i64 = List.of(Type.I64);
        FnBuilder callee = new FnBuilder("callee", sig(i64, i64)); // a trapping load: the call cannot go away
        List<Value> cp = callee.block(0, Type.I64);
        callee.end(new Terminator.Return(List.of(
                callee.add(new Inst.Load(LoadOp.LOAD, callee.fresh(), Type.I64, MemFlags.NONE, cp.get(0), 0)))));

        FnBuilder f = new FnBuilder("f", sig(i64, i64));
        int fCallee = f.func("callee", true, sig(i64, i64));
        int fExt = f.func("ext", false, sig(i64, i64));
        int fImp = f.func("imp", false, sig(i64, i64));
        int gAddr = f.global("daddr", true, 0);
        int gLoad = f.global("dload", true, 0);
        List<Value> p = f.block(0, Type.I64);
        Value a = f.add(new Inst.Call(List.of(f.fresh()), fCallee, List.of(p.get(0))));
        Value b = f.add(new Inst.Call(List.of(f.fresh()), fExt, List.of(p.get(0))));
        Value c = f.add(new Inst.Call(List.of(f.fresh()), fImp, List.of(b)));
        Value d = f.add(new Inst.SymbolValue(f.fresh(), Type.I64, gAddr, false));
        Value base = f.add(new Inst.SymbolValue(f.fresh(), Type.I64, gLoad, false));
        Value e = f.add(new Inst.Load(LoadOp.LOAD, f.fresh(), Type.I64, loadFlags, base, 8));
        Value sum = f.binary(dev.a64w.ir.Opcodes.BinaryOp.IADD, Type.I64, a, c);
        sum = f.binary(dev.a64w.ir.Opcodes.BinaryOp.IADD, Type.I64, sum, d);
        sum = f.binary(dev.a64w.ir.Opcodes.BinaryOp.IADD, Type.I64, sum, e);
        f.end(new Terminator.Return(List.of(sum)));

        List<DataObject> data = List.of(
                new DataObject("daddr", false, 8, List.of(new DataItem.Zero(16))),
                new DataObject("dload", false, 8, List.of(new DataItem.Raw(Bytes.ofHex("00".repeat(16))))),
                new DataObject("dptr", true, 8, List.of(new DataItem.Raw(Bytes.ofHex("aabb")),
                        new DataItem.Addr("callee", 0), new DataItem.Addr("dload", 8))));
        List<Function> fs = List.of(callee.build(), f.build());
        return new Module(List.of(), List.of(new Import("imp", "host.dll")), data, fs, List.of(), List.of());
    }

    /** "section TYPE symbol" for every relocation in the object. */
    static Set<String> relocations(McResult r, Path dir) throws Exception {
        Files.write(dir.resolve("r.obj"), r.object().toArray());
        ToolResult ro = Tools.run(List.of("llvm-readobj", "--relocations", "r.obj"), dir, Duration.ofSeconds(60));
        assertEquals(0, ro.exitCode(), ro.stderr());
        Allure.addAttachment("llvm-readobj --relocations", "text/plain", ro.stdout());
        Set<String> out = new TreeSet<>();
        Pattern section = Pattern.compile("Section \\(\\d+\\) (\\S+) \\{");
        Pattern reloc = Pattern.compile("0x[0-9A-Fa-f]+ (IMAGE_REL_ARM64_\\w+) (\\S+)");
        String current = "?";
        for (String line : ro.stdout().split("\n")) {
            Matcher s = section.matcher(line);
            if (s.find()) {
                current = s.group(1);
                continue;
            }
            Matcher m = reloc.matcher(line);
            if (m.find()) {
                out.add(current + " " + m.group(1).substring("IMAGE_REL_ARM64_".length()) + " " + m.group(2));
            }
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(LlvmCodegen.OptLevel.class)
    void llvmChoosesTheExpectedRelocationClasses(LlvmCodegen.OptLevel level, @TempDir Path dir) throws Exception {
        String ir = new IrToLlvm().translate(module(IrSamples.NOTRAP));
        Allure.addAttachment("LLVM IR", "text/plain", ir);
        McResult r = codegen.compile(ir, level);
        assertEquals(List.of(), r.errors());
        Set<String> relocs = relocations(r, dir);
        List<String> expected = List.of(
                ".text BRANCH26 callee",                  // direct call to a function in the module
                ".text BRANCH26 ext",                     // direct call to an external
                ".text PAGEBASE_REL21 __imp_imp",         // import call: adrp + ldr of the IAT slot
                ".text PAGEOFFSET_12L __imp_imp",
                ".text PAGEBASE_REL21 daddr",             // address of data: adrp + add
                ".text PAGEOFFSET_12A daddr",
                ".text PAGEBASE_REL21 dload",             // load from 8-aligned data: adrp + ldr, at O0 too
                ".text PAGEOFFSET_12L dload",
                ".rdata ADDR64 callee",                   // pointers in data
                ".rdata ADDR64 dload");
        for (String want : expected) {
            assertTrue(relocs.contains(want), level + ": missing '" + want + "' in " + relocs);
        }
    }

    /**
     * The LNK2048 rule from LLVM's side: an 8-byte load from data aligned to 1 is not folded into
     * the ldr's PAGEOFFSET_12L (the linker would need the target offset to be a multiple of 8);
     * LLVM adds the low 12 bits first (12A) and loads through the register.
     */
    @ParameterizedTest
    @EnumSource(LlvmCodegen.OptLevel.class)
    void eightByteLoadFromByteAlignedDataIsNotFoldedInto12L(LlvmCodegen.OptLevel level, @TempDir Path dir)
            throws Exception {
        FnBuilder g = new FnBuilder("g", sig(List.of(), List.of(Type.I64)));
        int gv = g.global("bytes", true, 0);
        g.block(0);
        Value base = g.add(new Inst.SymbolValue(g.fresh(), Type.I64, gv, false));
        g.end(new Terminator.Return(List.of(
                g.add(new Inst.Load(LoadOp.LOAD, g.fresh(), Type.I64, IrSamples.NOTRAP, base, 8)))));
        Module m = new Module(List.of(), List.of(),
                List.of(new DataObject("bytes", false, 1, List.of(new DataItem.Zero(16)))),
                List.of(g.build()), List.of(), List.of());
        McResult r = codegen.compile(new IrToLlvm().translate(m), level);
        assertEquals(List.of(), r.errors());
        Set<String> relocs = relocations(r, dir);
        assertEquals(Set.of(".text PAGEBASE_REL21 bytes", ".text PAGEOFFSET_12A bytes"), relocs, level.toString());
    }
}
