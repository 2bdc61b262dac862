package dev.a64w.cli;

import dev.a64w.ir.Module;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads CLIF files for the commands, turning every failure into an {@link InputException}. */
final class Sources {
    private Sources() {}

    /**
     * For commands that go on past a bad file: the module, or empty after printing the error to
     * standard output (the caller then exits 2).
     */
    static java.util.Optional<Module> loadOrReport(Path file) {
        try {
            return java.util.Optional.of(load(file));
        } catch (InputException e) {
            System.out.println(e.getMessage());
            return java.util.Optional.empty();
        }
    }

    static Module load(Path file) {
        String text = readUtf8(file);
        try {
            return Parser.parse(text);
        } catch (ParseException e) {
            throw new InputException(file + ":" + e.line() + ":" + e.column() + ": " + e.detail());
        }
    }

    /** The file as UTF-8 text; a file that is not says where its first bad byte is. */
    static String readUtf8(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(in).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            int at = in.position();
            return failNotText(file, at, at < bytes.length ? bytes[at] & 0xff : -1);
        }
    }

    private static String failNotText(Path file, int offset, int value) {
        throw new InputException(file + ": not UTF-8 text (byte " + (value < 0 ? "?" : String.format("0x%02x", value))
                + " at offset " + offset + ")");
    }
}
