#!/usr/bin/env python3
"""An example out-of-process implementation of the status-change notification
part of peerdist.h, speaking the harness's line protocol (adapters/PROTOCOL.md)
on stdin/stdout. Python 3 standard library only.

    pdconform --impl exec:'python3 adapters/examples/example_impl.py'

It follows every rule of the suite, step for step like the harness's
reference implementation. The content part of the API (publishing, reading)
is not implemented: those calls return ERROR_CALL_NOT_IMPLEMENTED. With --bug=skip-event-when-port it is the
deliberately wrong variant: when a completion port is given it posts the
packet but does not signal lpOverlapped->hEvent, which the rule
event-and-port catches.
"""

import sys

PROTOCOL_VERSION = 1

# Win32 and peerdist.h values (DESIGN.md section 8).
ERROR_SUCCESS = 0
ERROR_INVALID_HANDLE = 6
ERROR_INVALID_PARAMETER = 87
ERROR_CALL_NOT_IMPLEMENTED = 120
ERROR_OPERATION_ABORTED = 995
ERROR_IO_INCOMPLETE = 996
ERROR_IO_PENDING = 997
PEERDIST_ERROR_ALREADY_EXISTS = 4058
PEERDIST_ERROR_VERSION_UNSUPPORTED = 4062
STATUS_PENDING = 0x103  # OVERLAPPED.Internal while pending
DISABLED = 0
PEERDIST_VERSION_WIN7 = 0x0001
PEERDIST_VERSION = 0x0002
INFO_SIZE = 16  # sizeof(PEERDIST_STATUS_INFO)
CONTENTINFO_VERSION_1, CONTENTINFO_VERSION_2 = 1, 2
INFINITE = 0xFFFFFFFF

FIRST_HANDLE = 0x5E550000
HANDLE_STRIDE = 0x10

# Field order of each buffer type in `mem` lines.
FIELDS = {
    "dword": 1,
    "handle": 1,
    "status": 1,
    "status-info": 4,  # cbSize status dwMinVer dwMaxVer
    "overlapped": 5,  # Internal InternalHigh Offset OffsetHigh hEvent
}
INTERNAL, INTERNAL_HIGH, H_EVENT = 0, 1, 4
CB_SIZE, INFO_STATUS, MIN_VER, MAX_VER = 0, 1, 2, 3


class ProtocolError(Exception):
    pass


class Connection:
    """The line protocol: buffers, host-service requests, and dispatch of
    whatever the harness sends while a request waits for its answer."""

    def __init__(self, impl, inp, out):
        self.impl = impl
        self.inp = inp
        self.out = out
        self.buffers = {}  # id -> [type, [fields...]]

    def send(self, line):
        self.out.write(line + "\n")
        self.out.flush()

    def read(self):
        line = self.inp.readline()
        if not line:
            sys.exit(0)  # the harness closed our input: the run is over
        return line.rstrip("\n").split(" ")

    # --- buffers ---------------------------------------------------------
    def field(self, buffer, index):
        return self.buffers[buffer][1][index]

    def write(self, buffer, index, value):
        """Writes one field of a harness buffer and sends the new contents."""
        kind, fields = self.buffers[buffer]
        fields[index] = value
        self.send("mem %d %s %s" % (buffer, kind, " ".join(str(v) for v in fields)))

    def receive_mem(self, words):
        kind = words[2]
        if kind in FIELDS:
            if len(words) != 3 + FIELDS[kind]:
                raise ProtocolError("bad mem line: %r" % " ".join(words))
            self.buffers[int(words[1])] = [kind, [int(w, 0) for w in words[3:]]]
        else:
            # Buffers of the content part (bytes, options): kept, never read.
            self.buffers[int(words[1])] = [kind, words[3:]]

    # --- host services ---------------------------------------------------
    def request(self, line):
        self.send(line)
        while True:
            words = self.read()
            if words[0] == "ok":
                return int(words[1], 0)
            self.handle_anytime(words)

    def status(self):
        return self.request("get-status")

    def set_event(self, handle):
        return self.request("set-event 0x%x" % handle)

    def post(self, port, key, overlapped):
        return self.request("post 0x%x 0 %d @%d" % (port, key, overlapped))

    def is_port(self, handle):
        return self.request("is-port 0x%x" % handle)

    def wait(self, event, timeout_ms):
        return self.request("wait 0x%x %d" % (event, timeout_ms))

    def schedule(self, delay_us, work):
        timer = self.request("schedule %d" % delay_us)
        self.impl.timers[timer] = work
        return timer

    def set_last_error(self, code):
        self.send("set-last-error %d" % code)  # no answer

    # --- dispatch --------------------------------------------------------
    def handle_anytime(self, words):
        """mem, fire and status-changed may arrive at any time."""
        verb = words[0]
        if verb == "mem":
            self.receive_mem(words)
        elif verb == "fire":
            self.impl.timers.pop(int(words[1], 0))()
            self.send("done")
        elif verb == "status-changed":
            self.impl.on_status_changed()
            self.send("done")
        else:
            raise ProtocolError("unexpected line: %r" % " ".join(words))

    def serve(self):
        while True:
            words = self.read()
            verb = words[0]
            if verb == "hello":
                self.send("hello %d" % PROTOCOL_VERSION)
            elif verb == "reset":
                self.buffers.clear()
                self.impl.reset()
                self.send("done")
            elif verb == "call":
                function = getattr(self.impl, words[1], None)
                if function is None:  # the content part: not implemented here
                    self.send("ret %d" % ERROR_CALL_NOT_IMPLEMENTED)
                    continue
                args = [parse_arg(w) for w in words[2:]]
                self.send("ret %d" % function(*args))
            else:
                self.handle_anytime(words)


def parse_arg(word):
    """A buffer reference stays a string ("@3"); numbers become ints."""
    return word if word.startswith("@") else int(word, 0)


def buffer_id(arg):
    """The id of a buffer argument, or None for NULL."""
    return int(arg[1:]) if isinstance(arg, str) else None


class Registration:
    def __init__(self, port, key, overlapped, status_out, info_out):
        self.port, self.key = port, key
        self.overlapped, self.status_out, self.info_out = overlapped, status_out, info_out


class Session:
    def __init__(self):
        # Status of the previous notification; DISABLED before the first.
        self.baseline = DISABLED
        self.registration = None


class ExampleImpl:
    def __init__(self, bug):
        self.bug = bug
        self.io = None
        self.reset()

    def reset(self):
        self.sessions = {}  # handle -> Session, in startup order
        self.next_handle = FIRST_HANDLE
        self.timers = {}

    # --- helpers ---------------------------------------------------------
    def write_status(self, registration, status):
        io = self.io
        if registration.status_out is not None:
            io.write(registration.status_out, 0, status)
        if registration.info_out is not None:
            kind, fields = io.buffers[registration.info_out]
            fields[INFO_STATUS] = status
            fields[MIN_VER] = CONTENTINFO_VERSION_1
            fields[MAX_VER] = CONTENTINFO_VERSION_2
            io.write(registration.info_out, INFO_STATUS, status)

    def complete(self, session, error):
        io = self.io
        registration = session.registration
        if error == ERROR_SUCCESS:
            now = io.status()
            self.write_status(registration, now)
            session.baseline = now
        session.registration = None
        kind, fields = io.buffers[registration.overlapped]
        fields[INTERNAL_HIGH] = 0
        io.write(registration.overlapped, INTERNAL, error)
        event = fields[H_EVENT]
        skip_event = self.bug == "skip-event-when-port" and registration.port != 0
        if event != 0 and not skip_event:
            io.set_event(event)
        if registration.port != 0:
            io.post(registration.port, registration.key, registration.overlapped)

    def deliver_due(self):
        now = self.io.status()
        for session in list(self.sessions.values()):
            if session.registration is not None and now != session.baseline:
                self.complete(session, ERROR_SUCCESS)

    def schedule_delivery_check(self):
        self.io.schedule(0, self.deliver_due)

    def on_status_changed(self):
        self.schedule_delivery_check()

    # --- peerdist.h --------------------------------------------------------
    def PeerDistStartup(self, version, handle_out, supported_out):
        if buffer_id(handle_out) is None:
            return ERROR_INVALID_PARAMETER
        if version < PEERDIST_VERSION_WIN7:
            return PEERDIST_ERROR_VERSION_UNSUPPORTED
        handle = self.next_handle
        self.next_handle += HANDLE_STRIDE
        self.sessions[handle] = Session()
        self.io.write(buffer_id(handle_out), 0, handle)
        if buffer_id(supported_out) is not None:
            self.io.write(buffer_id(supported_out), 0, min(version, PEERDIST_VERSION))
        return ERROR_SUCCESS

    def PeerDistShutdown(self, handle):
        session = self.sessions.get(handle)
        if session is None:
            return ERROR_INVALID_HANDLE
        # Closing the session ends its outstanding request.
        if session.registration is not None:
            self.complete(session, ERROR_OPERATION_ABORTED)
        del self.sessions[handle]
        return ERROR_SUCCESS

    def PeerDistGetStatus(self, handle, status_out):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        if buffer_id(status_out) is None:
            return ERROR_INVALID_PARAMETER
        self.io.write(buffer_id(status_out), 0, self.io.status())
        return ERROR_SUCCESS

    def PeerDistGetStatusEx(self, handle, info_out):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        info = buffer_id(info_out)
        if info is None or self.io.field(info, CB_SIZE) < INFO_SIZE:
            return ERROR_INVALID_PARAMETER
        kind, fields = self.io.buffers[info]
        fields[MIN_VER] = CONTENTINFO_VERSION_1
        fields[MAX_VER] = CONTENTINFO_VERSION_2
        self.io.write(info, INFO_STATUS, self.io.status())
        return ERROR_SUCCESS

    def register(self, handle, port, key, overlapped, status_out, info_out):
        session = self.sessions.get(handle)
        if session is None:
            return ERROR_INVALID_HANDLE
        if overlapped is None or (status_out is None and info_out is None):
            return ERROR_INVALID_PARAMETER
        if port != 0 and not self.io.is_port(port):
            return ERROR_INVALID_HANDLE
        if session.registration is not None:
            return PEERDIST_ERROR_ALREADY_EXISTS
        registration = Registration(port, key, overlapped, status_out, info_out)
        kind, fields = self.io.buffers[overlapped]
        fields[INTERNAL_HIGH] = 0
        self.io.write(overlapped, INTERNAL, STATUS_PENDING)
        # The out-parameter holds the current status as soon as the call returns.
        self.write_status(registration, self.io.status())
        session.registration = registration
        if self.io.status() != session.baseline:
            self.schedule_delivery_check()
        return ERROR_SUCCESS

    def PeerDistRegisterForStatusChangeNotification(self, handle, port, key, overlapped, status_out):
        result = self.register(handle, port, key, buffer_id(overlapped), buffer_id(status_out), None)
        return ERROR_IO_PENDING if result == ERROR_SUCCESS else result

    def PeerDistRegisterForStatusChangeNotificationEx(self, handle, port, key, overlapped, info_out):
        info = buffer_id(info_out)
        if info is not None and self.io.field(info, CB_SIZE) < INFO_SIZE:
            return ERROR_INVALID_PARAMETER
        return self.register(handle, port, key, buffer_id(overlapped), None, info)

    def PeerDistUnregisterForStatusChangeNotification(self, handle):
        session = self.sessions.get(handle)
        if session is None:
            return ERROR_INVALID_HANDLE
        if session.registration is not None:
            self.complete(session, ERROR_OPERATION_ABORTED)
        return ERROR_SUCCESS

    def PeerDistGetOverlappedResult(self, overlapped_arg, bytes_out, wait):
        io = self.io
        overlapped, out = buffer_id(overlapped_arg), buffer_id(bytes_out)
        if overlapped is None or out is None:
            io.set_last_error(ERROR_INVALID_PARAMETER)
            return 0
        if io.field(overlapped, INTERNAL) == STATUS_PENDING and wait and io.field(overlapped, H_EVENT) != 0:
            io.wait(io.field(overlapped, H_EVENT), INFINITE)
        internal = io.field(overlapped, INTERNAL)
        if internal == STATUS_PENDING:
            io.set_last_error(ERROR_IO_INCOMPLETE)
            return 0
        io.write(out, 0, io.field(overlapped, INTERNAL_HIGH))
        if internal != ERROR_SUCCESS:
            io.set_last_error(internal)
            return 0
        return 1


def main(argv):
    bug = None
    for arg in argv[1:]:
        if arg.startswith("--bug="):
            bug = arg[len("--bug="):]
        else:
            sys.stderr.write("usage: example_impl.py [--bug=skip-event-when-port]\n")
            return 2
    impl = ExampleImpl(bug)
    impl.io = Connection(impl, sys.stdin, sys.stdout)
    impl.io.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
