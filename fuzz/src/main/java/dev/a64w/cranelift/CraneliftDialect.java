package dev.a64w.cranelift;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockRef;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Function;
import dev.a64w.ir.Inst;
import dev.a64w.ir.MemFlags;
import dev.a64w.ir.Module;
import dev.a64w.ir.Opcodes.BinaryOp;
import dev.a64w.ir.Opcodes.LoadOp;
import dev.a64w.ir.Opcodes.StoreOp;
import dev.a64w.ir.Opcodes.UnaryOp;
import dev.a64w.ir.Param;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import dev.a64w.ir.text.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Translates a module into the CLIF the Cranelift in {@code ../shared/peers/cranelift} reads. That
 * Cranelift (wasmtime e6b33de513) has dropped opcodes our CLIF subset still has, each of which is
 * shorthand for a longer sequence with the same meaning, so the translation only expands them:
 * <ul>
 *   <li>{@code op_imm.T a, N} becomes {@code c = iconst.T N; op a, c} ({@code irsub_imm}: {@code isub c, a});
 *       shift and rotate amounts become {@code iconst.i64} (the amount is taken modulo the width);</li>
 *   <li>{@code icmp_imm cc a, N} becomes {@code iconst} + {@code icmp};</li>
 *   <li>{@code band_not/bor_not/bxor_not a, b} become {@code bnot b} + {@code band/bor/bxor};</li>
 *   <li>{@code stack_load}/{@code stack_store} become {@code stack_addr.i64} + {@code load}/{@code store};</li>
 *   <li>{@code global_value} of a symbol becomes {@code symbol_value}.</li>
 * </ul>
 * Immediates of {@code iconst} are written zero-extended to their type's width, as Cranelift's
 * verifier wants. {@code br_table} loses its type suffix ({@link #print}); {@code set} and
 * {@code target} header lines are dropped (the driver chooses the target and the flags). Everything else is
 * printed as it is.
 */
public final class CraneliftDialect {
    private CraneliftDialect() {
    }

    /**
     * The module as text for the driver: {@link #translate}d and printed, with {@code br_table}'s
     * index type suffix dropped (this Cranelift's {@code br_table} takes no typevar).
     */
    public static String print(Module m) {
        return Printer.print(translate(m)).replaceAll("\\bbr_table\\.i(8|16|32|64) ", "br_table ");
    }

    /**
     * Whether Cranelift's code for {@code f} can be called with the Windows convention: not when it
     * uses Cranelift's {@code tail} convention, whose arguments and results this Cranelift assigns
     * from x2 (x0 and x1 are left free), unlike the Windows assignment the harness calls with.
     */
    public static boolean callableFromWindows(Function f) {
        return !f.signature().callConv().equals("tail");
    }

    /** The suffix of the Windows-convention entry {@link #withWindowsEntries} adds for a tail-convention function. */
    public static final String ENTRY_SUFFIX = "__a64w_win";

    /**
     * {@code m} plus, for each function in Cranelift's {@code tail} convention, an entry
     * {@code NAME__a64w_win} in the default (Windows) convention that calls it and returns its
     * results: Cranelift compiles the convention change, and the harness calls the entry.
     */
    public static Module withWindowsEntries(Module m) {
        List<Function> fs = new ArrayList<>(m.functions());
        for (Function f : m.functions()) {
            if (callableFromWindows(f) || m.function(f.name() + ENTRY_SUFFIX).isPresent()) {
                continue;
            }
            var sig = f.signature();
            List<Param> params = new ArrayList<>();
            List<Value> args = new ArrayList<>();
            for (int i = 0; i < sig.params().size(); i++) {
                params.add(new Param(new Value(i), sig.params().get(i)));
                args.add(new Value(i));
            }
            List<Value> results = new ArrayList<>();
            for (int i = 0; i < sig.returns().size(); i++) {
                results.add(new Value(sig.params().size() + i));
            }
            Block entry = new Block(new BlockRef(0), params, List.of(new Inst.Call(results, 0, args)), new Terminator.Return(results));
            fs.add(new Function(f.name() + ENTRY_SUFFIX, new Signature(sig.params(), sig.returns(), ""), List.of(), List.of(),
                    List.of(), List.of(new FuncDecl(0, f.name(), true, sig, -1)), List.of(entry)));
        }
        return new Module(m.header(), m.imports(), m.data(), fs, m.runs(), m.skipped());
    }

    public static Module translate(Module m) {
        List<Function> fs = m.functions().stream().map(CraneliftDialect::function).toList();
        // the driver sets the target and flags itself; Cranelift's reader rejects a `set` after a `target`
        List<String> header = m.header().stream().filter(h -> !h.startsWith("set ") && !h.startsWith("target ")).toList();
        return new Module(header, m.imports(), m.data(), fs, m.runs(), m.skipped());
    }

    static Function function(Function f) {
        Map<Value, Type> types = f.valueTypes();
        int[] next = {1 + types.keySet().stream().mapToInt(Value::id).max().orElse(0)};
        for (Block b : f.blocks()) {
            for (Param p : b.params()) {
                next[0] = Math.max(next[0], p.value().id() + 1);
            }
            for (Inst i : b.insts()) {
                for (Value v : i.results()) {
                    next[0] = Math.max(next[0], v.id() + 1);
                }
            }
        }
        List<Block> blocks = new ArrayList<>();
        for (Block b : f.blocks()) {
            List<Inst> out = new ArrayList<>();
            for (Inst i : b.insts()) {
                expand(i, types, next, out);
            }
            blocks.add(new Block(b.ref(), b.params(), out, b.terminator()));
        }
        return new Function(f.name(), f.signature(), f.slots(), f.globals(), f.sigs(), f.funcs(), blocks);
    }

    private static void expand(Inst i, Map<Value, Type> types, int[] next, List<Inst> out) {
        switch (i) {
            case Inst.Iconst x -> out.add(new Inst.Iconst(x.result(), x.type(), x.type().zext(x.imm())));
            case Inst.BinaryImm x -> {
                Value c = new Value(next[0]++);
                boolean shift = x.op().base.isShift();
                Type ct = shift ? Type.I64 : x.type();
                out.add(new Inst.Iconst(c, ct, ct.zext(x.imm())));
                boolean reversed = x.op().base == BinaryOp.ISUB;
                out.add(new Inst.Binary(x.op().base, x.result(), x.type(), reversed ? c : x.a(), reversed ? x.a() : c));
            }
            case Inst.IcmpImm x -> {
                Type t = x.suffix() != null ? x.suffix() : types.get(x.a());
                Value c = new Value(next[0]++);
                out.add(new Inst.Iconst(c, t, t.zext(x.imm())));
                out.add(new Inst.Icmp(x.cc(), x.result(), x.a(), c, x.suffix()));
            }
            case Inst.Binary x when x.op() == BinaryOp.BAND_NOT || x.op() == BinaryOp.BOR_NOT || x.op() == BinaryOp.BXOR_NOT -> {
                Value nb = new Value(next[0]++);
                out.add(new Inst.Unary(UnaryOp.BNOT, nb, x.type(), x.b()));
                BinaryOp base = switch (x.op()) {
                    case BAND_NOT -> BinaryOp.BAND;
                    case BOR_NOT -> BinaryOp.BOR;
                    default -> BinaryOp.BXOR;
                };
                out.add(new Inst.Binary(base, x.result(), x.type(), x.a(), nb));
            }
            case Inst.StackLoad x -> {
                Value p = new Value(next[0]++);
                out.add(new Inst.StackAddr(p, Type.I64, x.slot(), x.offset()));
                out.add(new Inst.Load(LoadOp.LOAD, x.result(), x.type(), MemFlags.NONE, p, 0));
            }
            case Inst.StackStore x -> {
                Value p = new Value(next[0]++);
                out.add(new Inst.StackAddr(p, Type.I64, x.slot(), x.offset()));
                out.add(new Inst.Store(StoreOp.STORE, MemFlags.NONE, x.value(), p, 0, x.suffix()));
            }
            case Inst.SymbolValue x when x.spelledGlobalValue() ->
                    out.add(new Inst.SymbolValue(x.result(), x.type(), x.globalValue(), false));
            default -> out.add(i);
        }
    }
}
