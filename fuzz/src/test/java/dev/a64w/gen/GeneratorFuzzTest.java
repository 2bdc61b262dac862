package dev.a64w.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.List;

/** Any bytes give a module that passes the generator's own structural checks, reproducibly. */
@Epic("fuzz")
@Feature("generator")
class GeneratorFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void anyBytesGiveAValidModule(FuzzedDataProvider data) {
        boolean skeleton = data.consumeBoolean();
        byte[] bytes = data.consumeRemainingAsBytes();
        var gen = new Generator(skeleton ? GeneratorConfig.skeleton() : GeneratorConfig.integer());
        var c = gen.generate(new BytesSource(bytes));
        assertEquals(List.of(), ModuleChecker.check(c.module()));
        assertEquals(c, gen.generate(new BytesSource(bytes)));
    }
}
