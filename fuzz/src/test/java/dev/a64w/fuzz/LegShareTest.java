package dev.a64w.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("batch")
class LegShareTest {
    @Test
    void oneInNCasesChosenBySeedAndRepeatable() {
        LegShare four = new LegShare(4);
        int in = 0;
        for (long i = 0; i < 4000; i++) {
            if (four.includes(7, i)) in++;
            assertEquals(four.includes(7, i), four.includes(7, i));
        }
        assertTrue(in > 850 && in < 1150, "about a quarter: " + in);
        int differ = 0;
        for (long i = 0; i < 200; i++) if (four.includes(7, i) != four.includes(8, i)) differ++;
        assertTrue(differ > 20, "another seed picks other cases: " + differ);
        for (long i = 0; i < 100; i++) assertTrue(LegShare.ALL.includes(7, i));
    }
}
