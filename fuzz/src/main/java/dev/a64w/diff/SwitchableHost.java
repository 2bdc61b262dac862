package dev.a64w.diff;

import dev.a64w.exec.HostFunctions;
import dev.a64w.exec.MemoryView;
import java.util.List;

/**
 * The host behind an executor that several cases share: each case sets its own fresh host before it
 * runs (host functions keep state, and each case's trace is compared on its own).
 */
final class SwitchableHost implements HostFunctions {
    private HostFunctions current = HostFunctions.NONE;

    void set(HostFunctions host) {
        current = host;
    }

    @Override
    public long call(String dll, String name, List<Long> x0to7, MemoryView memory) {
        return current.call(dll, name, x0to7, memory);
    }
}
