package dev.a64w.oracle.llvm;

import dev.a64w.ir.Signature;
import dev.a64w.ir.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls, tail calls and returns of one function, written into its {@link FunctionWriter}: direct
 * calls by name, indirect ones through {@code inttoptr}, several results as a first-class struct
 * (x0..x7) taken apart with {@code extractvalue} and built with {@code insertvalue}.
 */
final class CallWriter {
    private final FunctionWriter w;

    CallWriter(FunctionWriter w) {
        this.w = w;
    }

    void ret(List<String> values) {
        int n = values.size();
        Signature sig = w.function().signature();
        if (n != sig.returns().size()) {
            throw w.malformed("returns " + n + " values, the signature " + sig.returns().size());
        }
        String rt = IrToLlvm.returnType(sig, w.where());
        switch (n) {
            case 0 -> w.emit("ret void");
            case 1 -> w.emit("ret " + rt + " " + values.get(0));
            default -> {
                String agg = "poison";
                for (int i = 0; i < n; i++) {
                    String next = w.tmp();
                    w.emit(next + " = insertvalue " + rt + " " + agg + ", " + IrToLlvm.type(sig.returns().get(i)) + " "
                            + values.get(i) + ", " + i);
                    agg = next;
                }
                w.emit("ret " + rt + " " + agg);
            }
        }
    }

    void tailCall(Signature callee, String target, List<Value> args) {
        String rt = IrToLlvm.returnType(callee, w.where());
        if (!rt.equals(IrToLlvm.returnType(w.function().signature(), w.where()))) {
            throw w.malformed("return_call of a function returning " + rt + " from one returning "
                    + IrToLlvm.returnType(w.function().signature(), w.where()));
        }
        if (!callee.params().equals(w.function().signature().params())) {
            // CLIF's return_call is a guaranteed tail call; LLVM guarantees one only with musttail,
            // which needs the caller's and the callee's parameter lists to be identical
            throw new dev.a64w.backend.UnsupportedFeatureException("return_call to a function whose parameter list "
                    + "differs from the caller (LLVM guarantees a tail call only as musttail, which needs identical lists)",
                    w.where());
        }
        String r = callText(callee, target, args, "musttail ");
        if (callee.returns().isEmpty()) {
            w.emit(r);
            w.emit("ret void");
        } else {
            String v = w.tmp();
            w.emit(v + " = " + r);
            w.emit("ret " + rt + " " + v);
        }
    }

    void call(List<Value> results, Signature callee, String target, List<Value> args) {
        if (results.size() != callee.returns().size()) {
            throw w.malformed("call binds " + results.size() + " results, the signature returns " + callee.returns().size());
        }
        String text = callText(callee, target, args, "");
        switch (results.size()) {
            case 0 -> w.emit(text);
            case 1 -> w.emit(FunctionWriter.res(results.get(0)) + " = " + text);
            default -> {
                String agg = w.tmp();
                w.emit(agg + " = " + text);
                String rt = IrToLlvm.returnType(callee, w.where());
                for (int i = 0; i < results.size(); i++) {
                    w.emit(FunctionWriter.res(results.get(i)) + " = extractvalue " + rt + " " + agg + ", " + i);
                }
            }
        }
    }

    private String callText(Signature callee, String target, List<Value> args, String marker) {
        if (args.size() != callee.params().size()) {
            throw w.malformed("call passes " + args.size() + " arguments, the signature takes " + callee.params().size());
        }
        List<String> a = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            a.add(IrToLlvm.type(callee.params().get(i)) + " " + w.op(args.get(i)));
        }
        return marker + "call " + IrToLlvm.returnType(callee, w.where()) + " " + target + "(" + String.join(", ", a) + ")";
    }

    String calleePointer(Value callee) {
        String p = w.tmp();
        w.emit(p + " = inttoptr " + IrToLlvm.type(w.typeOf(callee)) + " " + w.op(callee) + " to ptr");
        return p;
    }
}
