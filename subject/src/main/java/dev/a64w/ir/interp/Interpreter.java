package dev.a64w.ir.interp;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.Import;
import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryImmOp;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.TrapCode;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.util.Bytes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference interpreter: runs module functions with Cranelift's semantics.
 *
 * <p>Integer values are held sign-extended from their type's width, floats as raw IEEE bits
 * zero-extended ({@link Type#canonical}); float semantics are {@link FloatOps}. Memory (see {@link Memory}): data
 * objects from {@code 0x1000_0000} in module order (each aligned, 16 bytes apart), the stack below
 * {@code 0x4000_0000} (16 MiB; each frame reserves 16 bytes plus its slots; untouched stack reads
 * zero), functions at fake addresses from {@code 0x0800_0000} (module functions, then imports,
 * then other externals, 16 bytes apart). {@code call_indirect} to an address that is not a
 * function traps {@code heap_oob}; to a module function whose signature differs from the call's,
 * {@code bad_sig}. Calls to names the module does not define go to the {@link Host}.
 *
 * <p>Fuel is per {@link #call}: one unit per executed instruction or terminator. More than
 * {@link #MAX_DEPTH} nested frames, or a frame below the stack region, trap {@code stk_ovf}. Data
 * memory persists across calls; the stack does not.
 */
public final class Interpreter {
    public static final int MAX_DEPTH = 10_000;
    static final long DATA_BASE = 0x1000_0000L;
    static final long FUNC_BASE = 0x0800_0000L;
    static final TrapCode BAD_SIG = new TrapCode("bad_sig");

    private final Module module;
    private final Host host;
    private final long fuel;
    private final Memory memory = new Memory();
    private final Map<String, Long> dataAddress = new HashMap<>();
    private final Map<String, Long> funcAddress = new HashMap<>();
    private final Map<Long, String> addressFunc = new HashMap<>();
    private final Map<String, FnInfo> infos = new HashMap<>();
    private final InstObserver observer;

    public Interpreter(Module module, Host host, long fuel) {
        this(module, host, fuel, null);
    }

    /** An interpreter that shows {@code observer} (null for none) every instruction before it executes. */
    public Interpreter(Module module, Host host, long fuel, InstObserver observer) {
        this.observer = observer;
        this.module = module;
        this.host = host;
        this.fuel = fuel;
        for (Function f : module.functions()) functionAddress(f.name());
        for (Import i : module.imports()) functionAddress(i.name());
        long cur = DATA_BASE;
        List<byte[]> contents = new ArrayList<>();
        for (DataObject d : module.data()) {
            long a = Math.max(1, d.align());
            cur = (cur + a - 1) & -a;
            dataAddress.putIfAbsent(d.name(), cur);
            byte[] bytes = new byte[d.size()];
            contents.add(bytes);
            memory.add(new Memory.Segment(d.name(), cur, bytes, !d.readOnly()));
            cur += d.size() + 16;
        }
        for (int k = 0; k < module.data().size(); k++) {
            byte[] bytes = contents.get(k);
            int off = 0;
            for (DataItem item : module.data().get(k).items()) {
                switch (item) {
                    case DataItem.Raw r -> System.arraycopy(r.bytes().toArray(), 0, bytes, off, r.size());
                    case DataItem.Zero z -> { }
                    case DataItem.Addr ad -> {
                        long v = addressOf(ad.symbol()) + ad.addend();
                        for (int i = 0; i < 8; i++) bytes[off + i] = (byte) (v >>> (8 * i));
                    }
                }
                off += item.size();
            }
        }
    }

    /** The address of a data object or (fake) function address of a function name in this model. */
    public long addressOf(String symbol) {
        Long d = dataAddress.get(symbol);
        return d != null ? d : functionAddress(symbol);
    }

    private long functionAddress(String name) {
        return funcAddress.computeIfAbsent(name, n -> {
            long a = FUNC_BASE + 16L * funcAddress.size();
            addressFunc.put(a, n);
            return a;
        });
    }

    /** The current contents of every data object, by name. */
    public Map<String, Bytes> dataMemory() {
        Map<String, Bytes> out = new TreeMap<>();
        for (Memory.Segment s : memory.segments()) out.putIfAbsent(s.name, Bytes.of(s.bytes));
        return out;
    }

    private FnInfo info(Function f) {
        return infos.computeIfAbsent(f.name(), n -> new FnInfo(f));
    }

    /** One frame: the function, its values, where it is, its stack pointer, and the results it awaits. */
    private static final class Frame implements InstObserver.Values {
        final FnInfo info;
        final long[] vals;
        final long sp;
        final long savedSp;
        Block block;
        int pc;
        List<Value> pending = List.of();
        List<Type> pendingTypes = List.of();

        Frame(FnInfo info, long sp, long savedSp) {
            this.info = info;
            this.vals = new long[info.types.length];
            this.sp = sp;
            this.savedSp = savedSp;
        }

        @Override
        public long value(Value v) {
            Integer i = info.index.get(v);
            if (i == null) throw new InterpreterException("%" + info.function.name() + ": " + v + " is not defined");
            return vals[i];
        }

        @Override
        public Type type(Value v) {
            return info.type(v);
        }
    }

    /** Calls {@code function} with {@code args} (truncated to the parameter types). */
    public Outcome call(String function, List<Long> args) {
        Function f = module.function(function).orElseThrow(() -> new InterpreterException("no function %" + function + " in the module"));
        if (args.size() != f.signature().params().size()) {
            throw new InterpreterException("%" + function + " takes " + f.signature().params().size() + " arguments, got " + args.size());
        }
        memory.clearStack();
        Deque<Frame> frames = new ArrayDeque<>();
        long fuelLeft = fuel;
        try {
            push(frames, f, args, Memory.STACK_TOP);
            while (true) {
                if (fuelLeft-- <= 0) return new Outcome.OutOfFuel();
                Frame fr = frames.peek();
                if (fr.pc < fr.block.insts().size()) {
                    Inst inst = fr.block.insts().get(fr.pc);
                    if (observer != null) observer.before(inst, fr);
                    if (exec(frames, fr, inst)) fr.pc++;
                } else {
                    List<Long> done = terminate(frames, fr, fr.block.terminator());
                    if (done != null) return new Outcome.Returned(done);
                }
            }
        } catch (TrapSignal t) {
            return new Outcome.Trapped(t.code);
        }
    }

    private void push(Deque<Frame> frames, Function f, List<Long> args, long savedSp) {
        if (frames.size() >= MAX_DEPTH) throw new TrapSignal(TrapCode.STK_OVF);
        if (f.blocks().isEmpty()) throw new InterpreterException("%" + f.name() + " has no blocks");
        FnInfo info = info(f);
        long sp = (savedSp - 16 - info.frameSize) & -info.frameAlign;
        if (sp < Memory.STACK_BASE) throw new TrapSignal(TrapCode.STK_OVF);
        Frame fr = new Frame(info, sp, savedSp);
        enter(fr, f.entry(), args);
        frames.push(fr);
    }

    private void enter(Frame fr, Block b, List<Long> args) {
        if (args.size() != b.params().size()) {
            throw new InterpreterException(fr.info.function.name() + "/" + b.ref() + " takes " + b.params().size() + " arguments, got " + args.size());
        }
        for (int k = 0; k < args.size(); k++) set(fr, b.params().get(k).value(), args.get(k));
        fr.block = b;
        fr.pc = 0;
    }

    private long get(Frame fr, Value v) {
        return fr.value(v);
    }

    private List<Long> getAll(Frame fr, List<Value> vs) {
        List<Long> out = new ArrayList<>(vs.size());
        for (Value v : vs) out.add(get(fr, v));
        return out;
    }

    private void set(Frame fr, Value v, long raw) {
        int i = fr.info.idx(v);
        fr.vals[i] = fr.info.types[i].canonical(raw);
    }

    private long addr(Frame fr, Value v, int offset) {
        return fr.info.type(v).zext(get(fr, v)) + offset;
    }

    /**
     * The address of an atomic access of {@code n} bytes. AArch64's exclusive and acquire/release
     * accesses (what Cranelift's aarch64 backend emits) fault unless naturally aligned, so a
     * misaligned one traps {@code heap_misaligned} here.
     */
    private long atomicAddr(Frame fr, Value v, int n) {
        long p = addr(fr, v, 0);
        if ((p & (n - 1)) != 0) throw new TrapSignal(new TrapCode("heap_misaligned"));
        return p;
    }

    private long slot(Frame fr, int slot) {
        Long off = fr.info.slotOffsets.get(slot);
        if (off == null) throw new InterpreterException("%" + fr.info.function.name() + ": ss" + slot + " is not declared");
        return fr.sp + off;
    }

    private FuncDecl decl(Frame fr, int fn) {
        return fr.info.function.func(fn).orElseThrow(() -> new InterpreterException("%" + fr.info.function.name() + ": fn" + fn + " is not declared"));
    }

    private Signature sig(Frame fr, int sig) {
        return fr.info.function.sig(sig).orElseThrow(() -> new InterpreterException("%" + fr.info.function.name() + ": sig" + sig + " is not declared"))
                .signature();
    }

    /** Executes one instruction; false when it pushed a callee frame (the pc advances on return). */
    private boolean exec(Deque<Frame> frames, Frame fr, Inst inst) {
        switch (inst) {
            case Inst.Iconst x -> set(fr, x.result(), x.imm());
            case Inst.Unary x -> set(fr, x.result(), Eval.unary(x.op(), x.type(), fr.info.type(x.arg()), get(fr, x.arg())));
            case Inst.Binary x -> set(fr, x.result(), Eval.binary(x.op(), x.type(), get(fr, x.a()), get(fr, x.b())));
            case Inst.BinaryImm x -> set(fr, x.result(), x.op() == BinaryImmOp.IRSUB_IMM
                    ? Eval.binary(BinaryOp.ISUB, x.type(), x.imm(), get(fr, x.a()))
                    : Eval.binary(x.op().base, x.type(), get(fr, x.a()), x.imm()));
            case Inst.Icmp x -> set(fr, x.result(), x.cc().test(fr.info.type(x.a()), get(fr, x.a()), get(fr, x.b())) ? 1 : 0);
            case Inst.IcmpImm x -> set(fr, x.result(), x.cc().test(fr.info.type(x.a()), get(fr, x.a()), x.imm()) ? 1 : 0);
            case Inst.Select x -> set(fr, x.result(), switch (x.op()) {
                case SELECT, SELECT_SPECTRE_GUARD -> get(fr, x.cond()) != 0 ? get(fr, x.ifTrue()) : get(fr, x.ifFalse());
                case BITSELECT -> Eval.bitselect(x.type(), get(fr, x.cond()), get(fr, x.ifTrue()), get(fr, x.ifFalse()));
            });
            case Inst.OverflowCarry x -> {
                long[] r = Eval.carry(x.op(), x.type(), get(fr, x.a()), get(fr, x.b()), get(fr, x.carry()));
                set(fr, x.result(), r[0]);
                set(fr, x.overflow(), r[1]);
            }
            case Inst.Overflow x -> {
                long[] r = Eval.overflow(x.op(), x.type(), get(fr, x.a()), get(fr, x.b()));
                set(fr, x.result(), r[0]);
                set(fr, x.overflow(), r[1]);
            }
            case Inst.OverflowTrap x -> set(fr, x.result(), Eval.uaddTrap(x.type(), get(fr, x.a()), get(fr, x.b()), x.code()));
            case Inst.Load x -> {
                int n = x.op().bytes(x.type());
                long raw = memory.load(addr(fr, x.addr(), x.offset()), n);
                if (x.flags().big()) raw = Memory.reverse(raw, n);
                int shift = 64 - 8 * n;
                set(fr, x.result(), x.op().signed ? (raw << shift) >> shift : raw);
            }
            case Inst.Store x -> {
                int n = x.op().bytes(fr.info.type(x.value()));
                long v = get(fr, x.value());
                memory.store(addr(fr, x.addr(), x.offset()), n, x.flags().big() ? Memory.reverse(v, n) : v);
            }
            case Inst.StackLoad x -> set(fr, x.result(), memory.load(slot(fr, x.slot()) + x.offset(), x.type().bytes()));
            case Inst.StackStore x -> memory.store(slot(fr, x.slot()) + x.offset(), fr.info.type(x.value()).bytes(), get(fr, x.value()));
            case Inst.StackAddr x -> set(fr, x.result(), slot(fr, x.slot()) + x.offset());
            case Inst.GetStackPointer x -> set(fr, x.result(), fr.sp);
            case Inst.SymbolValue x -> {
                var gv = fr.info.function.global(x.globalValue())
                        .orElseThrow(() -> new InterpreterException("%" + fr.info.function.name() + ": gv" + x.globalValue() + " is not declared"));
                set(fr, x.result(), addressOf(gv.symbol()) + gv.offset());
            }
            case Inst.FuncAddr x -> set(fr, x.result(), functionAddress(decl(fr, x.func()).name()));
            case Inst.CondTrap x -> {
                if ((get(fr, x.cond()) != 0) == x.ifNonZero()) throw new TrapSignal(x.code());
            }
            case Inst.Fconst x -> set(fr, x.result(), x.bits());
            case Inst.FUnary x -> set(fr, x.result(), FloatOps.unary(x.op(), x.type(), get(fr, x.arg())));
            case Inst.FBinary x -> set(fr, x.result(), FloatOps.binary(x.op(), x.type(), get(fr, x.a()), get(fr, x.b())));
            case Inst.Fma x -> set(fr, x.result(), FloatOps.fma(x.type(), get(fr, x.a()), get(fr, x.b()), get(fr, x.c())));
            case Inst.Fcmp x -> set(fr, x.result(), FloatOps.compare(x.cc(), fr.info.type(x.a()), get(fr, x.a()), get(fr, x.b())) ? 1 : 0);
            case Inst.FConv x -> set(fr, x.result(), FloatOps.convert(x.op(), x.type(), fr.info.type(x.arg()), get(fr, x.arg())));
            case Inst.AtomicRmw x -> {
                long p = atomicAddr(fr, x.addr(), x.type().bytes());
                long old = x.type().canonical(atomicRead(p, x.type().bytes(), x.flags()));
                atomicWrite(p, x.type().bytes(), x.flags(), Eval.atomicRmw(x.op(), x.type(), old, get(fr, x.arg())));
                set(fr, x.result(), old);
            }
            case Inst.AtomicCas x -> {
                long p = atomicAddr(fr, x.addr(), x.type().bytes());
                long old = x.type().canonical(atomicRead(p, x.type().bytes(), x.flags()));
                if (old == get(fr, x.expected())) atomicWrite(p, x.type().bytes(), x.flags(), get(fr, x.replacement()));
                set(fr, x.result(), old);
            }
            case Inst.AtomicLoad x -> set(fr, x.result(), atomicRead(atomicAddr(fr, x.addr(), x.type().bytes()), x.type().bytes(), x.flags()));
            case Inst.AtomicStore x -> {
                int n = fr.info.type(x.value()).bytes();
                atomicWrite(atomicAddr(fr, x.addr(), n), n, x.flags(), get(fr, x.value()));
            }
            case Inst.Fence x -> { }
            case Inst.Call x -> {
                FuncDecl d = decl(fr, x.func());
                return invoke(frames, fr, d.name(), d.signature(), getAll(fr, x.args()), x.results());
            }
            case Inst.CallIndirect x -> {
                String name = callee(fr, x.callee(), sig(fr, x.sig()));
                return invoke(frames, fr, name, sig(fr, x.sig()), getAll(fr, x.args()), x.results());
            }
        }
        return true;
    }

    /** The n bytes at p as an atomic access reads them: byte-reversed if {@code big} (n > 1). */
    private long atomicRead(long p, int n, MemFlags flags) {
        long raw = memory.load(p, n);
        return flags.big() && n > 1 ? Memory.reverse(raw, n) : raw;
    }

    /** Writes the low n bytes of v at p, byte-reversed if {@code big} (n > 1). */
    private void atomicWrite(long p, int n, MemFlags flags, long v) {
        memory.store(p, n, flags.big() && n > 1 ? Memory.reverse(v, n) : v);
    }

    /** The function at a callee address, or a trap. */
    private String callee(Frame fr, Value callee, Signature sig) {
        String name = addressFunc.get(get(fr, callee));
        if (name == null) throw new TrapSignal(TrapCode.HEAP_OOB);
        var target = module.function(name);
        if (target.isPresent()) {
            Signature ts = target.get().signature();
            if (!ts.params().equals(sig.params()) || !ts.returns().equals(sig.returns())) throw new TrapSignal(BAD_SIG);
        }
        return name;
    }

    /** A call (not a tail call): a module function gets a frame (false), a host function runs at once (true). */
    private boolean invoke(Deque<Frame> frames, Frame fr, String name, Signature sig, List<Long> args, List<Value> results) {
        var target = module.function(name);
        if (target.isPresent()) {
            fr.pending = results;
            push(frames, target.get(), args, fr.sp);
            return false;
        }
        List<Long> out = hostCall(name, sig, args);
        if (results.size() != out.size()) {
            throw new InterpreterException("call of %" + name + " defines " + results.size() + " values, it returns " + out.size());
        }
        for (int k = 0; k < out.size(); k++) set(fr, results.get(k), out.get(k));
        return true;
    }

    /** A tail call: the current frame is replaced; non-null when the outermost frame thereby returned. */
    private List<Long> tailCall(Deque<Frame> frames, Frame fr, String name, Signature sig, List<Long> args) {
        frames.pop();
        var target = module.function(name);
        if (target.isPresent()) {
            push(frames, target.get(), args, fr.savedSp);
            return null;
        }
        return finish(frames, hostCall(name, sig, args));
    }

    private List<Long> hostCall(String name, Signature sig, List<Long> args) {
        List<Long> norm = new ArrayList<>(args.size());
        for (int k = 0; k < args.size(); k++) norm.add(k < sig.params().size() ? sig.params().get(k).canonical(args.get(k)) : args.get(k));
        List<Long> out = host.call(name, norm);
        if (out.size() != sig.returns().size()) {
            throw new InterpreterException("host %" + name + " returned " + out.size() + " values, signature has " + sig.returns().size());
        }
        List<Long> typed = new ArrayList<>(out.size());
        for (int k = 0; k < out.size(); k++) typed.add(sig.returns().get(k).canonical(out.get(k)));
        return typed;
    }

    /** Delivers return values to the caller frame; non-null when the outermost frame returned. */
    private List<Long> finish(Deque<Frame> frames, List<Long> values) {
        Frame caller = frames.peek();
        if (caller == null) return values;
        if (caller.pending.size() != values.size()) {
            throw new InterpreterException("%" + caller.info.function.name() + " expects " + caller.pending.size() + " results, callee returned " + values.size());
        }
        for (int k = 0; k < values.size(); k++) set(caller, caller.pending.get(k), values.get(k));
        caller.pending = List.of();
        caller.pc++;
        return null;
    }

    private List<Long> terminate(Deque<Frame> frames, Frame fr, Terminator t) {
        switch (t) {
            case Terminator.Jump j -> jump(fr, j.target());
            case Terminator.Brif b -> jump(fr, get(fr, b.cond()) != 0 ? b.ifTrue() : b.ifFalse());
            case Terminator.BrTable b -> {
                long idx = fr.info.type(b.index()).zext(get(fr, b.index()));
                jump(fr, Long.compareUnsigned(idx, b.targets().size()) < 0 ? b.targets().get((int) idx) : b.fallback());
            }
            case Terminator.Return r -> {
                List<Long> vals = getAll(fr, r.values());
                frames.pop();
                return finish(frames, vals);
            }
            case Terminator.Trap tr -> throw new TrapSignal(tr.code());
            case Terminator.ReturnCall rc -> {
                FuncDecl d = decl(fr, rc.func());
                return tailCall(frames, fr, d.name(), d.signature(), getAll(fr, rc.args()));
            }
            case Terminator.ReturnCallIndirect rc -> {
                Signature s = sig(fr, rc.sig());
                return tailCall(frames, fr, callee(fr, rc.callee(), s), s, getAll(fr, rc.args()));
            }
        }
        return null;
    }

    private void jump(Frame fr, BlockCall target) {
        Block b = fr.info.blocks.get(target.block());
        if (b == null) throw new InterpreterException("%" + fr.info.function.name() + ": " + target.block() + " does not exist");
        enter(fr, b, getAll(fr, target.args()));
    }
}
