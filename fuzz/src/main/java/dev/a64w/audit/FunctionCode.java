package dev.a64w.audit;

/**
 * The instruction words of one function, read from the mapped target, with what the audit needs to
 * know of its control flow without running it: which instructions are the target of a direct
 * branch of the function ({@code b}, {@code b.cond}, {@code cbz}/{@code cbnz}, {@code tbz}/{@code tbnz}),
 * and which are reached in straight line ("live"): the first instruction, every branch target, and
 * every instruction after one that can fall through. After an unconditional transfer ({@code ret},
 * {@code b}, {@code br}, {@code brk}, {@code hlt}, {@code udf}) and up to the next branch target the
 * words are taken for data (a literal pool, an inline jump table, padding) and are not decoded as
 * instructions.
 */
final class FunctionCode {
    private final long begin;
    private final int[] words;
    private final boolean[] target;
    private final boolean[] live;

    private FunctionCode(long begin, int[] words) {
        this.begin = begin;
        this.words = words;
        this.target = new boolean[words.length];
        this.live = new boolean[words.length];
        for (int k = 0; k < words.length; k++) {
            long to = branchTarget(k);
            if (to >= 0 && to < words.length) {
                target[(int) to] = true;
            }
        }
        for (int k = 0; k < words.length; k++) {
            live[k] = k == 0 || target[k] || (live[k - 1] && !unconditional(words[k - 1]));
        }
    }

    /** The {@code length / 4} words from {@code begin}; a word outside the target's mapped bytes reads as 0 (udf). */
    static FunctionCode of(AuditTarget t, long begin, long length) {
        int[] words = new int[(int) Math.max(0, length / 4)];
        for (int k = 0; k < words.length; k++) {
            words[k] = t.word(begin + 4L * k);
        }
        return new FunctionCode(begin, words);
    }

    int size() {
        return words.length;
    }

    int word(int k) {
        return words[k];
    }

    long address(int k) {
        return begin + 4L * k;
    }

    boolean target(int k) {
        return target[k];
    }

    boolean live(int k) {
        return live[k];
    }

    /**
     * A return or a branch that leaves the function: {@code ret}, {@code br}, or {@code b} to outside
     * the function (a {@code b} inside it is a jump between its blocks).
     */
    boolean exits(int k) {
        if (!InsnClass.of(words[k]).terminates()) {
            return false;
        }
        long to = branchTarget(k);
        return to == Long.MIN_VALUE || to < 0 || to >= words.length;
    }

    /** The index a direct branch at k goes to (possibly outside [0, size)); {@code Long.MIN_VALUE} if k is no direct branch (or a call). */
    private long branchTarget(int k) {
        long w = words[k] & 0xFFFF_FFFFL;
        long offset;
        if ((w & 0xFC00_0000L) == 0x1400_0000L) { // B
            offset = (w << 38) >> 38;
        } else if ((w & 0xFF00_0000L) == 0x5400_0000L || (w & 0x7E00_0000L) == 0x3400_0000L) { // B.cond, CBZ/CBNZ
            offset = (w << 40) >> 45;
        } else if ((w & 0x7E00_0000L) == 0x3600_0000L) { // TBZ/TBNZ
            offset = (w << 45) >> 50;
        } else {
            return Long.MIN_VALUE;
        }
        return k + offset;
    }

    /** Never falls through: returns and branches without condition, and the instructions that trap. */
    static boolean unconditional(int word) {
        long w = word & 0xFFFF_FFFFL;
        if (InsnClass.of(word).terminates()) {
            return true;
        }
        boolean brkOrHlt = (w & 0xFFE0_001FL) == 0xD420_0000L || (w & 0xFFE0_001FL) == 0xD440_0000L;
        return brkOrHlt || w >>> 16 == 0; // BRK, HLT, UDF
    }
}
