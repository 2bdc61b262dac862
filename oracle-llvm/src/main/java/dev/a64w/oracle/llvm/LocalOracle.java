package dev.a64w.oracle.llvm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Oracle} in this process: no isolation, so an LLVM fatal error ends this JVM. For unit
 * tests and inputs known not to trip LLVM; never crashes "softly" (no {@code Crashed} results).
 */
public final class LocalOracle implements Oracle {
    private final LlvmMc mc = new LlvmMc();
    private final Disassembler disassembler = new Disassembler();
    private final LlvmCodegen codegen = new LlvmCodegen();

    @Override
    public WorkerResult<Long> ping() {
        return new WorkerResult.Ok<>(ProcessHandle.current().pid());
    }

    @Override
    public WorkerResult<McResult> assemble(String listing) {
        try {
            return new WorkerResult.Ok<>(mc.assemble(listing));
        } catch (OracleException e) {
            return new WorkerResult.Failed<>(e.getMessage());
        }
    }

    @Override
    public WorkerResult<McResult> compileIr(String llvmIr, LlvmCodegen.OptLevel level) {
        try {
            return new WorkerResult.Ok<>(codegen.compile(llvmIr, level));
        } catch (OracleException e) {
            return new WorkerResult.Failed<>(e.getMessage());
        }
    }

    @Override
    public List<WorkerResult<McResult>> runAll(List<? extends OracleRequest> requests) {
        List<WorkerResult<McResult>> out = new ArrayList<>(requests.size());
        for (OracleRequest r : requests) {
            out.add(run(r));
        }
        return List.copyOf(out);
    }

    /** One item of a batch, exactly as its single request. */
    WorkerResult<McResult> run(OracleRequest request) {
        return switch (request) {
            case OracleRequest.Assemble(String listing) -> assemble(listing);
            case OracleRequest.CompileIr(String llvmIr, LlvmCodegen.OptLevel level) -> compileIr(llvmIr, level);
        };
    }

    @Override
    public WorkerResult<List<Optional<String>>> disassemble(int[] words) {
        try {
            List<Optional<String>> out = new ArrayList<>(words.length);
            for (int w : words) {
                out.add(disassembler.disassemble(w));
            }
            return new WorkerResult.Ok<>(List.copyOf(out));
        } catch (OracleException e) {
            return new WorkerResult.Failed<>(e.getMessage());
        }
    }

    @Override
    public void close() {
        mc.close();
        disassembler.close();
        codegen.close();
    }
}
