package dev.a64w.diff.readobj;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Listings with hand-made {@code .pdata}/{@code .xdata} words, for the shapes LLVM MC never
 * produces: every packed field combination (RegI 0–15, RegF 0–7, H, CR 0–3, Flag 1 and 2, frame
 * sizes around the 512 and 4080 split points, and frames smaller than their save area), and every
 * first code byte with a grid of operand bytes (every E7 save_any_reg class, pair, writeback and
 * register field; the reserved codes).
 */
final class Sweeps {
    private Sweeps() {
    }

    /** One packed word per shape, all for one 16-instruction function. */
    static List<Long> packedWords() {
        List<Long> out = new ArrayList<>();
        int n = 0;
        for (int regI = 0; regI <= 15; regI++) {
            for (int regF = 0; regF <= 7; regF++) {
                for (int h = 0; h <= 1; h++) {
                    for (int cr = 0; cr <= 3; cr++) {
                        int intsz = 8 * regI + (cr == 1 ? 8 : 0);
                        int fpsz = regF == 0 ? 0 : 8 * (regF + 1);
                        int savUnits = (intsz + fpsz + 64 * h + 15) / 16;
                        // locsz 0, 16, 512, 528, 4080, 4096, and (when there is a save area) one below it
                        int[] frames = IntStream.of(savUnits, savUnits + 1, savUnits + 32, savUnits + 33,
                                savUnits + 255, savUnits + 256, Math.max(savUnits - 1, 0))
                                .distinct().filter(f -> f <= 0x1FF).toArray();
                        for (int frame : frames) {
                            int flag = n % 3 == 2 ? 2 : 1;
                            long word = flag | (16L << 2) | ((long) regF << 13) | ((long) regI << 16) | ((long) h << 20)
                                    | ((long) cr << 21) | ((long) frame << 23);
                            out.add(word);
                            n++;
                        }
                    }
                }
            }
        }
        return out;
    }

    static String packedListing(List<Long> words) {
        StringBuilder sb = new StringBuilder(function("sweep_packed"));
        sb.append("\t.section .pdata,\"dr\"\n\t.p2align 2\n");
        for (long w : words) {
            sb.append("\t.rva sweep_packed\n\t.long 0x").append(Long.toHexString(w)).append('\n');
        }
        return sb.toString();
    }

    /** Code sequences of one code each (without the final end): every first byte, operand grids for multi-byte codes. */
    static List<int[]> codes() {
        int[] seconds = {0x00, 0x41, 0x9c, 0xff};
        int[] anySecond = {0x00, 0x01, 0x1e, 0x1f, 0x20, 0x3f, 0x40, 0x5e, 0x5f, 0x60, 0x7f, 0x80, 0xff};
        int[] anyThird = {0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xc0, 0xff};
        List<int[]> out = new ArrayList<>();
        for (int b = 0; b <= 0xFF; b++) {
            if (b == 0xE4) {
                continue; // end: every sequence has one
            }
            if (b == 0xE7) {
                for (int s : anySecond) {
                    for (int t : anyThird) {
                        out.add(new int[] {b, s, t});
                    }
                }
            } else if (b == 0xE0) {
                out.add(new int[] {b, 0x00, 0x00, 0x01});
                out.add(new int[] {b, 0x00, 0x40, 0x00});
                out.add(new int[] {b, 0x0f, 0xff, 0xff});
                out.add(new int[] {b, 0xff, 0xff, 0xff});
            } else if ((b >= 0xC0 && b < 0xE0) || b == 0xE2) {
                for (int s : seconds) {
                    out.add(new int[] {b, s});
                }
            } else if (b >= 0xF8 && b <= 0xFB) {
                int[] c = new int[b - 0xF8 + 2];
                c[0] = b;
                out.add(c); // payload bytes 0 (alloc_s 0 for a one-byte reader)
            } else {
                out.add(new int[] {b});
            }
        }
        return out;
    }

    /**
     * One xdata record per code: E=0 with one epilogue scope at word 4 whose start index is 0, so
     * the code is read both as a prologue and as an epilogue; codes then end, padded with nop.
     */
    static String codesListing(List<int[]> codes) {
        StringBuilder sb = new StringBuilder(function("sweep_codes"));
        sb.append("\t.section .xdata,\"dr\"\n\t.p2align 2\n");
        for (int i = 0; i < codes.size(); i++) {
            int[] c = codes.get(i);
            sb.append(".Lx").append(i).append(":\n");
            sb.append("\t.long 0x").append(Long.toHexString(16 | (1L << 22) | (2L << 27))).append('\n');
            sb.append("\t.long 0x").append(Long.toHexString(4)).append('\n');
            sb.append("\t.byte ");
            for (int k = 0; k < 8; k++) {
                int v = k < c.length ? c[k] : k == c.length ? 0xE4 : 0xE3;
                sb.append(k == 0 ? "" : ", ").append(String.format("0x%02x", v));
            }
            sb.append('\n');
        }
        sb.append("\t.section .pdata,\"dr\"\n\t.p2align 2\n");
        for (int i = 0; i < codes.size(); i++) {
            sb.append("\t.rva sweep_codes\n\t.rva .Lx").append(i).append('\n');
        }
        return sb.toString();
    }

    private static String function(String name) {
        return "\t.text\n\t.globl " + name + "\n\t.p2align 2\n" + name + ":\n\t.rept 16\n\tnop\n\t.endr\n";
    }
}
