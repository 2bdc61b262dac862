package dev.a64w.diff.readobj;

import dev.a64w.check.coff.Symbol;
import dev.a64w.check.unwind.MalformedUnwindException;
import dev.a64w.check.unwind.PackedUnwind;
import dev.a64w.check.unwind.UnwindOp;
import dev.a64w.util.Bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cross-checks the harness's unwind decoder against {@code llvm-readobj --unwind} (a third,
 * independent decoder), entry by entry and field by field, for ARM64 COFF objects and PE images:
 * the function start, packed fields and the prologue readobj synthesizes from them, every
 * {@code .xdata} header field, every epilogue scope, every code (bytes and meaning), and the
 * exception handler. Differences that match a documented llvm-readobj behaviour
 * ({@link KnownDifferences}) are reported apart from disagreements.
 */
public final class ReadobjCrossCheck {
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private ReadobjCrossCheck() {
    }

    /** Decodes {@code file} with our readers and with llvm-readobj and compares the two. */
    public static CrossCheckResult compare(Path file) {
        return compare(file, file);
    }

    /**
     * Compares our decoding of {@code ourFile} with llvm-readobj's of {@code llvmFile} (the same file
     * normally; two files for positive controls that alter one side's bytes).
     */
    public static CrossCheckResult compare(Path ourFile, Path llvmFile) {
        Bytes bytes;
        try {
            bytes = Bytes.of(Files.readAllBytes(ourFile));
        } catch (IOException e) {
            throw new ReadobjException(ourFile + ": cannot read: " + e.getMessage(), e);
        }
        return compare(llvmFile.toString(), OurUnwind.read(bytes), ReadobjUnwind.run(llvmFile, TIMEOUT));
    }

    /** Compares two decodings already made. */
    public static CrossCheckResult compare(String name, OurUnwind ours, ReadobjUnwind llvm) {
        Findings f = new Findings();
        f.field("(file)", "RuntimeFunction count", ours.entries().size(), llvm.entries().size());
        int n = Math.min(ours.entries().size(), llvm.entries().size());
        for (int i = 0; i < n; i++) {
            entry(f, ours, ours.entries().get(i), llvm.entries().get(i));
        }
        return f.result(name, n);
    }

    private static void entry(Findings f, OurUnwind ours, OurEntry o, ReadobjEntry l) {
        String fn = o.label();
        if (l.function().isEmpty()) {
            f.disagree(fn, "Function", o.function(), "(not printed)");
        } else {
            location(f, ours, fn, "Function", o.function(), l.function().get());
        }
        switch (l) {
            case ReadobjEntry.Incomplete inc -> f.disagree(fn, "RuntimeFunction", kind(o.unwind()),
                    "incomplete: " + inc.lines());
            case ReadobjEntry.Packed p -> {
                if (o.unwind() instanceof OurEntry.Decoded.Packed ours1) {
                    packed(f, fn, ours1.packed(), p);
                } else {
                    f.disagree(fn, "Flag", kind(o.unwind()), "packed");
                }
            }
            case ReadobjEntry.Unpacked u -> {
                switch (o.unwind()) {
                    case OurEntry.Decoded.Packed p -> f.disagree(fn, "Flag", kind(p), "xdata");
                    case OurEntry.Decoded.Rejected r -> f.disagree(fn, "ExceptionData", kind(r), "decoded");
                    case OurEntry.Decoded.Full full -> {
                        if (o.xdata().isPresent()) {
                            location(f, ours, fn, "ExceptionRecord", o.xdata().get(), u.exceptionRecord());
                        }
                        if (u.xdata().isEmpty()) {
                            f.disagree(fn, "ExceptionData", "decoded", "(not printed)");
                            return;
                        }
                        ReadobjXdata lx = u.xdata().get();
                        new XdataComparison(f, fn).compare(full.xdata(), lx);
                        handler(f, ours, fn, o, lx);
                    }
                }
            }
        }
    }

    private static void handler(Findings f, OurUnwind ours, String fn, OurEntry o, ReadobjXdata lx) {
        if (!f.field(fn, "ExceptionHandler", o.handler().isPresent() ? "present" : "absent",
                lx.handler().isPresent() ? "present" : "absent") || o.handler().isEmpty()) {
            return;
        }
        ReadobjXdata.Handler h = lx.handler().get();
        location(f, ours, fn, "ExceptionHandler.Routine", o.handler().get(), h.routine());
        f.field(fn, "ExceptionHandler.Parameter", o.parameter().isPresent()
                ? "0x" + Long.toHexString(o.parameter().getAsLong()) : "(beyond the data)", "0x" + Long.toHexString(h.parameter()));
    }

    private static void packed(Findings f, String fn, PackedUnwind p, ReadobjEntry.Packed l) {
        f.field(fn, "Fragment", p.flag() == 2, l.fragment());
        f.field(fn, "FunctionLength", p.functionLengthBytes(), l.functionLength());
        f.field(fn, "RegF", p.regF(), l.regF());
        f.field(fn, "RegI", p.regI(), l.regI());
        f.field(fn, "HomedParameters", p.h(), l.homedParameters());
        f.field(fn, "CR", p.cr(), l.cr());
        f.field(fn, "FrameSize", p.frameSize(), l.frameSize());
        List<String> llvm = l.prologue().stream().map(t -> OpText.llvm(t, true)).toList();
        List<String> ours = new ArrayList<>();
        Optional<String> error = Optional.empty();
        try {
            for (UnwindOp op : p.prologue()) {
                ours.add(OpText.of(op));
            }
            ours.add("end");
        } catch (MalformedUnwindException e) {
            error = Optional.of(e.getMessage());
        }
        String field = "Prologue (synthesized)";
        Optional<String> known = KnownDifferences.packedPrologue(p, error, llvm, ours);
        if (known.isPresent()) {
            f.known(fn, field, error.map(e -> "rejected: " + e).orElse(String.join("; ", ours)), String.join("; ", l.prologue()),
                    known.get());
            return;
        }
        if (error.isPresent()) {
            f.disagree(fn, field, "rejected: " + error.get(), String.join("; ", l.prologue()));
            return;
        }
        for (int i = 0; i < Math.min(ours.size(), llvm.size()); i++) {
            f.field(fn, field + "[" + i + "]", ours.get(i), llvm.get(i));
        }
        f.field(fn, field + ".count", ours.size(), llvm.size());
    }

    /** Our place versus readobj's printed location: same address in an image; same symbol-resolved place in an object. */
    private static void location(Findings f, OurUnwind ours, String fn, String field, Place our, FunctionRef llvm) {
        switch (our) {
            case Place.InImage img -> f.field(fn, field, img, "0x" + Long.toHexString(llvm.address()));
            case Place.InObject obj -> {
                boolean same = llvm.symbol().isPresent() && ours.symbols().stream().anyMatch(s ->
                        s.name().equals(llvm.symbol().get()) && sameSection(s, obj)
                                && s.value() + llvm.offset() == obj.offset());
                if (same) {
                    f.agreed();
                } else {
                    f.disagree(fn, field, obj, llvm + " (0x" + Long.toHexString(llvm.address()) + ")");
                }
            }
        }
    }

    private static boolean sameSection(Symbol s, Place.InObject p) {
        return s.sectionNumber() == p.sectionNumber();
    }

    private static String kind(OurEntry.Decoded d) {
        return switch (d) {
            case OurEntry.Decoded.Packed p -> "packed (Flag " + p.packed().flag() + ")";
            case OurEntry.Decoded.Full x -> "xdata";
            case OurEntry.Decoded.Rejected r -> "rejected: " + r.reason();
        };
    }
}
