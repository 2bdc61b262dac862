package dev.a64w.fuzzinfra;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A fuzz target with one known crash, the positive control of {@code ci/cflite-local.sh}: the real
 * targets have no known crashing input, so this one shows that a crash is found, written as an
 * artifact and replayed (non-zero exit, the crash report) through a wrapper that
 * {@code .clusterfuzzlite/build.sh} writes from the same template as the real targets' (the script
 * checks that the wrappers differ only in the target's name). It is not in build.sh's default
 * target list, so ClusterFuzzLite never fuzzes it; the script adds it with
 * {@code A64W_EXTRA_FUZZ_TARGETS}.
 *
 * <p>It crashes on any input that starts with {@link #MAGIC}; libFuzzer finds that prefix within
 * seconds through Jazzer's hook on {@link String#startsWith}.
 */
@Epic("fuzz")
@Feature("fuzz-infra")
class CrashCanaryFuzzTest {
    static final String MAGIC = "A64W";

    /** Thrown on the known crashing input; the script looks for this name in the crash report. */
    static final class CanaryCrash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CanaryCrash(String message) {
            super(message);
        }
    }

    @FuzzTest
    void crashesOnMagicPrefix(byte[] input) {
        String text = new String(input, StandardCharsets.ISO_8859_1);
        if (text.startsWith(MAGIC)) {
            throw new CanaryCrash("a64w crash canary: input starts with " + MAGIC);
        }
    }

    /** The fixture itself: the known input crashes, a near miss and the empty input do not. */
    @Test
    void crashesExactlyOnTheMagicPrefix() {
        assertThrows(CanaryCrash.class, () -> crashesOnMagicPrefix("A64W".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(CanaryCrash.class, () -> crashesOnMagicPrefix("A64Wxyz".getBytes(StandardCharsets.US_ASCII)));
        assertDoesNotThrow(() -> crashesOnMagicPrefix("A64".getBytes(StandardCharsets.US_ASCII)));
        assertDoesNotThrow(() -> crashesOnMagicPrefix("xA64W".getBytes(StandardCharsets.US_ASCII)));
        assertDoesNotThrow(() -> crashesOnMagicPrefix(new byte[0]));
    }
}
