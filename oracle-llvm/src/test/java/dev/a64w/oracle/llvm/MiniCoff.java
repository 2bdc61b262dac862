package dev.a64w.oracle.llvm;

import dev.a64w.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * The few fields of an AArch64 COFF object that the encoding oracle needs (PE/COFF spec, "COFF File
 * Header", "Section Table", "COFF Relocations", "COFF Symbol Table"): one section's raw bytes and
 * its relocations with symbol names. Deliberately tiny and independent of the subject's writer.
 */
final class MiniCoff {
    /** One relocation: offset in the section, IMAGE_REL_ARM64_* type, symbol name. */
    record Reloc(long offset, int type, String symbol) {}

    private final Bytes obj;
    private final int sections;
    private final long symtab;
    private final long nsyms;

    MiniCoff(Bytes obj) {
        this.obj = obj;
        if (obj.size() < 20 || obj.u16(0) != 0xAA64) {
            throw new IllegalArgumentException("not an ARM64 COFF object (machine 0x" + (obj.size() < 2 ? "?" : Integer.toHexString(obj.u16(0))) + ", expected 0xaa64)");
        }
        this.sections = obj.u16(2);
        this.symtab = obj.u32(8);
        this.nsyms = obj.u32(12);
    }

    private int header(String name) {
        int optional = obj.u16(16);
        for (int i = 0; i < sections; i++) {
            int h = 20 + optional + 40 * i;
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 8 && obj.u8(h + k) != 0; k++) sb.append((char) obj.u8(h + k));
            if (sb.toString().equals(name)) return h;
        }
        throw new IllegalArgumentException("no section " + name);
    }

    /** The raw bytes of section {@code name}. */
    Bytes section(String name) {
        int h = header(name);
        int size = (int) obj.u32(h + 16), ptr = (int) obj.u32(h + 20);
        return obj.slice(ptr, ptr + size);
    }

    /** The relocations of section {@code name}, in table order. */
    List<Reloc> relocations(String name) {
        int h = header(name);
        int ptr = (int) obj.u32(h + 24), count = obj.u16(h + 32);
        List<Reloc> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int r = ptr + 10 * i;
            out.add(new Reloc(obj.u32(r), obj.u16(r + 8), symbolName(obj.u32(r + 4))));
        }
        return out;
    }

    private String symbolName(long index) {
        if (index >= nsyms) throw new IllegalArgumentException("symbol index " + index + " >= " + nsyms);
        int s = (int) (symtab + 18 * index);
        if (obj.u32(s) == 0) {
            int str = (int) (symtab + 18 * nsyms + obj.u32(s + 4));
            StringBuilder sb = new StringBuilder();
            while (obj.u8(str) != 0) sb.append((char) obj.u8(str++));
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 8 && obj.u8(s + k) != 0; k++) sb.append((char) obj.u8(s + k));
        return sb.toString();
    }
}
