package io.prescaler.webhook;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The member names of one JSON object read so far, so that a name given twice is refused. Objects in a review have a
 * handful of members: their hash codes are compared one by one (a name's is computed once, as the parser hands out
 * the same String for the same name), which costs less than the hash set Jackson's own detection builds for every
 * object of three members or more; past {@value #COMPARED} members the others go to a hash set, so that an object
 * of a million members costs a million look-ups, not a million squared.
 */
final class MemberNames {

    static final int COMPARED = 16;

    private String[] first = new String[4];
    private int[] hashes = new int[4];
    private int count;
    private Set<String> rest;

    /** Forgets every name, for the next object at this depth. */
    void clear() {
        count = 0;
        rest = null;
    }

    /** Adds the name; false when the object already has it. */
    boolean add(String name) {
        int hash = name.hashCode();
        int compared = Math.min(count, COMPARED);
        for (int i = 0; i < compared; i++) {
            if (hashes[i] == hash && first[i].equals(name)) {
                return false;
            }
        }
        if (count < COMPARED) {
            if (count == first.length) {
                first = Arrays.copyOf(first, COMPARED);
                hashes = Arrays.copyOf(hashes, COMPARED);
            }
            hashes[count] = hash;
            first[count++] = name;
            return true;
        }
        if (rest == null) {
            rest = new HashSet<>();
        }
        if (!rest.add(name)) {
            return false;
        }
        count++;
        return true;
    }
}
