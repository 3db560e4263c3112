package io.prescaler.webhook;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * The member names read so far in each JSON object open at the parser's position, so that a name given twice in one
 * object is refused. One list serves every open object: an object's names follow those of the object around it and
 * are forgotten when it closes, so a body costs a few arrays however many objects it has. Objects in a review have a
 * handful of members: each object keeps one bit per name (of 64, chosen by the name's hash code, which the parser
 * computes once as it hands out the same String for the same name), and a name is compared with those before it
 * only when its bit is already set; this costs less than the hash set Jackson's own detection builds for every
 * object of three members or more. Past {@value #COMPARED} members an object's further names go to a hash set, so
 * that an object of a million members costs a million look-ups, not a million squared.
 */
final class MemberNames {

    static final int COMPARED = 16;

    private String[] names = new String[32];
    private int[] hashes = new int[32];
    private int size;
    /** Where the names of each open object start, outermost first. */
    private int[] starts = new int[8];
    /** The bits of the names of each open object. */
    private long[] bits = new long[8];
    /** The names past the first {@value #COMPARED} of each open object; null while it has no more. */
    @SuppressWarnings("unchecked")
    private Set<String>[] more = new Set[8];

    private int depth;

    /** An object starts: its names are those added until {@link #close}. */
    void open() {
        if (depth == starts.length) {
            starts = Arrays.copyOf(starts, depth * 2);
            bits = Arrays.copyOf(bits, depth * 2);
            more = Arrays.copyOf(more, depth * 2);
        }
        starts[depth] = size;
        bits[depth] = 0;
        more[depth] = null;
        depth++;
    }

    /** The innermost open object ends: its names are forgotten. */
    void close() {
        depth--;
        size = starts[depth];
        more[depth] = null;
    }

    /** Adds a name to the innermost open object; false when that object already has it. */
    boolean add(String name) {
        int hash = name.hashCode();
        int start = starts[depth - 1];
        long bit = 1L << hash;
        if ((bits[depth - 1] & bit) != 0) {
            for (int i = start; i < size; i++) {
                if (hashes[i] == hash && names[i].equals(name)) {
                    return false;
                }
            }
        }
        bits[depth - 1] |= bit;
        if (size - start < COMPARED) {
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
            }
            names[size] = name;
            hashes[size++] = hash;
            return true;
        }
        if (more[depth - 1] == null) {
            more[depth - 1] = new HashSet<>();
        }
        return more[depth - 1].add(name);
    }
}
