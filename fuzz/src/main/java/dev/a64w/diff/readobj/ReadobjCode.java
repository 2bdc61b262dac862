package dev.a64w.diff.readobj;

import dev.a64w.util.Bytes;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of an opcode list ({@code Prologue}, {@code Epilogue}, a scope's {@code Opcodes}) as
 * llvm-readobj's ARM64 decoder prints it.
 */
public sealed interface ReadobjCode {
    /** {@code "0xd186              ; str x25, [sp, #48]"}: the code's bytes (concatenated hex) and its text. */
    record Op(Bytes bytes, String text) implements ReadobjCode {
        public int first() {
            return bytes.u8(0);
        }
    }

    /** {@code "Opcode 0xe7 goes past the unwind data"}: the code's length runs past the code array. */
    record PastEnd(int opcode) implements ReadobjCode {
    }

    /** Any other line (e.g. a text printed without the bytes); kept verbatim. */
    record Bare(String text) implements ReadobjCode {
    }

    Pattern OP = Pattern.compile("^0x((?:[0-9a-f]{2})+)\\s+;\\s*(.*)$");
    Pattern PAST = Pattern.compile("^Opcode 0x([0-9a-f]{2}) goes past the unwind data$");

    static ReadobjCode parse(String line) {
        Matcher m = OP.matcher(line);
        if (m.matches()) {
            return new Op(Bytes.ofHex(m.group(1)), m.group(2).strip());
        }
        Matcher p = PAST.matcher(line);
        if (p.matches()) {
            return new PastEnd(Integer.parseInt(p.group(1), 16));
        }
        return new Bare(line);
    }
}
