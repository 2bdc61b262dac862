package dev.a64w.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Per-module measurements of one bench run, by name; the only mutable state of a run. */
final class Samples {
    private final Map<String, List<Long>> nanos = new TreeMap<>();
    private final List<Double> ratios = new ArrayList<>();
    private final List<Long> instructions = new ArrayList<>();
    private int llvmSkipped;

    void add(String name, long value) {
        nanos.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    void addRatio(double llvmO0OverSubject) {
        ratios.add(llvmO0OverSubject);
    }

    void addInstructions(long n) {
        instructions.add(n);
    }

    void skipLlvm() {
        llvmSkipped++;
    }

    int llvmSkipped() {
        return llvmSkipped;
    }

    int count(String name) {
        return nanos.getOrDefault(name, List.of()).size();
    }

    /** Median of {@code name}'s samples in nanoseconds, or -1 with none. */
    long median(String name) {
        List<Long> v = new ArrayList<>(nanos.getOrDefault(name, List.of()));
        if (v.isEmpty()) return -1;
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    /** Median of LLVM O0's time over the subject's, per module. */
    double medianRatio() {
        if (ratios.isEmpty()) return 0;
        List<Double> v = new ArrayList<>(ratios);
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    long medianInstructions() {
        if (instructions.isEmpty()) return 0;
        List<Long> v = new ArrayList<>(instructions);
        Collections.sort(v);
        return v.get(v.size() / 2);
    }
}
