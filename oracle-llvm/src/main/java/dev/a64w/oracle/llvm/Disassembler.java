package dev.a64w.oracle.llvm;

import static org.bytedeco.llvm.global.LLVM.LLVMCreateDisasm;
import static org.bytedeco.llvm.global.LLVM.LLVMDisasmDispose;
import static org.bytedeco.llvm.global.LLVM.LLVMDisasmInstruction;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.llvm.LLVM.LLVMDisasmContextRef;

/**
 * LLVM's AArch64 disassembler for {@code aarch64-pc-windows-msvc}, one 32-bit instruction word at
 * a time. Output is normalized to {@code "mnemonic operands"}: no tabs, single spaces, no leading or
 * trailing blanks, LLVM's spelling otherwise (decimal immediates, {@code x30} not {@code lr},
 * aliases such as {@code mov}/{@code ret} preferred as LLVM prints them). Branch targets are shown
 * as offsets from the instruction ({@code b #8}). Calls are serialized on this instance; the
 * output buffer is reused.
 */
public final class Disassembler implements AutoCloseable {
    private static final int OUT_SIZE = 256;
    private final LLVMDisasmContextRef context;
    /** Native buffers, allocated once: the word in, LLVM's NUL-terminated text out. */
    private final BytePointer in = new BytePointer(4);
    private final BytePointer out = new BytePointer(OUT_SIZE);
    private final byte[] text = new byte[OUT_SIZE];
    private boolean closed;

    public Disassembler() {
        LlvmTarget.initialize();
        this.context = LLVMCreateDisasm(LlvmTarget.TRIPLE, null, 0, null, null);
        if (context == null || context.isNull()) {
            throw new OracleException("disassembler " + LlvmTarget.TRIPLE + ": LLVMCreateDisasm returned null");
        }
    }

    /** The instruction {@code word} (as it sits little-endian in memory), or empty if it is not one. */
    public synchronized Optional<String> disassemble(int word) {
        if (closed) {
            throw new OracleException("Disassembler: used after close");
        }
        in.put(0, (byte) word).put(1, (byte) (word >>> 8)).put(2, (byte) (word >>> 16)).put(3, (byte) (word >>> 24));
        out.put(0, (byte) 0);
        long used = LLVMDisasmInstruction(context, in, 4, 0, out, OUT_SIZE);
        if (used != 4) {
            return Optional.empty();
        }
        out.position(0).get(text, 0, OUT_SIZE);
        int len = 0;
        while (len < OUT_SIZE && text[len] != 0) {
            len++;
        }
        return Optional.of(normalize(new String(text, 0, len, StandardCharsets.UTF_8)));
    }

    /** Each word disassembled; {@code null} where a word is not a valid instruction. */
    public synchronized String[] disassemble(int[] words) {
        String[] result = new String[words.length];
        for (int i = 0; i < words.length; i++) {
            result[i] = disassemble(words[i]).orElse(null);
        }
        return result;
    }

    /** Strips, and turns every run of blanks (tabs, spaces) into one space. */
    static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean blank = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isWhitespace(ch)) {
                blank = sb.length() > 0;
            } else {
                if (blank) {
                    sb.append(' ');
                    blank = false;
                }
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LLVMDisasmDispose(context);
            in.close();
            out.close();
        }
    }
}
