package dev.a64w.check.coff;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;

/** Jazzer target: the reader and the rules reject bad bytes only with {@link MalformedObjectException}. */
@Epic("fuzz")
@Feature("coff reader")
class CoffReaderFuzzTest {

    @FuzzTest
    void readerOnlyThrowsLayerException(byte[] data) {
        try {
            RelocationRules.check(CoffReader.read(Bytes.of(data)));
        } catch (MalformedObjectException expected) {
            // the only allowed failure
        }
    }
}
