package dev.a64w.diff;

import dev.a64w.audit.BoundaryAudit;
import dev.a64w.exec.Executor;
import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.LinkResult;
import dev.a64w.exec.PeImage;
import dev.a64w.exec.UnicornExecutor;
import dev.a64w.util.Bytes;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linked images of one batch, each parsed once and loaded into one emulator that every case
 * linked into it reuses (creating an engine and mapping an image costs more than running a case).
 * Before each case, the executor's writable sections and stack are restored ({@link Executor#reset})
 * and the case's own host is set. The static Unwind check runs on one more emulator ({@link BoundaryAudit}),
 * which maps each image once. Closes the engines at the end of the batch.
 */
public final class SharedImages implements AutoCloseable {
    private record Loaded(PeImage image, SwitchableHost host, UnicornExecutor[] executor) {
    }

    private final Map<Bytes, Loaded> byDll = new IdentityHashMap<>();
    private final BoundaryAudit auditor;
    private final boolean ownAuditor;
    private final boolean shared;

    /** For one case's images: its own emulator for the static Unwind check, closed with this. */
    public SharedImages() {
        this(new BoundaryAudit(), true, false);
    }

    /**
     * For a batch: {@code auditor} is the worker's (kept across batches); {@code shared} when several
     * cases are linked into each image (each case's Unwind check then checks only its functions).
     */
    public SharedImages(BoundaryAudit auditor, boolean shared) {
        this(auditor, false, shared);
    }

    private SharedImages(BoundaryAudit auditor, boolean ownAuditor, boolean shared) {
        this.auditor = auditor;
        this.ownAuditor = ownAuditor;
        this.shared = shared;
    }

    /** The static Unwind check of {@code check}'s side on {@code functions} of the linked image. */
    public UnwindReport unwindStatic(Check check, LinkResult link, List<String> functions) {
        return UnwindCheck.runStatic(auditor, check, image(link), functions, shared);
    }

    /** The image of a clean link. */
    public PeImage image(LinkResult link) {
        return loaded(link).image;
    }

    /** The image's executor, reset, calling {@code host} for imports. */
    public Executor executor(LinkResult link, HostFunctions host) {
        Loaded l = loaded(link);
        if (l.executor[0] == null) {
            l.executor[0] = new UnicornExecutor(l.image, l.host);
        } else {
            l.executor[0].reset();
        }
        l.host.set(host);
        return l.executor[0];
    }

    private Loaded loaded(LinkResult link) {
        return byDll.computeIfAbsent(link.dll(), d -> new Loaded(PeImage.parse(d), new SwitchableHost(), new UnicornExecutor[1]));
    }

    @Override
    public void close() {
        for (Loaded l : byDll.values()) {
            if (l.executor[0] != null) l.executor[0].close();
        }
        byDll.clear();
        if (ownAuditor) auditor.close();
    }
}
