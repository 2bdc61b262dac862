package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.a64w.ir.Module;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.text.Printer;
import dev.a64w.ir.verify.Verifier;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;

/**
 * The CLIF parser on arbitrary text: it rejects bad input only with {@link ParseException}; what it
 * accepts, the verifier can judge without crashing; and every module that verifies prints to text
 * that parses back to the same module.
 */
@Epic("fuzz")
@Feature("parser")
class ParserFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void parse(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        Module m;
        try {
            m = Parser.parse(text);
        } catch (ParseException e) {
            return;
        }
        if (!Verifier.check(m).isEmpty()) return;
        String printed = Printer.print(m);
        try {
            assertEquals(printed, Printer.print(Parser.parse(printed)));
        } catch (ParseException e) {
            throw new AssertionError("printed module does not parse: " + e.getMessage() + "\n" + printed, e);
        }
    }
}
