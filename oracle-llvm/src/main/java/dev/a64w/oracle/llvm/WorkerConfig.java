package dev.a64w.oracle.llvm;

import java.time.Duration;
import java.util.List;

/**
 * How {@link OracleClient} runs its worker: the per-request timeout (after which the child is
 * killed and the request reported {@code Crashed}), the time allowed for a child to start and
 * load LLVM, and the child JVM's options (heap etc.; {@code --enable-native-access} is always
 * added).
 */
public record WorkerConfig(Duration requestTimeout, Duration startTimeout, List<String> jvmOptions) {
    public WorkerConfig {
        jvmOptions = List.copyOf(jvmOptions);
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout: expected > 0, got " + requestTimeout);
        }
    }

    public static WorkerConfig defaults() {
        return new WorkerConfig(Duration.ofSeconds(30), Duration.ofSeconds(60),
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-Xss4m"));
    }

    public WorkerConfig withRequestTimeout(Duration timeout) {
        return new WorkerConfig(timeout, startTimeout, jvmOptions);
    }
}
