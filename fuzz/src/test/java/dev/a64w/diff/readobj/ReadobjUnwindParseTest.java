package dev.a64w.diff.readobj;

import dev.a64w.util.Bytes;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parser on output shapes seen from llvm-readobj 20 (copied from its runs on our fixtures). */
@Epic("fuzz")
@Feature("readobj cross-check")
class ReadobjUnwindParseTest {
    private static final String OUTPUT = """

            File: x.obj
            Format: COFF-ARM64
            Arch: aarch64
            AddressSize: 64bit
            UnwindInformation [
              RuntimeFunction {
                Function: f_big +0xFFFFC (0xFFFFC)
                ExceptionRecord: .xdata +0xC (0xC)
                ExceptionData {
                  FunctionLength: 28
                  Version: 0
                  ExceptionData: Yes
                  EpiloguePacked: No
                  EpilogueScopes: 1
                  ByteCodeLength: 4
                  Prologue [
                    0xe70001            ; str x0, [sp, #8]
                    Opcode 0xe7 goes past the unwind data
                  ]
                  EpilogueScopes [
                    EpilogueScope {
                      StartOffset: 3
                      EpilogueStartIndex: 1
                      ReservedBits: 1
                      Opcodes [
                        0x80                ; ldp x29, x30, [sp], #8
                      ]
                    }
                  ]
                  ExceptionHandler [
                    Routine: __C_specific_handler (0x0)
                    Parameter: 0x1234
                  ]
                }
              }
              RuntimeFunction {
                Function: 0x1800010AC
                Fragment: Yes
                FunctionLength: 16
                RegF: 0
                RegI: 1
                HomedParameters: Yes
                CR: 1
                FrameSize: 80
                Prologue [
                  INVALID!
                  end
                ]
              }
              RuntimeFunction {
              }
            ]
            """;

    @Test
    void parsesEveryBlockKind() {
        ReadobjUnwind u = ReadobjUnwind.parse(OUTPUT);
        assertEquals(3, u.entries().size());
        ReadobjEntry.Unpacked a = assertInstanceOf(ReadobjEntry.Unpacked.class, u.entries().get(0));
        assertEquals(new FunctionRef(Optional.of("f_big"), 0xFFFFC, 0xFFFFC), a.function().orElseThrow());
        assertEquals(new FunctionRef(Optional.of(".xdata"), 0xC, 0xC), a.exceptionRecord());
        ReadobjXdata x = a.xdata().orElseThrow();
        assertEquals(List.of(new ReadobjCode.Op(Bytes.ofHex("e70001"), "str x0, [sp, #8]"), new ReadobjCode.PastEnd(0xe7)),
                x.prologue());
        assertEquals(new ReadobjXdata.Scope(3, 1, 1, List.of(new ReadobjCode.Op(Bytes.ofHex("80"), "ldp x29, x30, [sp], #8"))),
                x.scopes().get(0));
        assertEquals(new ReadobjXdata.Handler(new FunctionRef(Optional.of("__C_specific_handler"), 0, 0), 0x1234),
                x.handler().orElseThrow());
        ReadobjEntry.Packed p = assertInstanceOf(ReadobjEntry.Packed.class, u.entries().get(1));
        assertEquals(new FunctionRef(Optional.empty(), 0, 0x1800010ACL), p.function().orElseThrow());
        assertTrue(p.fragment() && p.homedParameters());
        assertEquals(List.of("INVALID!", "end"), p.prologue());
        assertInstanceOf(ReadobjEntry.Incomplete.class, u.entries().get(2));
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        assertThrows(ReadobjException.class, () -> ReadobjUnwind.parse("Format: COFF-x86-64\n"));
        assertThrows(ReadobjException.class, () -> ReadobjUnwind.parse("Format: COFF-ARM64\nUnwindInformation [\n"));
        assertThrows(ReadobjException.class, () -> ReadobjUnwind.parse("Format: COFF-ARM64\nA {\n]\n"));
        assertThrows(ReadobjException.class, () -> FunctionRef.parse("f (zz)"));
    }
}
