package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.a64w.oracle.llvm.LlvmCodegen.OptLevel;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Oracle#runAll}: item by item what the single requests answer, byte for byte, in this
 * process and through the worker; an error or a crash belongs to its own item.
 */
@Epic("oracle-llvm")
@Feature("worker")
class OracleBatchTest {
    static OracleClient client;
    static LocalOracle local;

    @BeforeAll
    static void open() {
        client = new OracleClient();
        local = new LocalOracle();
    }

    @AfterAll
    static void close() {
        client.close();
        local.close();
    }

    @Test
    void assembleManyEqualsSingleAssembles() {
        List<String> listings = LlvmMcReuseTest.inputs();
        List<WorkerResult<McResult>> single = new ArrayList<>();
        for (String l : listings) {
            single.add(local.assemble(l));
        }
        assertEquals(single, local.assembleMany(listings));
        assertEquals(single, client.assembleMany(listings));
    }

    @Test
    void anAssemblerErrorStaysWithItsListing() {
        List<WorkerResult<McResult>> r = client.assembleMany(
                List.of(LlvmMcTest.LISTING, LlvmMcReuseTest.BAD_MNEMONIC, LlvmMcTest.LISTING));
        assertEquals(3, r.size());
        assertTrue(r.get(0).orElseThrow().ok());
        McResult bad = r.get(1).orElseThrow();
        assertEquals(1, bad.errors().size(), bad.errors().toString());
        assertTrue(bad.errors().getFirst().contains(":3:2: "), bad.errors().getFirst());
        assertEquals(r.get(0), r.get(2));
    }

    @Test
    void compileManyEqualsSingleCompiles() {
        List<String> irs = new ArrayList<>(CorpusInputs.llvmIr());
        assertTrue(irs.size() >= 5, "corpus modules in LLVM IR: " + irs.size());
        irs.add(LlvmCodegenTest.IR);
        irs.add("this is not IR");
        List<OracleRequest> requests = new ArrayList<>();
        List<WorkerResult<McResult>> single = new ArrayList<>();
        for (String ir : irs) {
            for (OptLevel level : OptLevel.values()) {
                requests.add(new OracleRequest.CompileIr(ir, level));
                single.add(local.compileIr(ir, level));
            }
        }
        assertEquals(single, local.runAll(requests));
        assertEquals(single, client.runAll(requests));
        assertEquals(single.subList(0, 2), client.compileIrLevels(irs.getFirst(), List.of(OptLevel.O0, OptLevel.O2)));
        assertFalse(single.getLast().orElseThrow().ok());
    }

    @Test
    void aMixedBatchKeepsItsOrder() {
        List<OracleRequest> requests = List.of(new OracleRequest.CompileIr(LlvmCodegenTest.IR, OptLevel.O2),
                new OracleRequest.Assemble(LlvmMcTest.LISTING), new OracleRequest.CompileIr(LlvmCodegenTest.IR, OptLevel.O0));
        List<WorkerResult<McResult>> r = client.runAll(requests);
        assertEquals(List.of(local.compileIr(LlvmCodegenTest.IR, OptLevel.O2), local.assemble(LlvmMcTest.LISTING),
                local.compileIr(LlvmCodegenTest.IR, OptLevel.O0)), r);
    }

    @Test
    void aCrashIsChargedToItsItemAndTheRestRunOnANewChild() {
        int startedBefore = client.childrenStarted();
        List<OracleRequest> requests = List.of(new OracleRequest.Assemble(LlvmMcTest.LISTING),
                new OracleRequest.CompileIr(LlvmCodegenTest.IR, OptLevel.O0),
                new OracleRequest.CompileIr(NativeCrash.IR, OptLevel.O0),
                new OracleRequest.Assemble(LlvmMcReuseTest.BAD_MNEMONIC),
                new OracleRequest.CompileIr(LlvmCodegenTest.IR, OptLevel.O2));
        List<WorkerResult<McResult>> r = client.runAll(requests);
        assertEquals(5, r.size());
        assertEquals(local.assemble(LlvmMcTest.LISTING), r.get(0));
        assertEquals(local.compileIr(LlvmCodegenTest.IR, OptLevel.O0), r.get(1));
        WorkerResult.Crashed<?> c = assertInstanceOf(WorkerResult.Crashed.class, r.get(2));
        assertTrue(c.detail().contains("during runAll item 2: exit status 134 (signal 6 SIGABRT)"), c.detail());
        assertTrue(c.detail().contains("LLVM ERROR: Cannot select"), c.detail());
        assertEquals(local.assemble(LlvmMcReuseTest.BAD_MNEMONIC), r.get(3));
        assertEquals(local.compileIr(LlvmCodegenTest.IR, OptLevel.O2), r.get(4));
        assertEquals(startedBefore + 1, client.childrenStarted());
    }

    @Test
    void theTimeoutIsPerItem() {
        try (OracleClient quick = new OracleClient(WorkerConfig.defaults().withRequestTimeout(Duration.ofSeconds(2)))) {
            assertTrue(quick.ping() instanceof WorkerResult.Ok<Long>);
            // 2M lines take LLVM MC several seconds; the small listings a few milliseconds each
            String big = "\t.text\nf:\n" + "\tadd x0, x0, #1\n".repeat(2_000_000);
            List<WorkerResult<McResult>> r = quick.assembleMany(List.of(LlvmMcTest.LISTING, big, LlvmMcTest.LISTING));
            assertTrue(r.get(0).orElseThrow().ok());
            WorkerResult.Crashed<?> c = assertInstanceOf(WorkerResult.Crashed.class, r.get(1));
            assertTrue(c.detail().contains("during runAll item 1: timeout after 2000 ms"), c.detail());
            assertTrue(r.get(2).orElseThrow().ok());
            assertEquals(2, quick.childrenStarted());
        }
    }

    @Test
    void anEmptyBatchStartsNoWorker() {
        try (OracleClient idle = new OracleClient()) {
            assertEquals(List.of(), idle.runAll(List.of()));
            assertEquals(0, idle.childrenStarted());
        }
    }
}
