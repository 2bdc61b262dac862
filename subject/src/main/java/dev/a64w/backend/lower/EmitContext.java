package dev.a64w.backend.lower;

import dev.a64w.backend.CompileException;
import dev.a64w.backend.MachineBuffer;
import dev.a64w.backend.a64.Label;
import dev.a64w.backend.a64.VReg;
import dev.a64w.backend.abi.FrameLayout;
import dev.a64w.backend.regalloc.Allocation;
import dev.a64w.backend.regalloc.Loc;
import dev.a64w.backend.regalloc.VCode;
import java.util.Optional;

/**
 * What the parts of {@link CodeEmitter} share while emitting one function: the allocated code, its
 * frame, the buffer, a label per block and the block being emitted.
 */
final class EmitContext {
    final VCode code;
    final Allocation alloc;
    final FrameLayout frame;
    final boolean longBranches;
    final MachineBuffer buf;
    final Label[] blockLabels;
    /** The index of the block being emitted. */
    int current;

    EmitContext(VCode code, Allocation alloc, FrameLayout frame, boolean longBranches) {
        this.code = code;
        this.alloc = alloc;
        this.frame = frame;
        this.longBranches = longBranches;
        this.buf = new MachineBuffer(code.name());
        this.blockLabels = new Label[code.blocks().size()];
        for (int b = 0; b < blockLabels.length; b++) blockLabels[b] = buf.newLabel();
    }

    Loc loc(VReg v) {
        Optional<Loc> l = alloc.loc(v);
        if (l.isEmpty()) throw fail("no location for " + v);
        return l.get();
    }

    CompileException fail(String message) {
        return new CompileException(code.name() + ": " + message);
    }
}
