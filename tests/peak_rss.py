#!/usr/bin/python3
"""peak_rss.py PROGRAM [ARGS...]: runs PROGRAM, passes its standard streams and exit status
through, and prints its peak resident set size as the last line of standard error:
"peak_rss_kb N" (the child's ru_maxrss from wait4, in KiB on Linux)."""

import os
import sys

pid = os.fork()
if pid == 0:
    try:
        os.execv(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f'peak_rss_kb {usage.ru_maxrss}\n')
sys.stderr.flush()
sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
