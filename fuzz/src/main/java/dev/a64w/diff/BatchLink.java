package dev.a64w.diff;

import dev.a64w.exec.LinkResult;
import dev.a64w.exec.Linker;
import java.util.ArrayList;
import java.util.List;

/**
 * Links the jobs of many cases with one lld-link call (starting lld-link costs more than linking a
 * case), so that a batch of cases shares one image. When the shared link is not clean, every job is
 * linked again on its own, so that an error or warning is blamed on the case that causes it.
 */
public final class BatchLink {
    private BatchLink() {}

    /** One result per job, in order; jobs that linked together share the same result. */
    public static List<LinkResult> link(Linker linker, List<LinkJob> jobs) {
        if (jobs.isEmpty()) return List.of();
        if (jobs.size() > 1) {
            LinkResult shared = linkOne(linker, LinkJob.merge(jobs));
            if (shared.clean()) {
                List<LinkResult> out = new ArrayList<>();
                for (int i = 0; i < jobs.size(); i++) out.add(shared);
                return out;
            }
        }
        return jobs.stream().map(j -> linkOne(linker, j)).toList();
    }

    static LinkResult linkOne(Linker linker, LinkJob job) {
        return linker.link(job.objects(), job.imports(), job.functionExports(), job.dataExports());
    }
}
