package dev.a64w.oracle.llvm;

import dev.a64w.backend.UnsupportedFeatureException;
import dev.a64w.ir.DataItem;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.FuncDecl;
import dev.a64w.ir.Function;
import dev.a64w.ir.GlobalValue;
import dev.a64w.ir.Import;
import dev.a64w.ir.Module;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Translates a CLIF module into textual LLVM IR for {@code aarch64-pc-windows-msvc} that means the
 * same thing, so that LLVM's own code generator can compile it (the Policy check compares the
 * relocation classes LLVM chooses; the Run check executes LLVM's code).
 *
 * <p>Semantics kept (see DESIGN.md): wrapping arithmetic is plain {@code add/sub/mul}; shift
 * amounts are masked to the width; rotates are {@code llvm.fshl/fshr}; division checks its divisor
 * (and INT_MIN / -1 for {@code sdiv}) and branches to a block that executes
 * {@code llvm.aarch64.break} with the trap's immediate from the subject's {@link dev.a64w.backend.abi.TrapCodes} ({@code srem}
 * of INT_MIN by -1 is 0, as in CLIF); comparisons give an i8 0/1; branch conditions are "not
 * zero"; memory accesses are {@code align 1} through {@code inttoptr}, and {@code volatile} unless
 * the flags say {@code notrap} (a CLIF access that may trap is never removed or merged, so a trap
 * stays a trap); block parameters become phi nodes fed through one edge block per branch edge
 * (so two edges from one block to the same target may pass different arguments). Defined
 * functions are {@code noinline}, so every call in the CLIF stays a call and keeps its relocation.
 *
 * <p>ABI limits: 0..8 integer results are returned in x0..x7 and 0..8 float results in v0..v7
 * by LLVM (a first-class struct for more than one, each element in the next register of its
 * class), matching the Windows ARM64 convention the subject follows; more than 8 results of
 * one class make LLVM return through memory at x8 in its own layout, so they are rejected as unsupported
 * ({@link UnsupportedFeatureException}), as are unknown trap codes. The calling-convention word
 * of a signature is ignored (everything uses the platform convention). Stack slots are
 * {@code alloca}s aligned to max(8, slot align), as Cranelift rounds slots up to the word size.
 *
 * <p>A module the verifier would reject (an undeclared fnN/gvN/ssN, a value without a definition,
 * argument counts that do not match) gives an {@link OracleException} naming the function and
 * block. The translation is a pure function of the module: the same module, the same text.
 */
public final class IrToLlvm {
    /** Most results a function may return in registers (x0..x7). */
    public static final int MAX_RESULTS = 8;

    /** Translates {@code m}; see the class comment for what is unsupported or malformed. */
    public String translate(Module m) {
        Map<String, Function> defined = new LinkedHashMap<>();
        for (Function f : m.functions()) {
            if (defined.put(f.name(), f) != null) {
                throw new OracleException("IrToLlvm: function %" + f.name() + " defined twice");
            }
        }
        Map<String, DataObject> data = new LinkedHashMap<>();
        for (DataObject d : m.data()) {
            if (data.put(d.name(), d) != null || defined.containsKey(d.name())) {
                throw new OracleException("IrToLlvm: data object %" + d.name() + " defined twice");
            }
        }
        Set<String> imports = m.imports().stream().map(Import::name).collect(Collectors.toSet());
        // every name referenced but not defined here gets one declaration; the first signature wins
        Map<String, Signature> calledSigs = new HashMap<>();
        Set<String> referenced = new TreeSet<>();
        for (Function f : m.functions()) {
            for (FuncDecl fd : f.funcs()) {
                calledSigs.putIfAbsent(fd.name(), fd.signature());
                referenced.add(fd.name());
            }
            for (GlobalValue gv : f.globals()) {
                referenced.add(gv.symbol());
            }
        }
        for (DataObject d : m.data()) {
            for (DataItem item : d.items()) {
                if (item instanceof DataItem.Addr a) {
                    referenced.add(a.symbol());
                }
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("; translated from CLIF by a64w IrToLlvm\n");
        out.append("target triple = \"").append(LlvmTarget.TRIPLE).append("\"\n\n");
        for (DataObject d : m.data()) {
            out.append(dataObject(d)).append('\n');
        }
        for (String name : referenced) {
            if (defined.containsKey(name) || data.containsKey(name)) {
                continue;
            }
            Signature sig = calledSigs.get(name);
            String dll = imports.contains(name) ? "dllimport " : "";
            if (sig != null) {
                out.append("declare ").append(dll).append(returnType(sig, "declaration of %" + name)).append(' ')
                        .append(global(name)).append('(').append(paramTypes(sig)).append(")\n");
            } else if (!dll.isEmpty()) {
                out.append("declare dllimport void ").append(global(name)).append("()\n");
            } else {
                out.append(global(name)).append(" = external global i8\n");
            }
        }
        Set<String> intrinsics = new TreeSet<>();
        for (Function f : m.functions()) {
            out.append('\n').append(new FunctionWriter(f, intrinsics).translate());
        }
        if (!intrinsics.isEmpty()) {
            out.append('\n');
            intrinsics.forEach(d -> out.append(d).append('\n'));
        }
        return out.toString();
    }

    private static String dataObject(DataObject d) {
        StringBuilder types = new StringBuilder("<{ ");
        StringBuilder values = new StringBuilder("<{ ");
        String sep = "";
        for (DataItem item : d.items()) {
            String t = switch (item) {
                case DataItem.Raw r -> "[" + r.size() + " x i8]";
                case DataItem.Zero z -> "[" + z.count() + " x i8]";
                case DataItem.Addr a -> "ptr";
            };
            String v = switch (item) {
                case DataItem.Raw r -> {
                    StringBuilder s = new StringBuilder("c\"");
                    for (int i = 0; i < r.size(); i++) {
                        s.append(String.format("\\%02X", r.bytes().u8(i)));
                    }
                    yield s.append('"').toString();
                }
                case DataItem.Zero z -> "zeroinitializer";
                case DataItem.Addr a -> a.addend() == 0 ? global(a.symbol())
                        : "getelementptr (i8, ptr " + global(a.symbol()) + ", i64 " + a.addend() + ")";
            };
            types.append(sep).append(t);
            values.append(sep).append(t).append(' ').append(v);
            sep = ", ";
        }
        String init = d.items().isEmpty() ? "zeroinitializer" : values.append(" }>").toString();
        return global(d.name()) + " = dso_local " + (d.readOnly() ? "constant " : "global ")
                + (d.items().isEmpty() ? "<{}>" : types.append(" }>").toString()) + ' ' + init
                + ", align " + Math.max(1, d.align());
    }

    /** LLVM spelling of a CLIF type: {@code iN}, {@code float}, {@code double}. */
    static String type(Type t) {
        return t.isFloat() ? FloatWriter.type(t) : "i" + t.bits();
    }

    /** {@code void}, {@code iN}, or a struct of up to {@link #MAX_RESULTS} integer types. */
    static String returnType(Signature sig, String where) {
        int n = sig.returns().size();
        long floats = sig.returns().stream().filter(Type::isFloat).count();
        if (n - floats > MAX_RESULTS || floats > MAX_RESULTS) {
            throw new UnsupportedFeatureException(n + " return values (LLVM returns more than " + MAX_RESULTS
                    + " of one class through memory at x8, not in registers)", where);
        }
        return switch (n) {
            case 0 -> "void";
            case 1 -> type(sig.returns().get(0));
            default -> sig.returns().stream().map(IrToLlvm::type).collect(Collectors.joining(", ", "{ ", " }"));
        };
    }

    static String paramTypes(Signature sig) {
        return sig.params().stream().map(IrToLlvm::type).collect(Collectors.joining(", "));
    }

    /** {@code @name}, quoted when the name has characters LLVM identifiers cannot have. */
    static String global(String name) {
        if (name.matches("[A-Za-z$._][A-Za-z$._0-9]*")) {
            return "@" + name;
        }
        StringBuilder s = new StringBuilder("@\"");
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            if (b == '"' || b == '\\' || b < 0x20 || b > 0x7e) {
                s.append(String.format("\\%02X", b & 0xff));
            } else {
                s.append((char) b);
            }
        }
        return s.append('"').toString();
    }
}
