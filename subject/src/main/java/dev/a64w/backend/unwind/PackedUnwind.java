package dev.a64w.backend.unwind;

/**
 * Packed unwind data: the second word of a {@code .pdata} entry with Flag 1, which stands for a
 * whole canonical prologue and its mirrored epilogue, so no {@code .xdata} record exists
 * (Microsoft, "ARM64 exception handling", packed unwind data; reference/arm64-coff.md §5.1).
 * Built only by {@link Packing}, which checks that the function's real prologue and epilogue are
 * the canonical ones these fields describe.
 *
 * @param functionLength bytes of the function, a multiple of 4, at most 0x7FF words
 * @param regF           the RegF field: 0 (no d registers) or n for d8..d(8+n) saved (1..7)
 * @param regI           x19.. registers saved, 0..10
 * @param h              whether x0..x7 are homed (the subject never packs that, as LLVM)
 * @param cr             0 no lr saved, 1 lr saved with the integer registers, 2 chained with
 *                       {@code pacibsp}, 3 chained ({@code stp x29, lr} + {@code mov x29, sp})
 * @param frameSize      the whole frame in bytes (saves and locals), a multiple of 16, at most 0x1FF0
 */
public record PackedUnwind(int functionLength, int regF, int regI, boolean h, int cr, int frameSize) {
    /** FunctionLength is 11 bits of words. */
    public static final int MAX_FUNCTION_WORDS = 0x7FF;
    /** FrameSize is 9 bits of 16-byte units. */
    public static final int MAX_FRAME_UNITS = 0x1FF;

    public PackedUnwind {
        field("function length", functionLength, 4, MAX_FUNCTION_WORDS * 4, 4);
        field("RegF", regF, 0, 7, 1);
        field("RegI", regI, 0, 10, 1);
        field("CR", cr, 0, 3, 1);
        field("frame size", frameSize, 0, MAX_FRAME_UNITS * 16, 16);
    }

    /** The .pdata word: Flag 1 in bits 1:0, then the fields from bit 2 up (reference §5.1 table). */
    public int word() {
        return 1 | (functionLength / 4) << 2 | regF << 13 | regI << 16 | (h ? 1 : 0) << 20 | cr << 21
                | (frameSize / 16) << 23;
    }

    /** The fields as a reader sees them, e.g. {@code RegF=0 RegI=0 H=0 CR=3 FrameSize=0x10}. */
    public String fields() {
        return "FunctionLength=0x" + Integer.toHexString(functionLength) + " RegF=" + regF + " RegI=" + regI
                + " H=" + (h ? 1 : 0) + " CR=" + cr + " FrameSize=0x" + Integer.toHexString(frameSize);
    }

    private static void field(String what, int value, int min, int max, int multiple) {
        if (value < min || value > max || value % multiple != 0) {
            throw new IllegalArgumentException("packed unwind " + what + ": 0x" + Integer.toHexString(value) + " not in 0x"
                    + Integer.toHexString(min) + "..0x" + Integer.toHexString(max)
                    + (multiple > 1 ? ", multiple of " + multiple : ""));
        }
    }
}
