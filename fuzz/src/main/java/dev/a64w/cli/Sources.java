package dev.a64w.cli;

import dev.a64w.ir.Module;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.ir.verify.Diagnostic;
import dev.a64w.ir.verify.Verifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads CLIF files for the commands, turning every failure into an {@link InputException}: one line
 * that starts with the file. What every CLIF command ({@code compile}, {@code run}, {@code check},
 * {@code reduce}) rejects as bad input, in this order: a file that cannot be read (missing, a
 * directory, no permission), that is not UTF-8, that does not parse, that has no function at all, that
 * is larger than {@link InputLimits} allow, that does not verify, or that imports a function the host
 * library does not have (or declares one with other types).
 */
final class Sources {
    private Sources() {}

    /**
     * For commands that go on past a bad file: the module, or empty after printing the error to
     * standard error (the caller then exits 2).
     */
    static Optional<Module> loadOrReport(Path file) {
        try {
            return Optional.of(load(file));
        } catch (InputException e) {
            System.err.println(e.getMessage());
            return Optional.empty();
        }
    }

    /** The module of a CLIF file that every command can take (see the class comment), or bad input. */
    static Module load(Path file) {
        Module m = parse(file);
        if (m.functions().isEmpty() && m.skipped().isEmpty()) {
            throw new InputException(file + ": no function in the file");
        }
        InputLimits.check(m).ifPresent(why -> {
            throw new InputException(file + ": " + why);
        });
        List<Diagnostic> problems = Verifier.check(m);
        if (!problems.isEmpty()) {
            throw new InputException(file + ": does not verify: " + problems.getFirst()
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        StandardHost.checkImports(m).ifPresent(why -> {
            throw new InputException(file + ": " + why);
        });
        return m;
    }

    /** The parsed file, not yet checked further. */
    static Module parse(Path file) {
        String text = readUtf8(file);
        try {
            return Parser.parse(text);
        } catch (ParseException e) {
            throw new InputException(file + ":" + e.line() + ":" + e.column() + ": " + e.detail());
        }
    }

    /** The file as UTF-8 text; a file that is not says where its first bad byte is. */
    static String readUtf8(Path file) {
        byte[] bytes = readBytes(file, InputLimits.MAX_FILE_BYTES);
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

    /** The file's bytes; a missing file, a directory or an unreadable one is bad input that says which. */
    static byte[] readBytes(Path file, long maxBytes) {
        if (Files.isDirectory(file)) {
            throw new InputException(file + ": is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new InputException(file + ": no such file");
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new InputException(file + ": " + size + " bytes, more than the limit of " + maxBytes);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static String failNotText(Path file, int offset, int value) {
        throw new InputException(file + ": not UTF-8 text (byte " + (value < 0 ? "?" : String.format("0x%02x", value))
                + " at offset " + offset + ")");
    }
}
