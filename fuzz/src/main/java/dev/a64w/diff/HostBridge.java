package dev.a64w.diff;

import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.MemoryView;
import dev.a64w.ir.Signature;
import dev.a64w.ir.Type;
import dev.a64w.ir.interp.Host;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Lets emulated code call the same host library the interpreter uses: takes the import's
 * arguments from x0.. (as many as its signature has, sign-extended from their types as the
 * interpreter passes them) and puts the first result in x0.
 */
public final class HostBridge implements HostFunctions {
    private final Host host;
    private final Map<String, Signature> signatures;

    public HostBridge(Host host, Map<String, Signature> signatures) {
        this.host = host;
        this.signatures = signatures;
    }

    @Override
    public long call(String dll, String name, List<Long> x0to7, MemoryView memory) {
        Signature sig = signatures.get(name);
        if (sig == null) throw new IllegalArgumentException("no host function " + dll + "!" + name);
        List<Long> args = new ArrayList<>();
        for (int i = 0; i < sig.params().size(); i++) args.add(sig.params().get(i).sext(x0to7.get(i)));
        List<Long> results = host.call(name, args);
        if (results.isEmpty()) return 0;
        Type t = sig.returns().getFirst();
        return t.sext(results.getFirst());
    }
}
