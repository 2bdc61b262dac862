package dev.a64w.check.coff;

import dev.a64w.util.Bytes;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A tiny test-only COFF object writer, so that tests can build good and bad objects by hand. */
public final class TestCoffBuilder {
    public record Reloc(long offset, int symbolIndex, int type) {
    }

    private record Sec(String name, long characteristics, byte[] data, List<Reloc> relocs) {
    }

    private record Sym(String name, long value, int section, int type, int storageClass, byte[] aux) {
    }

    private final List<Sec> sections = new ArrayList<>();
    private final List<Sym> symbols = new ArrayList<>();
    private int symbolSlots;

    /** Adds a section; returns its 1-based number. */
    public int section(String name, long characteristics, byte[] data, Reloc... relocs) {
        sections.add(new Sec(name, characteristics, data, new ArrayList<>(List.of(relocs))));
        return sections.size();
    }

    public void reloc(int section, long offset, int symbolIndex, Arm64RelocType type) {
        sections.get(section - 1).relocs.add(new Reloc(offset, symbolIndex, type.code()));
    }

    /** Adds a symbol; returns its table index. */
    public int symbol(String name, long value, int section, int type, int storageClass, byte[] aux) {
        symbols.add(new Sym(name, value, section, type, storageClass, aux));
        int index = symbolSlots;
        symbolSlots += 1 + aux.length / 18;
        return index;
    }

    public int symbol(String name, long value, int section, int type, int storageClass) {
        return symbol(name, value, section, type, storageClass, new byte[0]);
    }

    public Bytes build() {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.writeBytes(new byte[4]);
        int headers = 20 + 40 * sections.size();
        int pos = headers;
        int[] rawAt = new int[sections.size()];
        int[] relAt = new int[sections.size()];
        for (int i = 0; i < sections.size(); i++) {
            Sec s = sections.get(i);
            rawAt[i] = s.data.length == 0 ? 0 : pos;
            pos += s.data.length;
        }
        for (int i = 0; i < sections.size(); i++) {
            Sec s = sections.get(i);
            relAt[i] = s.relocs.isEmpty() ? 0 : pos;
            pos += 10 * s.relocs.size() + (s.relocs.size() >= 0xFFFF ? 10 : 0);
        }
        int symAt = pos;
        Buf b = new Buf();
        b.u16(0xAA64).u16(sections.size()).u32(0).u32(symAt).u32(symbolSlots).u16(0).u16(0);
        for (int i = 0; i < sections.size(); i++) {
            Sec s = sections.get(i);
            b.name(s.name, strings, true);
            boolean ovfl = s.relocs.size() >= 0xFFFF;
            b.u32(0).u32(0).u32(s.data.length).u32(rawAt[i]).u32(relAt[i]).u32(0)
                    .u16(ovfl ? 0xFFFF : s.relocs.size()).u16(0)
                    .u32(s.characteristics | (ovfl ? Section.LNK_NRELOC_OVFL : 0));
        }
        for (Sec s : sections) {
            b.out.writeBytes(s.data);
        }
        for (Sec s : sections) {
            if (s.relocs.size() >= 0xFFFF) {
                b.u32(s.relocs.size() + 1).u32(0).u16(0);
            }
            for (Reloc r : s.relocs) {
                b.u32(r.offset).u32(r.symbolIndex).u16(r.type);
            }
        }
        for (Sym s : symbols) {
            b.name(s.name, strings, false);
            b.u32(s.value).u16(s.section).u16(s.type).u8(s.storageClass).u8(s.aux.length / 18);
            b.out.writeBytes(s.aux);
        }
        byte[] st = strings.toByteArray();
        int n = st.length;
        st[0] = (byte) n;
        st[1] = (byte) (n >> 8);
        st[2] = (byte) (n >> 16);
        st[3] = (byte) (n >> 24);
        b.out.writeBytes(st);
        return Bytes.of(b.out.toByteArray());
    }

    private static final class Buf {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Buf u8(int v) {
            out.write(v);
            return this;
        }

        Buf u16(int v) {
            return u8(v & 0xff).u8((v >> 8) & 0xff);
        }

        Buf u32(long v) {
            return u16((int) (v & 0xffff)).u16((int) ((v >> 16) & 0xffff));
        }

        void name(String name, ByteArrayOutputStream strings, boolean section) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            if (b.length <= 8) {
                out.writeBytes(b);
                out.writeBytes(new byte[8 - b.length]);
                return;
            }
            int off = strings.size();
            strings.writeBytes(b);
            strings.write(0);
            if (section) {
                byte[] ref = ("/" + off).getBytes(StandardCharsets.US_ASCII);
                out.writeBytes(ref);
                out.writeBytes(new byte[8 - ref.length]);
            } else {
                u32(0);
                u32(off);
            }
        }
    }

    /** Little-endian bytes of instruction words. */
    public static byte[] words(int... insns) {
        byte[] out = new byte[insns.length * 4];
        for (int i = 0; i < insns.length; i++) {
            for (int k = 0; k < 4; k++) {
                out[4 * i + k] = (byte) (insns[i] >>> (8 * k));
            }
        }
        return out;
    }
}
