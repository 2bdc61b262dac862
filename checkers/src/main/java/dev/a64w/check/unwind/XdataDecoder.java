package dev.a64w.check.unwind;

import dev.a64w.util.Bytes;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Decodes an {@code .xdata} record from the bytes of a section (or of image memory). */
public final class XdataDecoder {
    private XdataDecoder() {
    }

    public static Xdata decode(Bytes section, int offset) {
        String at = "xdata at 0x" + Integer.toHexString(offset);
        need(section, offset, 4, at + " header");
        long h = section.u32(offset);
        int functionLength = (int) (h & 0x3FFFF);
        int vers = (int) ((h >> 18) & 3);
        boolean x = ((h >> 20) & 1) != 0;
        boolean e = ((h >> 21) & 1) != 0;
        int epilog = (int) ((h >> 22) & 0x1F);
        int codeWords = (int) ((h >> 27) & 0x1F);
        if (vers != 0) {
            throw new MalformedUnwindException(at + ": Vers expected 0, actual " + vers + " (header 0x"
                    + Long.toHexString(h) + ")");
        }
        int p = offset + 4;
        boolean extended = false;
        if (epilog == 0 && codeWords == 0) {
            need(section, p, 4, at + " extension word");
            long ext = section.u32(p);
            epilog = (int) (ext & 0xFFFF);
            codeWords = (int) ((ext >> 16) & 0xFF);
            if ((ext >>> 24) != 0) {
                throw new MalformedUnwindException(at + ": extension word reserved bits 31:24 expected 0, actual 0x"
                        + Long.toHexString(ext >>> 24));
            }
            extended = true;
            p += 4;
        }
        List<Xdata.EpilogScope> scopes = new ArrayList<>();
        if (!e) {
            need(section, p, 4L * epilog, at + " " + epilog + " epilog scopes");
            for (int i = 0; i < epilog; i++) {
                long s = section.u32(p);
                Xdata.EpilogScope scope = new Xdata.EpilogScope((int) (s & 0x3FFFF), (int) ((s >> 18) & 0xF),
                        (int) (s >>> 22));
                if (scope.reserved() != 0) {
                    throw new MalformedUnwindException(at + ": epilog scope #" + i + " reserved bits expected 0, actual 0x"
                            + Integer.toHexString(scope.reserved()));
                }
                if (scope.startOffsetWords() >= functionLength) {
                    throw new MalformedUnwindException(at + ": epilog scope #" + i + " start offset 0x"
                            + Integer.toHexString(4 * scope.startOffsetWords()) + " expected below the function length 0x"
                            + Integer.toHexString(4 * functionLength));
                }
                if (!scopes.isEmpty() && scope.startOffsetWords() < scopes.get(scopes.size() - 1).startOffsetWords()) {
                    throw new MalformedUnwindException(at + ": epilog scope #" + i + " out of increasing offset order");
                }
                scopes.add(scope);
                p += 4;
            }
        }
        need(section, p, 4L * codeWords, at + " " + codeWords + " code words");
        Bytes codes = section.slice(p, p + 4 * codeWords);
        p += 4 * codeWords;
        int limit = 4 * codeWords;
        if (e && epilog >= Math.max(limit, 1)) {
            throw new MalformedUnwindException(at + ": E=1 epilogue index 0x" + Integer.toHexString(epilog)
                    + " expected below the code byte count 0x" + Integer.toHexString(limit));
        }
        for (Xdata.EpilogScope s : scopes) {
            if (s.startIndex() >= limit) {
                throw new MalformedUnwindException(at + ": epilog start index 0x" + Integer.toHexString(s.startIndex())
                        + " expected below the code byte count 0x" + Integer.toHexString(limit));
            }
        }
        OptionalLong handler = OptionalLong.empty();
        if (x) {
            need(section, p, 4, at + " handler RVA");
            handler = OptionalLong.of(section.u32(p));
            p += 4;
        }
        return new Xdata(functionLength, vers, x, e, epilog, codeWords, extended, scopes, codes, handler, p - offset);
    }

    private static void need(Bytes b, long at, long n, String what) {
        if (at < 0 || n < 0 || at + n > b.size()) {
            throw new MalformedUnwindException(what + ": expected 0x" + Long.toHexString(n) + " bytes at 0x"
                    + Long.toHexString(at) + ", have 0x" + Integer.toHexString(b.size()));
        }
    }
}
