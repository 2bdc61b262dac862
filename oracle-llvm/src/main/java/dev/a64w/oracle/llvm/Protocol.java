package dev.a64w.oracle.llvm;

import dev.a64w.util.Bytes;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The worker wire format, big-endian (DataInput/DataOutput), over the child's stdin/stdout.
 * Request: {@code u8 op} + payload. Every response, and the hello the child sends once it has
 * loaded LLVM: {@code i32 MAGIC, u8 status} + payload ({@code OK}: the op's value; {@code FAILED}:
 * a message; {@code FATAL}: a message, then the child exits). Strings are {@code i32 length} +
 * UTF-8; the magic detects a stream that something else wrote into.
 *
 * <p>A batch ({@code OP_RUN_ALL}, {@link Oracle#runAll}) is {@code i32 n} + n items, each
 * {@code u8 kind} + the payload of its single request; the answer is n frames, one per item in
 * order, each flushed as soon as it is ready: a worker that dies mid-batch leaves every result
 * before the item that killed it, and the first missing frame names that item.
 */
final class Protocol {
    static final int MAGIC = 0x61363477; // "a64w"
    static final byte OP_PING = 1;
    static final byte OP_ASSEMBLE = 2;
    static final byte OP_DISASSEMBLE = 3;
    static final byte OP_CRASH = 4;
    static final byte OP_COMPILE_IR = 5;
    static final byte OP_RUN_ALL = 6;
    static final byte ITEM_ASSEMBLE = 1;
    static final byte ITEM_COMPILE_IR = 2;
    static final byte OK = 0;
    static final byte FAILED = 1;
    static final byte FATAL = 2;
    /** Largest string or object accepted from the other side. */
    static final int MAX_LENGTH = 256 << 20;

    private Protocol() {}

    static String opName(byte op) {
        return switch (op) {
            case OP_PING -> "ping";
            case OP_ASSEMBLE -> "assemble";
            case OP_DISASSEMBLE -> "disassemble";
            case OP_CRASH -> "crash";
            case OP_COMPILE_IR -> "compileIr";
            case OP_RUN_ALL -> "runAll";
            default -> "op 0x" + Integer.toHexString(op & 0xff);
        };
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBlob(in), StandardCharsets.UTF_8);
    }

    static byte[] readBlob(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH) {
            throw new IOException("protocol: length " + n + " out of range 0.." + MAX_LENGTH);
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    static void writeStrings(DataOutputStream out, List<String> list) throws IOException {
        out.writeInt(list.size());
        for (String s : list) {
            writeString(out, s);
        }
    }

    static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH / 4) {
            throw new IOException("protocol: list size " + n + " out of range");
        }
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(readString(in));
        }
        return list;
    }

    static void writeMcResult(DataOutputStream out, McResult r) throws IOException {
        out.writeInt(r.object().size());
        out.write(r.object().toArray());
        writeStrings(out, r.errors());
        writeStrings(out, r.warnings());
    }

    static McResult readMcResult(DataInputStream in) throws IOException {
        Bytes object = Bytes.of(readBlob(in));
        List<String> errors = readStrings(in);
        return new McResult(object, errors, readStrings(in));
    }

    static void writeRequests(DataOutputStream out, List<? extends OracleRequest> requests) throws IOException {
        out.writeInt(requests.size());
        for (OracleRequest r : requests) {
            switch (r) {
                case OracleRequest.Assemble(String listing) -> {
                    out.writeByte(ITEM_ASSEMBLE);
                    writeString(out, listing);
                }
                case OracleRequest.CompileIr(String llvmIr, LlvmCodegen.OptLevel level) -> {
                    out.writeByte(ITEM_COMPILE_IR);
                    writeString(out, llvmIr);
                    out.writeByte(level.ordinal());
                }
            }
        }
    }

    static List<OracleRequest> readRequests(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH / 4) {
            throw new IOException("protocol: batch size " + n + " out of range");
        }
        List<OracleRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte kind = in.readByte();
            requests.add(switch (kind) {
                case ITEM_ASSEMBLE -> new OracleRequest.Assemble(readString(in));
                case ITEM_COMPILE_IR -> new OracleRequest.CompileIr(readString(in), readOptLevel(in));
                default -> throw new IOException("protocol: batch item " + i + ": unknown kind 0x"
                        + Integer.toHexString(kind & 0xff));
            });
        }
        return requests;
    }

    static LlvmCodegen.OptLevel readOptLevel(DataInputStream in) throws IOException {
        int level = in.readUnsignedByte();
        if (level >= LlvmCodegen.OptLevel.values().length) {
            throw new IOException("protocol: opt level " + level + " out of range");
        }
        return LlvmCodegen.OptLevel.values()[level];
    }

    static void writeWords(DataOutputStream out, int[] words) throws IOException {
        out.writeInt(words.length);
        for (int w : words) {
            out.writeInt(w);
        }
    }

    static int[] readWords(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH / 4) {
            throw new IOException("protocol: word count " + n + " out of range");
        }
        int[] words = new int[n];
        for (int i = 0; i < n; i++) {
            words[i] = in.readInt();
        }
        return words;
    }

    static void writeDisassembly(DataOutputStream out, List<Optional<String>> lines) throws IOException {
        out.writeInt(lines.size());
        for (Optional<String> line : lines) {
            out.writeBoolean(line.isPresent());
            if (line.isPresent()) {
                writeString(out, line.get());
            }
        }
    }

    static List<Optional<String>> readDisassembly(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_LENGTH / 4) {
            throw new IOException("protocol: line count " + n + " out of range");
        }
        List<Optional<String>> lines = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            lines.add(in.readBoolean() ? Optional.of(readString(in)) : Optional.empty());
        }
        return List.copyOf(lines);
    }
}
