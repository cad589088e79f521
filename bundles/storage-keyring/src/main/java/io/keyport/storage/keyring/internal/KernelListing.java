package io.keyport.storage.keyring.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The serial numbers that a collection keyring should contain after Keyport's own changes. A listing that differs
 * shows a change made outside Keyport, such as {@code keyctl unlink}, so the collection is read again.
 */
final class KernelListing {

    private final Set<Integer> expected = new HashSet<>();

    void reset(Set<Integer> listed) {
        expected.clear();
        expected.addAll(listed);
    }

    void update(List<Integer> added, List<Integer> removed) {
        expected.removeAll(removed);
        expected.addAll(added);
    }

    boolean matches(int[] listed) {
        if (listed.length != expected.size()) {
            return false;
        }
        for (int serial : listed) {
            if (!expected.contains(serial)) {
                return false;
            }
        }
        return true;
    }
}
