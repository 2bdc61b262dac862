package dev.a64w.audit;

import java.util.Arrays;

/**
 * Which instruction words have a slot in {@link AuditCpu}'s slot region, and at which index (slots
 * are handed out in order): an open-addressing table of int keys, so that looking up the words of
 * every function of an image costs no boxing.
 */
final class WordSlots {
    private final int capacity;
    private int[] keys = new int[1024];
    /** index + 1; 0 marks an empty entry. */
    private int[] indexes = new int[1024];
    private int size;

    WordSlots(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    /** The slot index of {@code word}, or -1. */
    int indexOf(int word) {
        int mask = keys.length - 1;
        for (int i = hash(word) & mask; ; i = (i + 1) & mask) {
            if (indexes[i] == 0) {
                return -1;
            }
            if (keys[i] == word) {
                return indexes[i] - 1;
            }
        }
    }

    /** Gives {@code word} (which has none) the next slot index; -1 if all {@code capacity} are taken. */
    int add(int word) {
        if (size == capacity) {
            return -1;
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(word, size);
        return size++;
    }

    private void insert(int word, int index) {
        int mask = keys.length - 1;
        int i = hash(word) & mask;
        while (indexes[i] != 0) {
            i = (i + 1) & mask;
        }
        keys[i] = word;
        indexes[i] = index + 1;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldIndexes = indexes;
        keys = new int[2 * oldKeys.length];
        indexes = new int[2 * oldKeys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldIndexes[i] != 0) {
                insert(oldKeys[i], oldIndexes[i] - 1);
            }
        }
    }

    private static int hash(int word) {
        int h = word * 0x9E37_79B9;
        return h ^ (h >>> 16);
    }

    /** The distinct words of {@code words} that have no slot yet, in increasing order. */
    int[] missing(int[] words) {
        int[] sorted = words.clone();
        Arrays.sort(sorted);
        int n = 0;
        for (int i = 0; i < sorted.length; i++) {
            if ((i == 0 || sorted[i] != sorted[i - 1]) && indexOf(sorted[i]) < 0) {
                sorted[n++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, n);
    }
}
