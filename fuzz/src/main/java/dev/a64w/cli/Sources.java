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
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage());
        }
        try {
            return Parser.parse(text);
        } catch (ParseException e) {
            throw new InputException(file + ":" + e.line() + ":" + e.column() + ": " + e.detail());
        }
    }
}
