package dev.a64w.diff;

import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.ir.DataObject;
import dev.a64w.ir.Module;
import dev.a64w.ir.interp.StandardHost;
import dev.a64w.util.Bytes;
import java.util.List;

/**
 * Link-then-emulate for the runtest runners (subject and Cranelift): one object of a module linked
 * by lld-link into a DLL that exports the given functions and the module's data, loaded on the
 * emulated CPU with the standard host library behind its imports and a 16 MiB stack.
 */
sealed interface RuntestImage {
    /** Cranelift's runtests run on host threads with 8 MiB stacks; some use 1 MiB frames. */
    long STACK = 16L << 20;

    /** Linked and loaded; the caller closes {@code executor}. */
    record Loaded(PeImage image, UnicornExecutor executor) implements RuntestImage {}

    /** lld-link did not link the object cleanly: its errors, then its warnings. */
    record LinkFailed(String why) implements RuntestImage {}

    static RuntestImage load(Linker linker, Bytes object, Module module, List<String> functionExports) {
        LinkResult link = linker.link(List.of(object), Harness.importsOf(module), functionExports,
                module.data().stream().map(DataObject::name).toList());
        if (!link.clean()) {
            return new LinkFailed(String.join("; ", link.errors()) + String.join("; ", link.warnings()));
        }
        PeImage image = PeImage.parse(link.dll());
        return new Loaded(image, new UnicornExecutor(image, new HostBridge(new StandardHost(), StandardHost.signatures()), null, STACK));
    }
}
