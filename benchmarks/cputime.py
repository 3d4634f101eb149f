"""Print the CPU seconds (user + system) used so far by a process and all its children
(gunicorn master and workers), from /proc. Used around each load to get CPU per request,
a figure much less sensitive to other load on the machine than requests/s."""

import os
import sys
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def tree_cpu(root: int) -> float:
    stats = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            # after the command: state ppid ... utime(12) stime(13) counted from "state"
            stats[int(entry.name)] = (int(fields[1]), int(fields[11]) + int(fields[12]))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += stats.get(pid, (0, 0))[1]
        todo += [child for child, (ppid, _) in stats.items() if ppid == pid]
    return total / TICK


if __name__ == "__main__":
    print(f"{tree_cpu(int(sys.argv[1])):.2f}")
