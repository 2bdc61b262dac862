package dev.a64w.diff.readobj;

import dev.a64w.oracle.llvm.OracleException;
import dev.a64w.oracle.llvm.ToolResult;
import dev.a64w.oracle.llvm.Tools;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code UnwindInformation} of {@code llvm-readobj --unwind} for an ARM64 COFF object or PE
 * image (LLVM 20's ARMWinEHPrinter), parsed: one {@link ReadobjEntry} per {@code .pdata} entry, in
 * the order readobj prints them (every section whose name starts with {@code .pdata}, in section
 * order; in an image, the exception directory's section).
 *
 * @param format  the {@code Format:} line ({@code COFF-ARM64})
 * @param entries the runtime functions, in output order
 */
public record ReadobjUnwind(String format, List<ReadobjEntry> entries) {

    public ReadobjUnwind {
        entries = List.copyOf(entries);
    }

    /** Parses the tool's standard output. */
    public static ReadobjUnwind parse(String stdout) {
        ReadobjTree top = ReadobjTree.parse(stdout);
        String format = top.field("Format").orElseThrow(() ->
                new ReadobjException("llvm-readobj output: no 'Format:' line (is this --unwind output?)"));
        if (!format.equals("COFF-ARM64")) {
            throw new ReadobjException("llvm-readobj output: Format expected COFF-ARM64, actual " + format);
        }
        List<ReadobjEntry> entries = top.scope("UnwindInformation")
                .map(u -> u.scopes("RuntimeFunction").stream().map(ReadobjEntry::of).toList())
                .orElse(List.of());
        return new ReadobjUnwind(format, entries);
    }

    /** Runs the bundled {@code llvm-readobj --unwind FILE} and parses its output; a non-zero exit is an error. */
    public static ReadobjUnwind run(Path file, Duration timeout) {
        Path abs = file.toAbsolutePath();
        ToolResult r;
        try {
            r = Tools.run(List.of("llvm-readobj", "--unwind", abs.toString()), abs.getParent(), timeout);
        } catch (OracleException e) {
            throw new ReadobjException("llvm-readobj --unwind " + abs + ": " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new ReadobjException("llvm-readobj --unwind " + abs + ": exit " + r.exitCode() + ": "
                    + r.stderr().strip());
        }
        if (!r.stderr().isBlank()) {
            throw new ReadobjException("llvm-readobj --unwind " + abs + ": unexpected diagnostics: " + r.stderr().strip());
        }
        return parse(r.stdout());
    }
}
