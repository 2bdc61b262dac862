package dev.a64w.gen;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Limits and probabilities of the generator. Probabilities are in permille.
 *
 * @param coverage            which subset of the IR is used
 * @param maxFunctions        functions per module, 1..8; the first is the entry
 * @param maxRegions          top-level regions (straight code, diamond, loop, switch) per body
 * @param maxBlocks           hard limit of blocks per function
 * @param maxInstsPerBlock    instructions per straight-line piece
 * @param maxParams           function parameters (above 8 some go on the stack)
 * @param maxReturns          function returns, at least 1
 * @param families            enabled instruction families
 * @param maxLoopTrips        the most iterations of one loop
 * @param maxNesting          the deepest nesting of regions
 * @param costBudget          estimated dynamic instruction count a function may reach (calls
 *                            included), so that runs stay short
 * @param maxInputs           input vectors for the entry, 1..this
 * @param unguardedDivPermille share of functions whose divisions are not guarded (may trap)
 * @param trapPermille        chance of a trap / trapz / trapnz at a given point
 * @param bigFramePermille    chance that a function gets a stack slot of 4 KiB or more
 * @param returnCall          allow return_call (all functions then use the {@code tail} convention)
 * @param oddNamePermille     chance that a function or data object gets an adversarial name
 *                            ({@link Names}: register-like, digit-led, assembler words, 8/9/255+ chars)
 *                            instead of {@code fN}/{@code dN}
 * @param sizedPermille       chance per module that one function holds a block of about 4 KiB or
 *                            32 KiB of code that the run branches over
 * @param hugePermille        chance per module that one function holds about 1 MiB of code or more
 *                            (b.cond range, unwind fragments); checked before {@code sizedPermille}
 */
public record GeneratorConfig(
        Coverage coverage,
        int maxFunctions,
        int maxRegions,
        int maxBlocks,
        int maxInstsPerBlock,
        int maxParams,
        int maxReturns,
        Set<OpFamily> families,
        int maxLoopTrips,
        int maxNesting,
        int costBudget,
        int maxInputs,
        int unguardedDivPermille,
        int trapPermille,
        int bigFramePermille,
        boolean returnCall,
        int oddNamePermille,
        int sizedPermille,
        int hugePermille) {

    private static final Set<OpFamily> SKELETON_FAMILIES = EnumSet.of(
            OpFamily.ARITH, OpFamily.BITWISE, OpFamily.COMPARE, OpFamily.CALL, OpFamily.DIAMOND, OpFamily.LOOP);

    public GeneratorConfig {
        if (maxFunctions < 1 || maxFunctions > 8) throw new IllegalArgumentException("maxFunctions: expected 1..8, got " + maxFunctions);
        if (maxReturns < 1) throw new IllegalArgumentException("maxReturns: expected >= 1, got " + maxReturns);
        if (maxBlocks < 1) throw new IllegalArgumentException("maxBlocks: expected >= 1, got " + maxBlocks);
        if (maxInputs < 1) throw new IllegalArgumentException("maxInputs: expected >= 1, got " + maxInputs);
        if (maxLoopTrips < 1) throw new IllegalArgumentException("maxLoopTrips: expected >= 1, got " + maxLoopTrips);
        for (int p : new int[] {oddNamePermille, sizedPermille, hugePermille}) {
            if (p < 0 || p > 1000) throw new IllegalArgumentException("policy permille: expected 0..1000, got " + p);
        }
        if (maxParams < 0) throw new IllegalArgumentException("maxParams: expected >= 0, got " + maxParams);
        var copy = EnumSet.noneOf(OpFamily.class);
        copy.addAll(families);
        families = Collections.unmodifiableSet(copy);
    }

    /** The walking-skeleton subset, calls with up to 8 arguments. */
    public static GeneratorConfig skeleton() {
        return new GeneratorConfig(Coverage.SKELETON, 8, 6, 40, 10, 8, 2,
                SKELETON_FAMILIES, 4, 3, 20_000, 5, 0, 0, 0, false, 40, 0, 0);
    }

    /**
     * All integer instructions, up to 12 parameters, return_call included (so the tail convention);
     * up to 5 functions of up to 4 regions, about 320 machine instructions per module (median; the
     * 4 KiB, 32 KiB and 1 MiB blocks make the mean larger). Sized for throughput: {@link #integerLarge()}
     * makes modules about three times as large, for as many instructions per case as before issue 9.
     */
    public static GeneratorConfig integer() {
        return new GeneratorConfig(Coverage.INTEGER, 5, 4, 48, 10, 12, 3,
                INTEGER_FAMILIES, 4, 3, 20_000, 5, 50, 4, 30, true, 50, 20, 2);
    }

    /**
     * Every family but {@link OpFamily#FLOAT} (and {@link OpFamily#ATOMIC} and {@link OpFamily#BIG_ENDIAN},
     * which {@link #enabled} turns on at {@link Coverage#FLOAT} only).
     */
    private static final Set<OpFamily> INTEGER_FAMILIES = EnumSet.complementOf(EnumSet.of(OpFamily.FLOAT));

    /** Families that exist only at {@link Coverage#FLOAT}: the levels below draw as they did before these were added. */
    private static final Set<OpFamily> FLOAT_LEVEL_ONLY = EnumSet.of(OpFamily.FLOAT, OpFamily.ATOMIC, OpFamily.BIG_ENDIAN);

    /**
     * The {@link #integer()} limits with floats ({@link Coverage#FLOAT}): every family, float types in
     * signatures, block parameters and memory; {@link Generator} leaves a share of modules
     * integer-only ({@link Generator#FLOAT_MODULE_PERMILLE}).
     */
    public static GeneratorConfig floats() {
        return new GeneratorConfig(Coverage.FLOAT, 5, 4, 48, 10, 12, 3,
                EnumSet.allOf(OpFamily.class), 4, 3, 20_000, 5, 50, 4, 30, true, 50, 20, 2);
    }

    /** The same configuration without the {@link OpFamily#FLOAT} family (an integer-only module of a float level). */
    public GeneratorConfig withoutFloats() {
        return without(OpFamily.FLOAT);
    }

    /** The same configuration without {@code family}. */
    public GeneratorConfig without(OpFamily family) {
        var fams = EnumSet.noneOf(OpFamily.class);
        fams.addAll(families);
        fams.remove(family);
        return withFamilies(fams);
    }

    /** The same instructions in larger modules: up to 8 functions of up to 7 regions (about 1,000 machine instructions). */
    public static GeneratorConfig integerLarge() {
        return new GeneratorConfig(Coverage.INTEGER, 8, 7, 48, 12, 12, 3,
                INTEGER_FAMILIES, 4, 3, 20_000, 5, 50, 4, 30, true, 50, 20, 2);
    }

    /** True when the family is enabled and meaningful at this coverage level. */
    public boolean enabled(OpFamily family) {
        if (!families.contains(family)) return false;
        if (family == OpFamily.RETURN_CALL && !returnCall) return false;
        if (FLOAT_LEVEL_ONLY.contains(family)) return coverage == Coverage.FLOAT;
        return coverage != Coverage.SKELETON || SKELETON_FAMILIES.contains(family);
    }

    public GeneratorConfig withFamilies(Set<OpFamily> newFamilies) {
        return new GeneratorConfig(coverage, maxFunctions, maxRegions, maxBlocks, maxInstsPerBlock, maxParams,
                maxReturns, newFamilies, maxLoopTrips, maxNesting, costBudget, maxInputs, unguardedDivPermille,
                trapPermille, bigFramePermille, returnCall, oddNamePermille, sizedPermille, hugePermille);
    }

    public GeneratorConfig withReturnCall(boolean enable) {
        var fams = EnumSet.noneOf(OpFamily.class);
        fams.addAll(families);
        if (enable) fams.add(OpFamily.RETURN_CALL);
        return new GeneratorConfig(coverage, maxFunctions, maxRegions, maxBlocks, maxInstsPerBlock, maxParams,
                maxReturns, fams, maxLoopTrips, maxNesting, costBudget, maxInputs, unguardedDivPermille,
                trapPermille, bigFramePermille, enable, oddNamePermille, sizedPermille, hugePermille);
    }

    /** The same limits with other chances for adversarial names, sized functions and huge functions. */
    public GeneratorConfig withPolicies(int oddNames, int sized, int huge) {
        return new GeneratorConfig(coverage, maxFunctions, maxRegions, maxBlocks, maxInstsPerBlock, maxParams,
                maxReturns, families, maxLoopTrips, maxNesting, costBudget, maxInputs, unguardedDivPermille,
                trapPermille, bigFramePermille, returnCall, oddNames, sized, huge);
    }
}
