package io.driftwatch.engine.bench;

/**
 * One line of Linux's {@code /proc/PID/stat} (or {@code /proc/PID/task/TID/stat}): the CPU a
 * process or thread used, in clock ticks, and its resident pages. The name field may hold spaces
 * and parentheses, so fields are counted from the last ')'.
 *
 * @param name          the command, or the thread's name (at most 15 characters)
 * @param ownTicks      user + system time of the process itself
 * @param reapedTicks   user + system time of its children that ended and were waited for (a database's finished backends)
 * @param residentPages resident set size, in pages
 */
public record ProcStat(String name, long ownTicks, long reapedTicks, long residentPages) {

    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc stat line: " + line);
        }
        String[] f = line.substring(close + 2).trim().split("\\s+");
        // After the name: state(3) ppid(4) … utime(14) stime(15) cutime(16) cstime(17) … rss(24); f[0] is field 3.
        return new ProcStat(line.substring(open + 1, close), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                Long.parseLong(f[13]) + Long.parseLong(f[14]), Long.parseLong(f[21]));
    }
}
