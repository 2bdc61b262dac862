package dev.a64w.diff.readobj;

import dev.a64w.check.coff.CoffObject;
import dev.a64w.check.coff.CoffReader;
import dev.a64w.check.coff.Section;
import dev.a64w.compile.ModuleBuild;
import dev.a64w.ir.text.ParseException;
import dev.a64w.ir.text.Parser;
import dev.a64w.oracle.llvm.LlvmMc;
import dev.a64w.oracle.llvm.McResult;
import dev.a64w.util.Bytes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Builds the objects and images the readobj cross-check tests run on, and small byte-level helpers. */
final class ReadobjFixtures {
    private ReadobjFixtures() {
    }

    static Path root() {
        return Path.of(System.getProperty("a64w.root", ".."));
    }

    static String resource(String name) {
        try (InputStream in = ReadobjFixtures.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + name + " missing next to " + ReadobjFixtures.class);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Bytes assemble(LlvmMc mc, String what, String listing) {
        McResult r = mc.assemble(listing);
        if (!r.ok()) {
            throw new IllegalStateException(what + ": LLVM MC errors: " + r.errors());
        }
        return r.object();
    }

    static Path write(Path dir, String name, Bytes bytes) {
        try {
            return Files.write(dir.resolve(name), bytes.toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The .clif files our subject compiles for the test corpus: corpus/filetests/run and compile. */
    static List<Path> corpusFiles() {
        List<Path> out = new ArrayList<>();
        for (String sub : List.of("corpus/filetests/run", "corpus/filetests/compile")) {
            try (Stream<Path> s = Files.list(root().resolve(sub))) {
                s.filter(p -> p.toString().endsWith(".clif")).sorted().forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static Bytes compile(Path clif) {
        try {
            return ModuleBuild.of(Parser.parse(Files.readString(clif))).object();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(clif + ": does not parse: " + e.getMessage(), e);
        }
    }

    /** Entries in an object's .pdata sections, counted from the section sizes (independently of both decoders). */
    static int pdataEntries(Bytes object) {
        CoffObject obj = CoffReader.read(object);
        return obj.sections().stream().filter(s -> s.name().startsWith(".pdata")).mapToInt(s -> s.data().size() / 8).sum();
    }

    /** The file offset of the raw data of the first section named {@code name} (PE/COFF section header, PointerToRawData). */
    static int rawDataOffset(Bytes object, String name) {
        CoffObject obj = CoffReader.read(object);
        Section s = obj.section(name).orElseThrow(() -> new IllegalStateException("no section " + name));
        int header = 20 + object.u16(16) + 40 * (s.number() - 1);
        return (int) object.u32(header + 20);
    }

    static Bytes withByte(Bytes b, int at, int value) {
        byte[] a = b.toArray();
        a[at] = (byte) value;
        return Bytes.of(a);
    }

    static Bytes withWord(Bytes b, int at, long value) {
        byte[] a = b.toArray();
        for (int i = 0; i < 4; i++) {
            a[at + i] = (byte) (value >>> (8 * i));
        }
        return Bytes.of(a);
    }
}
