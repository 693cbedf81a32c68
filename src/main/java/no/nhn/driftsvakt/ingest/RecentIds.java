package no.nhn.driftsvakt.ingest;

import java.security.SecureRandom;
import java.util.List;

import no.nhn.driftsvakt.signal.Signal;

/**
 * A bounded memory of recently accepted signal ids, so a client's retry of an accepted signal is accepted once.
 *
 * <p>It keeps a 64-bit hash of each id, not the id: a ring of the last {@code capacity} hashes (the oldest is
 * forgotten first) and an open-addressing table over them (linear probing, at most half full). That is 24-40 bytes
 * per id (about 30 at the default 200,000) and about one cache miss per lookup, where a map of the id strings took some 150 bytes and several
 * misses (a lookup in a 200,000-entry {@code LinkedHashMap} was a tenth of the webhook intake's CPU, bench/README.md).
 * Two different ids share a hash with a chance of about one in 2^64 per pair: with 200,000 ids remembered, a new id is
 * mistaken for a repeat (and not published) about once in 10^14 signals. The hash is keyed by a random number per
 * process, so such a pair cannot be made up from outside.
 */
final class RecentIds {

    /** The most ids remembered: 2^28 (a 4 GiB table); {@code remember-ids} beyond it is taken as this. */
    static final int MAX_CAPACITY = 1 << 28;

    private final long seed;
    private final long[] ring;
    private final long[] table;
    private final int mask;
    private int next;
    private int size;

    /** @param capacity how many ids to remember; 0 or less: none (every id is new) */
    RecentIds(int capacity) {
        this(capacity, new SecureRandom().nextLong());
    }

    /** @param seed keys the hash, so that ids that share a hash cannot be made up from outside the process */
    RecentIds(int capacity, long seed) {
        this.seed = seed;
        int n = Math.min(Math.max(0, capacity), MAX_CAPACITY);
        ring = new long[n];
        int slots = Integer.highestOneBit(Math.max(1, n) * 2 - 1) * 2; // a power of two >= 2 x capacity (>= 2)
        table = new long[slots];
        mask = slots - 1;
    }

    /** The hashes of the signals' ids, computed once per request for {@link #seen} and {@link #remember}. */
    long[] hashes(List<Signal> signals) {
        long[] out = new long[signals.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = hash(signals.get(i).id(), seed);
        }
        return out;
    }

    /** Which of the ids were accepted before: asked under one lock for a whole request. */
    synchronized boolean[] seen(long[] hashes) {
        boolean[] out = new boolean[hashes.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = slotOf(hashes[i]) >= 0;
        }
        return out;
    }

    synchronized void remember(long[] hashes) {
        if (ring.length == 0) {
            return; // remembers nothing
        }
        for (long h : hashes) {
            if (slotOf(h) >= 0) {
                continue; // already remembered: it keeps its place in the ring, as a map's put would
            }
            if (size == ring.length) {
                delete(slotOf(ring[next])); // forget the oldest
            } else {
                size++;
            }
            ring[next] = h;
            next = next + 1 == ring.length ? 0 : next + 1;
            int i = home(h);
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = h;
        }
    }

    /** Which hashes repeat one earlier in the array (the same id twice in one request). */
    static boolean[] repeats(long[] hashes) {
        boolean[] out = new boolean[hashes.length];
        int slots = Integer.highestOneBit(Math.max(2, hashes.length) * 2 - 1) * 2;
        long[] table = new long[slots];
        for (int n = 0; n < hashes.length; n++) {
            int i = (int) (hashes[n] ^ (hashes[n] >>> 32)) & (slots - 1);
            while (table[i] != 0 && table[i] != hashes[n]) {
                i = (i + 1) & (slots - 1);
            }
            out[n] = table[i] != 0;
            table[i] = hashes[n];
        }
        return out;
    }

    /** The slot holding {@code h}, or -1. */
    private int slotOf(long h) {
        for (int i = home(h); table[i] != 0; i = (i + 1) & mask) {
            if (table[i] == h) {
                return i;
            }
        }
        return -1;
    }

    /** Empties slot {@code i}, moving back the entries after it that would otherwise no longer be found. */
    private void delete(int i) {
        table[i] = 0;
        for (int j = (i + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = home(table[j]);
            // table[j] may move to the hole at i unless its home lies cyclically in (i, j]
            if (((j - home) & mask) >= ((j - i) & mask)) {
                table[i] = table[j];
                table[j] = 0;
                i = j;
            }
        }
    }

    private int home(long h) {
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /**
     * FNV-1a over the id's characters from a start keyed by {@code seed}, finished with MurmurHash3's 64-bit mix of
     * that and the seed again; never 0 (an empty slot). Without the key, ids that share a hash could be worked out
     * and sent ahead, so that a later signal would be taken for a repeat.
     */
    static long hash(String id, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= id.length();
        h += seed * 0x9e3779b97f4a7c15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
