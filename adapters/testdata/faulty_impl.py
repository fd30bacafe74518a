#!/usr/bin/env python3
"""The example out-of-process implementation, made to fail on the third API
call of every case:

    faulty_impl.py --fault=die        exits (status 3) mid-call
    faulty_impl.py --fault=garbage    answers with a line that is not protocol
    faulty_impl.py --fault=hang       never answers
    faulty_impl.py --fault=hello      answers `hello` with another version
    faulty_impl.py --fault=overrun    every read that delivers data also writes
                                      a NUL one byte past the read buffer (from
                                      the start, not only on the third call)

With PD_TEST_PLUGIN_LOG=FILE in the environment it appends "load PID" to
FILE when it starts and "hang PID" before it hangs (as the faulty plugins do).
"""

import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
import example_impl  # noqa: E402


def log(what):
    path = os.environ.get("PD_TEST_PLUGIN_LOG")
    if path:
        with open(path, "a") as out:
            out.write("%s %d\n" % (what, os.getpid()))


class FaultyImpl(example_impl.ExampleImpl):
    def __init__(self, fault):
        self.fault = fault
        self.calls = 0
        super().__init__(None)

    def reset(self):
        super().reset()
        self.calls = 0

    def __getattribute__(self, name):
        attribute = object.__getattribute__(self, name)
        if not name.startswith("PeerDist"):
            return attribute

        def counted(*args):
            self.calls += 1
            if self.calls == 3:
                self.fail()
            return attribute(*args)

        return counted

    def perform_read(self, op, content, offset):
        code, n = super().perform_read(op, content, offset)
        if self.fault == "overrun" and code == example_impl.ERROR_SUCCESS and n > 0:
            # A C-string habit: a terminating NUL after the bytes, here past
            # the end of the buffer (a `mem` line one byte longer than it).
            self.io.write_bytes(op.buffer, op.size, b"\0")
        return code, n

    def fail(self):
        if self.fault == "die":
            sys.stdout.flush()
            os._exit(3)
        if self.fault == "garbage":
            sys.stdout.write("\x01 this is not the protocol \x7f\n")
            sys.stdout.flush()
            return
        if self.fault == "hang":
            log("hang")
            while True:
                time.sleep(3600)


def main(argv):
    fault = None
    for arg in argv[1:]:
        if arg.startswith("--fault="):
            fault = arg[len("--fault="):]
    if fault not in ("die", "garbage", "hang", "hello", "overrun"):
        sys.stderr.write("usage: faulty_impl.py --fault=die|garbage|hang|hello|overrun\n")
        return 2
    if fault == "hello":
        sys.stdin.readline()
        sys.stdout.write("hello 99\n")
        sys.stdout.flush()
        sys.stdin.read()
        return 0
    log("load")
    impl = FaultyImpl(fault)
    impl.io = example_impl.Connection(impl, sys.stdin, sys.stdout)
    impl.io.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
