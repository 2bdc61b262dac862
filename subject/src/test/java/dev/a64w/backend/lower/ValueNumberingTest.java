package dev.a64w.backend.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.backend.CompiledFunction;
import dev.a64w.backend.FunctionCompiler;
import dev.a64w.backend.emit.EmittedModule;
import dev.a64w.backend.emit.ModuleEmitter;
import dev.a64w.ir.Function;
import dev.a64w.ir.Module;
import dev.a64w.ir.TestFiles;
import dev.a64w.ir.text.Parser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The lowering keeps its per-value tables in arrays indexed by {@link ValueSlots}: by id for the
 * usual small ids, by order of appearance when some id is at or above {@link
 * ValueSlots#DIRECT_LIMIT}. Both give the same code: every compile golden file, with each value
 * {@code vN} renamed to {@code v(N + 2^21)}, compiles to the same functions, object and listing.
 */
@Epic("subject")
@Feature("lowering")
class ValueNumberingTest {
    private static final Pattern VALUE = Pattern.compile("(?<![%\\w])v(\\d+)\\b");
    private static final int SHIFT = 2 * ValueSlots.DIRECT_LIMIT;

    @TestFactory
    Stream<DynamicTest> largeValueIdsCompileToTheSameCode() {
        List<Path> files = TestFiles.clifFiles(TestFiles.corpus().resolve("filetests/compile"));
        assertTrue(!files.isEmpty(), "no compile golden files");
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
    }

    private static void check(Path file) throws Exception {
        String text = TestFiles.read(file);
        Module small = Parser.parse(text);
        Module large = Parser.parse(shifted(text));
        assertEquals(small.functions().size(), large.functions().size());
        for (Function f : large.functions()) {
            assertTrue(ValueSlots.of(f).size() < ValueSlots.DIRECT_LIMIT, f.name() + ": numbered slots, not ids");
        }
        List<CompiledFunction> a = compileAll(small), b = compileAll(large);
        for (int i = 0; i < a.size(); i++) {
            CompiledFunction x = a.get(i), y = b.get(i);
            assertEquals(x.code(), y.code(), x.name());
            assertEquals(x.asm(), y.asm(), x.name());
            assertEquals(x.labels(), y.labels(), x.name());
            assertEquals(x.relocs(), y.relocs(), x.name());
            assertEquals(x.unwind(), y.unwind(), x.name());
        }
        EmittedModule ea = new ModuleEmitter().emit(small, a), eb = new ModuleEmitter().emit(large, b);
        assertEquals(ea.object(), eb.object());
        assertEquals(ea.listing(), eb.listing());
    }

    private static List<CompiledFunction> compileAll(Module m) {
        List<CompiledFunction> out = new ArrayList<>();
        for (Function f : m.functions()) out.add(FunctionCompiler.compile(m, f));
        return out;
    }

    private static String shifted(String clif) {
        Matcher m = VALUE.matcher(clif);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, "v" + (Long.parseLong(m.group(1)) + SHIFT));
        m.appendTail(out);
        return out.toString();
    }
}
