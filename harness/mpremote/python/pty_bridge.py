# A pseudo-terminal for real mpremote to connect to (`mpremote connect /dev/pts/N`): the first
# line on stdout is the terminal's path, then every byte mpremote writes to it comes out on
# stdout and every byte on stdin goes back to it. The device itself (a raw REPL on a MicroPython
# VM) is miprig's, across the pipes. Ends when stdin closes.
import os
import pty
import select
import sys
import tty

master, slave = pty.openpty()
# Raw, no echo: a board's USB serial line is a byte pipe. The slave stays open here, so the
# master never reads EIO between mpremote's open and close.
tty.setraw(slave)
out = sys.stdout.buffer
out.write(os.ttyname(slave).encode() + b"\n")
out.flush()
stdin = sys.stdin.buffer.fileno()
while True:
    ready, _, _ = select.select([master, stdin], [], [])
    if master in ready:
        data = os.read(master, 65536)
        if data:
            out.write(data)
            out.flush()
    if stdin in ready:
        data = os.read(stdin, 65536)
        if not data:
            break
        view = memoryview(data)
        while view:
            view = view[os.write(master, view):]
