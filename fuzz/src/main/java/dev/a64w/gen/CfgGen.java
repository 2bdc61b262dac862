package dev.a64w.gen;

import dev.a64w.ir.BlockCall;
import dev.a64w.ir.Inst;
import dev.a64w.ir.IntCC;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The structured CFG: a body is a sequence of regions — straight-line code, an if/else diamond
 * joining with block parameters, a bounded loop whose counter is a block parameter, or a br_table
 * switch. Because regions nest, dominance is known by construction: a region's arm sees the values
 * of the blocks that enclose it (the pool is scoped), and a join sees only what dominates it plus its
 * own parameters. Loops always terminate: the counter is only changed by the latch and is bounded.
 */
final class CfgGen {
    private final ByteSource src;
    private final GeneratorConfig cfg;
    private final FunctionBuilder b;
    private final ValueGen vals;
    private final InstGen insts;
    private final MemoryGen mem;
    private final CallGen calls;
    private final List<OpFamily> instFamilies;
    private final int[] instWeights;

    CfgGen(ByteSource src, GeneratorConfig cfg, FunctionBuilder b, ValueGen vals, InstGen insts, MemoryGen mem, CallGen calls) {
        this.src = src;
        this.cfg = cfg;
        this.b = b;
        this.vals = vals;
        this.insts = insts;
        this.mem = mem;
        this.calls = calls;
        this.instFamilies = InstGen.HANDLED.stream().filter(cfg::enabled).toList();
        this.instWeights = instFamilies.stream().mapToInt(InstGen::weight).toArray();
    }

    /** Emits 0..max regions into the current block and the blocks they create. */
    void body(int depth, int maxRegions) {
        int n = src.nextInt(0, Math.max(0, maxRegions));
        for (int k = 0; k < n && !b.terminated(); k++) region(depth);
    }

    private void region(int depth) {
        boolean nest = depth < cfg.maxNesting();
        int kind = src.weighted(6,
                nest && cfg.enabled(OpFamily.DIAMOND) && room(3) ? 3 : 0,
                nest && cfg.enabled(OpFamily.LOOP) && room(2) && b.multiplier * 2 <= 64 ? 2 : 0,
                nest && cfg.enabled(OpFamily.BR_TABLE) && room(4) ? 1 : 0);
        switch (kind) {
            case 0 -> straight(src.nextInt(1, cfg.maxInstsPerBlock()));
            case 1 -> diamond(depth);
            case 2 -> loop(depth);
            default -> switchTable(depth);
        }
    }

    private boolean room(int blocks) {
        return b.blockCount + blocks <= cfg.maxBlocks();
    }

    /** {@code n} steps of straight-line code: data instructions, memory accesses, calls. */
    void straight(int n) {
        for (int k = 0; k < n; k++) step();
    }

    private void step() {
        int wInst = instFamilies.isEmpty() ? 0 : 20;
        int wMem = mem.hasAreas() ? 5 : 0;
        int wCall = calls.possible() ? 3 : 0;
        if (wInst + wMem + wCall == 0) {
            vals.iconst(vals.type(), Immediates.value(src, vals.type()));
            return;
        }
        switch (src.weighted(wInst, wMem, wCall)) {
            case 0 -> insts.emit(instFamilies.get(src.weighted(instWeights)));
            case 1 -> {
                if (!mem.access()) insts.emit(instFamilies.isEmpty() ? OpFamily.ARITH : instFamilies.getFirst());
            }
            default -> calls.call();
        }
    }

    /** brif to two arms (or one arm and the join), both ending in a jump to the join. */
    private void diamond(int depth) {
        Value cond = vals.condition();
        List<Type> joinTypes = vals.blockTypes(src.nextInt(0, 3));
        var join = b.newBlock(joinTypes);
        boolean withElse = src.chance(700);
        var thenArm = b.newBlock(vals.types(src.nextInt(0, 2)));
        var elseArm = withElse ? b.newBlock(vals.types(src.nextInt(0, 2))) : null;
        BlockCall toThen = new BlockCall(thenArm.ref, vals.operands(paramTypes(thenArm)));
        BlockCall toElse = withElse
                ? new BlockCall(elseArm.ref, vals.operands(paramTypes(elseArm)))
                : new BlockCall(join.ref, vals.operands(joinTypes));
        b.terminate(new Terminator.Brif(cond, toThen, toElse));
        var mark = b.pool.mark();
        boolean thenLeft = arm(thenArm, join, joinTypes, depth, true);
        b.pool.reset(mark);
        if (withElse) {
            arm(elseArm, join, joinTypes, depth, !thenLeft);
            b.pool.reset(mark);
        }
        enter(join);
    }

    /** Fills an arm; it jumps to the join, or (when allowed) leaves the function. Returns true if it left. */
    private boolean arm(FunctionBuilder.Draft arm, FunctionBuilder.Draft join, List<Type> joinTypes, int depth, boolean mayLeave) {
        enter(arm);
        body(depth + 1, 2);
        if (b.terminated()) return true;
        if (mayLeave && src.chance(120)) {
            leave(true);
            return true;
        }
        b.terminate(new Terminator.Jump(new BlockCall(join.ref, vals.operands(joinTypes))));
        return false;
    }

    /** Ends the current block by leaving the function: return, or return_call, or (in arms, rarely) trap. */
    void leave() {
        leave(false);
    }

    private void leave(boolean mayTrap) {
        if (mayTrap && cfg.enabled(OpFamily.TRAP) && src.chance(cfg.trapPermille() * 10)) {
            b.terminate(new Terminator.Trap(TrapCode.user(src.nextInt(1, 3))));
            return;
        }
        Terminator rc = src.chance(400) ? calls.returnCall(b.signature) : null;
        b.terminate(rc != null ? rc : new Terminator.Return(vals.leaving(b.signature.returns())));
    }

    /**
     * {@code jump header(start, inits)}; header and body; the latch steps the counter and
     * {@code brif}s back or to the exit. At most {@code trips} iterations.
     */
    private void loop(int depth) {
        loop(depth, () -> body(depth + 1, 2));
    }

    /**
     * A {@link SizedCode} block of about {@code bytes}, sometimes inside a loop (then the back edge
     * branches backwards over it on every trip).
     */
    void sized(int depth, int bytes) {
        Runnable emit = () -> SizedCode.emit(src, b, vals, calls, bytes);
        if (cfg.enabled(OpFamily.LOOP) && b.multiplier * 4 <= 64 && src.chance(300)) {
            loop(depth, emit);
        } else {
            emit.run();
        }
    }

    private void loop(int depth, Runnable inner) {
        int trips = src.nextInt(1, cfg.maxLoopTrips());
        Type ct = vals.type();
        boolean down = src.nextBoolean();
        Value start;
        if (down) {
            start = vals.hiddenConst(ct, trips);
        } else if (src.nextBoolean() && !b.pool.ofType(ct).isEmpty()) {
            start = mask3(ct, vals.operand(ct));
        } else {
            start = vals.hiddenConst(ct, 0);
        }
        List<Type> carried = vals.blockTypes(src.nextInt(0, 3));
        List<Type> exitTypes = vals.types(src.nextInt(0, 2));
        var headerTypes = new ArrayList<Type>();
        headerTypes.add(ct);
        headerTypes.addAll(carried);
        var header = b.newBlock(headerTypes);
        var exit = b.newBlock(exitTypes);
        var initArgs = new ArrayList<Value>();
        initArgs.add(start);
        initArgs.addAll(vals.operands(carried));
        b.terminate(new Terminator.Jump(new BlockCall(header.ref, initArgs)));

        b.place(header);
        Value ctr = header.params.getFirst().value();
        for (int k = 1; k < header.params.size(); k++) b.pool.add(header.params.get(k).value(), header.params.get(k).type());
        if (src.nextBoolean()) b.pool.add(ctr, ct);
        b.multiplier *= trips;
        inner.run();
        if (b.terminated()) throw new IllegalStateException(b.name + ": loop body of " + header.ref + " ended terminated");
        Value next;
        Value cond;
        if (down) {
            Value one = vals.hiddenConst(ct, 1);
            next = b.newValue();
            b.emit(new Inst.Binary(BinaryOp.ISUB, next, ct, ctr, one));
            cond = next;
        } else {
            if (cfg.enabled(OpFamily.IMM)) {
                next = b.newValue();
                b.emit(new Inst.BinaryImm(BinaryImmOp.IADD_IMM, next, ct, ctr, 1));
            } else {
                Value one = vals.hiddenConst(ct, 1);
                next = b.newValue();
                b.emit(new Inst.Binary(BinaryOp.IADD, next, ct, ctr, one));
            }
            Value limit = vals.hiddenConst(ct, trips);
            cond = b.newValue();
            b.emit(new Inst.Icmp(IntCC.ULT, cond, next, limit));
        }
        var backArgs = new ArrayList<Value>();
        backArgs.add(next);
        backArgs.addAll(vals.operands(carried));
        var exitArgs = vals.operands(exitTypes);
        b.terminate(new Terminator.Brif(cond, new BlockCall(header.ref, backArgs), new BlockCall(exit.ref, exitArgs)));
        b.multiplier /= trips;
        // Values defined at the loop's top level dominate the latch, hence the exit: keep them.
        enter(exit);
    }

    /** {@code band x, 3}: a start in [0, 3] so a count-up loop runs at most {@code trips} times. */
    private Value mask3(Type t, Value x) {
        if (cfg.enabled(OpFamily.IMM)) {
            Value r = b.newValue();
            b.emit(new Inst.BinaryImm(BinaryImmOp.BAND_IMM, r, t, x, 3));
            return r;
        }
        Value three = vals.hiddenConst(t, 3);
        Value r = b.newValue();
        b.emit(new Inst.Binary(BinaryOp.BAND, r, t, x, three));
        return r;
    }

    /** {@code br_table idx, default, [cases]}; every case and the default jump to the join. */
    private void switchTable(int depth) {
        Value idx = vals.operand(Type.I32);
        if (src.chance(600)) {
            long mask = src.pick(List.of(1L, 3L, 7L));
            Value m;
            if (cfg.enabled(OpFamily.IMM)) {
                m = b.newValue();
                b.emit(new Inst.BinaryImm(BinaryImmOp.BAND_IMM, m, Type.I32, idx, mask));
            } else {
                Value c = vals.hiddenConst(Type.I32, mask);
                m = b.newValue();
                b.emit(new Inst.Binary(BinaryOp.BAND, m, Type.I32, idx, c));
            }
            idx = m;
        }
        int cases = Math.min(src.nextInt(1, 4), cfg.maxBlocks() - b.blockCount - 2);
        List<Type> joinTypes = vals.blockTypes(src.nextInt(0, 2));
        var join = b.newBlock(joinTypes);
        var dflt = b.newBlock(List.of());
        var caseBlocks = new ArrayList<FunctionBuilder.Draft>();
        for (int k = 0; k < Math.max(1, cases); k++) caseBlocks.add(b.newBlock(List.of()));
        // every case block appears at least once (else it would be unreachable), then a few repeats
        var targets = new ArrayList<BlockCall>();
        for (var c : caseBlocks) targets.add(BlockCall.of(c.ref));
        int extra = src.nextInt(0, 3);
        for (int k = 0; k < extra; k++) targets.add(src.nextInt(0, targets.size()), BlockCall.of(src.pick(caseBlocks).ref));
        b.terminate(new Terminator.BrTable(idx, BlockCall.of(dflt.ref), targets));
        var mark = b.pool.mark();
        boolean left = arm(dflt, join, joinTypes, depth, true);
        b.pool.reset(mark);
        for (var c : caseBlocks) {
            left |= arm(c, join, joinTypes, depth, !left);
            b.pool.reset(mark);
        }
        enter(join);
    }

    /** Places the block and puts its parameters into the pool. */
    private void enter(FunctionBuilder.Draft d) {
        b.place(d);
        for (var p : d.params) b.pool.add(p.value(), p.type());
    }

    private static List<Type> paramTypes(FunctionBuilder.Draft d) {
        return d.params.stream().map(p -> p.type()).toList();
    }
}
