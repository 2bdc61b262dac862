package dev.a64w.ir.text;

import dev.a64w.ir.Block;
import dev.a64w.ir.BlockCall;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Import;
import dev.a64w.ir.Inst;
import dev.a64w.ir.Module;
import dev.a64w.ir.Param;
import dev.a64w.ir.RunLine;
import dev.a64w.ir.SigDecl;
import dev.a64w.ir.Signature;
import dev.a64w.ir.SkippedFunction;
import dev.a64w.ir.StackSlot;
import dev.a64w.ir.Terminator;
import dev.a64w.ir.Type;
import dev.a64w.ir.Value;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Canonical CLIF text: header lines, then directives, then each function followed by its run
 * lines. Four-space indentation, a blank line between blocks and between functions. A type suffix
 * is written wherever Cranelift could not infer it (the operand is not defined earlier in the same
 * block) or where it differs from the operand's type, so {@code parse(print(m))} gives back {@code m}.
 * Run lines naming a skipped function are not printed (their values may not be integers).
 */
public final class Printer {
    private Printer() {}

    public static String print(Module m) {
        StringBuilder sb = new StringBuilder();
        for (String h : m.header()) sb.append(h).append('\n');
        boolean directives = !m.imports().isEmpty() || !m.data().isEmpty();
        if (!m.header().isEmpty() && (directives || !m.functions().isEmpty())) sb.append('\n');
        for (Import i : m.imports()) sb.append("; import: %").append(i.name()).append(" from \"").append(i.dll()).append("\"\n");
        for (DataObject d : m.data()) sb.append(data(d)).append('\n');
        if (directives && !m.functions().isEmpty()) sb.append('\n');
        Set<String> printed = new HashSet<>();
        Set<String> skipped = m.skipped().stream().map(SkippedFunction::name).collect(Collectors.toSet());
        for (int k = 0; k < m.functions().size(); k++) {
            Function f = m.functions().get(k);
            if (k > 0) sb.append('\n');
            sb.append(print(f));
            printed.add(f.name());
            for (RunLine r : m.runs()) if (r.function().equals(f.name())) sb.append(run(r, f.signature())).append('\n');
        }
        for (RunLine r : m.runs()) {
            if (!printed.contains(r.function()) && !skipped.contains(r.function())) sb.append(run(r)).append('\n');
        }
        return sb.toString();
    }

    public static String data(DataObject d) {
        StringBuilder sb = new StringBuilder(d.readOnly() ? "; rodata: %" : "; data: %").append(d.name());
        sb.append(" align=").append(d.align());
        for (DataItem item : d.items()) {
            switch (item) {
                case DataItem.Raw r -> {
                    sb.append(" bytes=");
                    for (int i = 0; i < r.bytes().size(); i++) {
                        if (i > 0) sb.append(' ');
                        sb.append(String.format("%02x", r.bytes().u8(i)));
                    }
                }
                case DataItem.Zero z -> sb.append(" zero=").append(z.count());
                case DataItem.Addr a -> sb.append(" addr=%").append(a.symbol())
                        .append(a.addend() < 0 ? "-" : "+").append(Long.toUnsignedString(Math.abs(a.addend())));
            }
        }
        return sb.toString();
    }

    /** A run line with integer values. */
    public static String run(RunLine r) {
        return run(r, null);
    }

    /**
     * A run line of a function with signature {@code sig} (null: all values integers): values of
     * float type print as float literals ({@link FloatLiterals}).
     */
    public static String run(RunLine r, Signature sig) {
        StringBuilder sb = new StringBuilder("; run: %").append(r.function()).append('(');
        List<String> args = new java.util.ArrayList<>();
        for (int k = 0; k < r.args().size(); k++) args.add(runValue(r.args().get(k), sig == null ? null : sig.params(), k));
        sb.append(String.join(", ", args)).append(')');
        sb.append(r.equal() ? " == " : " != ");
        List<String> exp = new java.util.ArrayList<>();
        for (int k = 0; k < r.expected().size(); k++) exp.add(runValue(r.expected().get(k), sig == null ? null : sig.returns(), k));
        if (exp.size() == 1) {
            sb.append(exp.getFirst());
        } else {
            sb.append('[').append(String.join(", ", exp)).append(']');
        }
        return sb.toString();
    }

    private static String runValue(long v, List<Type> types, int k) {
        Type t = types == null || k >= types.size() ? null : types.get(k);
        return t != null && t.isFloat() ? FloatLiterals.format(v, t) : Numbers.imm(v);
    }

    public static String signature(Signature s) {
        StringBuilder sb = new StringBuilder("(").append(types(s.params(), s.paramExts())).append(')');
        if (!s.returns().isEmpty()) sb.append(" -> ").append(types(s.returns(), s.returnExts()));
        if (!s.callConv().isEmpty()) sb.append(' ').append(s.callConv());
        return sb.toString();
    }

    private static String types(List<Type> ts, List<Signature.Ext> exts) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < ts.size(); k++) {
            if (k > 0) sb.append(", ");
            sb.append(ts.get(k).clif());
            if (exts.get(k) != Signature.Ext.NONE) sb.append(' ').append(exts.get(k).clif);
        }
        return sb.toString();
    }

    public static String print(Function f) {
        StringBuilder sb = new StringBuilder("function %").append(f.name()).append(signature(f.signature())).append(" {\n");
        int pre = sb.length();
        for (StackSlot s : f.slots()) {
            sb.append("    ss").append(s.id()).append(" = explicit_slot ").append(s.size());
            if (s.align() != 0) sb.append(", align = ").append(s.align());
            sb.append('\n');
        }
        for (GlobalValue g : f.globals()) {
            sb.append("    gv").append(g.id()).append(" = symbol ").append(g.colocated() ? "colocated " : "")
                    .append('%').append(g.symbol()).append(Numbers.offset(g.offset())).append('\n');
        }
        for (SigDecl s : f.sigs()) sb.append("    sig").append(s.id()).append(" = ").append(signature(s.signature())).append('\n');
        for (FuncDecl d : f.funcs()) {
            sb.append("    fn").append(d.id()).append(" = ").append(d.colocated() ? "colocated " : "").append('%').append(d.name());
            if (d.sigRef() >= 0) sb.append(" sig").append(d.sigRef());
            else sb.append(signature(d.signature()));
            sb.append('\n');
        }
        boolean preamble = sb.length() > pre;
        Map<Value, Type> types = f.valueTypes();
        for (int k = 0; k < f.blocks().size(); k++) {
            if (k > 0 || preamble) sb.append('\n');
            block(sb, f.blocks().get(k), types);
        }
        return sb.append("}\n").toString();
    }

    private static void block(StringBuilder sb, Block b, Map<Value, Type> types) {
        sb.append(b.ref());
        if (!b.params().isEmpty()) {
            sb.append('(');
            for (int i = 0; i < b.params().size(); i++) {
                Param p = b.params().get(i);
                if (i > 0) sb.append(", ");
                sb.append(p.value()).append(": ").append(p.type().clif());
            }
            sb.append(')');
        }
        sb.append(":\n");
        Map<Value, Type> local = new HashMap<>();
        for (Param p : b.params()) local.put(p.value(), p.type());
        InstPrinter ip = new InstPrinter(v -> local.get(v), types);
        for (Inst i : b.insts()) {
            sb.append("    ").append(ip.inst(i)).append('\n');
            for (Value r : i.results()) {
                Type t = types.get(r);
                if (t != null) local.put(r, t);
            }
        }
        sb.append("    ").append(ip.terminator(b.terminator())).append('\n');
    }

    /** One instruction on one line, type suffixes only where the model's type is not inferable. */
    public static String inst(Inst i) {
        return InstPrinter.STANDALONE.inst(i);
    }

    public static String terminator(Terminator t) {
        return InstPrinter.STANDALONE.terminator(t);
    }

    static String blockCall(BlockCall c) {
        if (c.args().isEmpty()) return c.block().toString();
        return c.block() + "(" + values(c.args()) + ")";
    }

    static String values(List<Value> vs) {
        return vs.stream().map(Value::toString).collect(Collectors.joining(", "));
    }
}
