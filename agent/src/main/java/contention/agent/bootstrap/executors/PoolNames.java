// SPDX-License-Identifier: Apache-2.0
// Copyright contention authors
package contention.agent.bootstrap.executors;

import java.util.Locale;

/**
 * Pool names from worker thread names, as the contract says: the trailing counter and separators removed, and the
 * {@code thread}/{@code worker} word that the JDK's factories put before it ({@code pool-3-thread-7} →
 * {@code pool-3}, {@code ForkJoinPool-2-worker-1} → {@code ForkJoinPool-2}, {@code resize-1} → {@code resize}).
 */
public final class PoolNames {

    /** The pool name a worker's thread name suggests, or null if it says nothing ({@code Thread-3}, empty). */
    public static String fromWorker(String threadName) {
        if (threadName == null) {
            return null;
        }
        String s = trimSeparators(trimDigits(threadName));
        String lower = s.toLowerCase(Locale.ROOT);
        for (String word : new String[] {"thread", "worker"}) {
            int before = s.length() - word.length() - 1;
            if (lower.endsWith(word) && before > 0 && isSeparator(s.charAt(before))) {
                s = trimSeparators(s.substring(0, before + 1));
                break;
            }
        }
        return s.isEmpty() || s.equalsIgnoreCase("thread") ? null : s;
    }

    /** The common prefix of two pool names, without trailing separators; {@code a} if they share nothing. */
    static String common(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        String prefix = trimSeparators(a.substring(0, n));
        return prefix.isEmpty() ? a : prefix;
    }

    private static String trimDigits(String s) {
        int end = s.length();
        while (end > 0 && Character.isDigit(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimSeparators(String s) {
        int end = s.length();
        while (end > 0 && isSeparator(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == ' ' || c == '.' || c == '#' || c == ':' || c == '/';
    }

    private PoolNames() {}
}
