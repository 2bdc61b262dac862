package dev.a64w.oracle.llvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@Epic("oracle-llvm")
@Feature("worker")
class OracleClientTest {
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
    void pingAnswersFromAnotherProcess() {
        long pid = client.ping().orElseThrow();
        assertNotEquals(ProcessHandle.current().pid(), pid);
        assertEquals(pid, client.ping().orElseThrow());
        assertEquals(ProcessHandle.current().pid(), local.ping().orElseThrow());
    }

    @Test
    void assembleInWorkerEqualsInProcess() {
        McResult remote = client.assemble(LlvmMcTest.LISTING).orElseThrow();
        McResult here = local.assemble(LlvmMcTest.LISTING).orElseThrow();
        assertTrue(remote.ok(), remote.errors().toString());
        assertEquals(here, remote);
    }

    @Test
    void assemblerErrorsCrossTheProcessBoundary() {
        McResult r = client.assemble("\t.text\nf:\n\tfrobnicate x0\n").orElseThrow();
        assertEquals(1, r.errors().size());
        assertTrue(r.errors().get(0).contains(":3:2: "), r.errors().get(0));
        assertEquals(local.assemble("\t.text\nf:\n\tfrobnicate x0\n").orElseThrow(), r);
    }

    @Test
    void disassembleInWorkerEqualsInProcess() {
        int[] words = {0xd65f03c0, 0xa9bf7bfd, 0xffffffff, 0x94000000};
        List<Optional<String>> remote = client.disassemble(words).orElseThrow();
        assertEquals(local.disassemble(words).orElseThrow(), remote);
        assertEquals(Optional.empty(), remote.get(2));
        assertEquals(Optional.of("ret"), remote.get(0));
    }

    @Test
    void crashIsReportedAndNextCallRunsOnANewChild() {
        long before = client.ping().orElseThrow();
        int startedBefore = client.childrenStarted();
        WorkerResult<Void> crash = client.crash();
        WorkerResult.Crashed<?> c = assertInstanceOf(WorkerResult.Crashed.class, crash);
        assertTrue(c.detail().contains("exit status 134 (signal 6 SIGABRT)"), c.detail());
        assertTrue(c.detail().contains("LLVM ERROR: Cannot select"), c.detail());
        long after = client.ping().orElseThrow();
        assertNotEquals(before, after);
        assertEquals(startedBefore + 1, client.childrenStarted());
        assertTrue(client.assemble(LlvmMcTest.LISTING).orElseThrow().ok());
    }

    @Test
    void timeoutKillsTheChild() {
        try (OracleClient quick = new OracleClient(WorkerConfig.defaults().withRequestTimeout(Duration.ofMillis(1)))) {
            // 200k lines of assembly cannot be assembled within 1 ms
            String big = "\t.text\nf:\n" + "\tadd x0, x0, #1\n".repeat(200_000);
            WorkerResult<McResult> r = quick.assemble(big);
            WorkerResult.Crashed<?> c = assertInstanceOf(WorkerResult.Crashed.class, r);
            assertTrue(c.detail().contains("timeout after 1 ms"), c.detail());
        }
    }
}
