package dev.a64w.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.a64w.ir.Type;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

@Epic("fuzz")
@Feature("run check")
class ValueShapeTest {
    @Test
    void aNarrowValueExtendedTheWrongWayIsNamed() {
        assertEquals("zero-extended from i16, the interpreter sign-extends", ValueShape.of(Type.I64, 0xff80L, 0xffff_ffff_ffff_ff80L));
        assertEquals("sign-extended from i8, the interpreter zero-extends", ValueShape.of(Type.I32, 0xffff_ff80L, 0x80L));
        assertEquals("zero-extended from i32, the interpreter sign-extends", ValueShape.of(Type.I64, 0x8000_0000L, 0xffff_ffff_8000_0000L));
    }

    @Test
    void otherDifferencesHaveNoShape() {
        assertEquals("", ValueShape.of(Type.I64, 7, 5));
        assertEquals("", ValueShape.of(Type.I64, 5, 5));
        assertEquals("", ValueShape.of(Type.I8, 0x7f, 0x80));
        assertEquals("", ValueShape.of(Type.I64, 0x1_0000_ff80L, 0xffff_ffff_ffff_ff80L));
    }
}
