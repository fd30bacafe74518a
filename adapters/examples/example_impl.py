#!/usr/bin/env python3
"""An example out-of-process implementation of peerdist.h, speaking the
harness's line protocol (adapters/PROTOCOL.md) on stdin/stdout. Python 3
standard library only.

    pdconform --impl exec:'python3 adapters/examples/example_impl.py'

It implements the whole API the protocol carries: sessions and status-change
notification, and the content part -- a server session publishes a stream of
bytes under a content identifier and hands out its content information (64-byte
blocks with FNV-1a hashes, the format of sim/content_info.h); a client session
opens content by tag, adds that information and data, and reads blocks or a
stream back, from what it added or from the other sessions' publications (the
"peers"). Asynchronous operations complete at times drawn from the harness,
through the OVERLAPPED, its event and the completion port; a move of the service
to DISABLED or UNAVAILABLE invalidates every content, content-information and
stream handle and fails the operations in flight on them.

It follows every rule of the suite, step for step like the harness's reference
implementation (impls/reference_*.cc), so its traces are the reference's. With
--bug=skip-event-when-port it is the deliberately wrong variant: when a
completion port is given, a status-change notification posts the packet but
does not signal lpOverlapped->hEvent, which the rule event-and-port catches.
"""

import sys

PROTOCOL_VERSION = 1

# Win32 and peerdist.h values (DESIGN.md section 8, adapters/peerdist_plugin.h).
ERROR_SUCCESS = 0
ERROR_INVALID_HANDLE = 6
ERROR_INVALID_PARAMETER = 87
ERROR_CALL_NOT_IMPLEMENTED = 120
ERROR_INSUFFICIENT_BUFFER = 122
ERROR_OPERATION_ABORTED = 995
ERROR_TIMEOUT = 1460
ERROR_IO_INCOMPLETE = 996
ERROR_IO_PENDING = 997
ERROR_NOT_FOUND = 1168
ERROR_ACCESS_DISABLED_BY_POLICY = 1260
PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED = 4050
PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO = 4051
PEERDIST_ERROR_MISSING_DATA = 4052
PEERDIST_ERROR_NO_MORE = 4053
PEERDIST_ERROR_INVALIDATED = 4057
PEERDIST_ERROR_ALREADY_EXISTS = 4058
PEERDIST_ERROR_OPERATION_NOTFOUND = 4059
PEERDIST_ERROR_ALREADY_COMPLETED = 4060
PEERDIST_ERROR_OUT_OF_BOUNDS = 4061
PEERDIST_ERROR_VERSION_UNSUPPORTED = 4062
PEERDIST_ERROR_SERVICE_UNAVAILABLE = 4065
STATUS_PENDING = 0x103  # OVERLAPPED.Internal while pending
DISABLED, UNAVAILABLE, AVAILABLE = 0, 1, 2
# What `get-cause` answers: why the service is DISABLED (PROTOCOL.md).
CAUSE_UNKNOWN, CAUSE_POLICY, CAUSE_STOPPED = 0, 1, 2
PEERDIST_VERSION_WIN7 = 0x0001
PEERDIST_VERSION_WIN8 = 0x0002
PEERDIST_VERSION = PEERDIST_VERSION_WIN8
INFO_SIZE = 16  # sizeof(PEERDIST_STATUS_INFO)
RETRIEVAL_OPTIONS_SIZE = 16  # sizeof(PEERDIST_RETRIEVAL_OPTIONS)
CLIENT_BASIC_INFO_SIZE = 4  # sizeof(PEERDIST_CLIENT_BASIC_INFO): one BOOL
PEERDIST_CLIENT_BASIC_INFO_CLASS = 0  # PeerDistClientBasicInfo
CONTENTINFO_VERSION_1, CONTENTINFO_VERSION_2 = 1, 2
PUBLICATION_OPTIONS_VERSIONS = (1, 2)
READ_TIMEOUT_LOCAL_CACHE_ONLY = 0
READ_TIMEOUT_DEFAULT = 0xFFFFFFFE
DEFAULT_READ_TIMEOUT_US = 5000000  # "the default timeout of 5 seconds"
DEFERRED = STATUS_PENDING  # what perform returns for an operation it rescheduled
INFINITE = 0xFFFFFFFF

FIRST_HANDLE = 0x5E550000  # sessions
HANDLE_STRIDE = 0x10
FIRST_OBJECT = 0x0B1E0000  # content, content-information and stream handles

# Bounds (the reference's): identifiers, content, operations in flight.
MAX_IDENTIFIER_SIZE = 256
MAX_OPERATIONS = 1024

# How long operations take, in microseconds of virtual time. A read may have
# to reach peers: it takes longer.
SHORT_OPERATION = (1000, 30000)
READ_OPERATION = (2000, 80000)
READS = ("block-read", "stream-read")

# Field order of each buffer type in `mem` lines ("bytes" is raw, see below).
FIELDS = {
    "dword": 1,
    "handle": 1,
    "status": 1,
    "status-info": 4,  # cbSize status dwMinVer dwMaxVer
    "overlapped": 5,  # Internal InternalHigh Offset OffsetHigh hEvent
    "publication-options": 2,  # dwVersion dwFlags
    "retrieval-options": 4,  # cbSize dwContentInfoMinVersion dwContentInfoMaxVersion dwReserved
}
INTERNAL, INTERNAL_HIGH, OFFSET, OFFSET_HIGH, H_EVENT = 0, 1, 2, 3, 4
CB_SIZE, INFO_STATUS, MIN_VER, MAX_VER = 0, 1, 2, 3
OPTIONS_MIN_VER, OPTIONS_MAX_VER = 1, 2  # in retrieval-options
PUBLICATION_VERSION = 0  # in publication-options


# --- the content model (sim/content_info.{h,cc}) -----------------------------
# Content information describes a range of published data in 64-byte blocks,
# each with a 64-bit FNV-1a hash, in a small little-endian layout:
#   "PDCI" version:u32 offset:u64 length:u64 block_size:u32 blocks:u32
#   hash:u64 * blocks, then an FNV-1a checksum:u64 of everything before it.
# A client decodes what a server encoded, so both ends must agree on it byte
# for byte; the harness passes the blobs from one to the other unchanged.

BLOCK_SIZE = 64
MAX_CONTENT_LENGTH = 4096
INFO_MAGIC = b"PDCI"
INFO_HEADER_SIZE = 4 + 4 + 8 + 8 + 4 + 4
MAX_INFO_SIZE = INFO_HEADER_SIZE + 8 * (MAX_CONTENT_LENGTH // BLOCK_SIZE + 1) + 8
FNV_OFFSET_BASIS = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK64 = (1 << 64) - 1


def fnv1a64(data):
    value = FNV_OFFSET_BASIS
    for byte in data:
        value = ((value ^ byte) * FNV_PRIME) & MASK64
    return value


class ContentInfo:
    def __init__(self, version, offset, length, hashes):
        self.version, self.offset, self.length, self.hashes = version, offset, length, hashes

    def block_start(self, block):
        """Content offset where block `block` of the range begins."""
        return self.offset + block * BLOCK_SIZE

    def block_length(self, block):
        """Bytes in block `block` of the range (the last one may be short)."""
        start = block * BLOCK_SIZE
        return 0 if start >= self.length else min(BLOCK_SIZE, self.length - start)

    def block_matches(self, block, data):
        return (block < len(self.hashes) and len(data) == self.block_length(block)
                and fnv1a64(data) == self.hashes[block])


def describe_content(data, offset, length, version):
    """The information describing data[offset:offset + length], clamped."""
    offset = min(offset, len(data))
    length = min(length, len(data) - offset)
    hashes = [fnv1a64(data[offset + at:offset + min(at + BLOCK_SIZE, length)])
              for at in range(0, length, BLOCK_SIZE)]
    return ContentInfo(version, offset, length, hashes)


def encode_content_info(info):
    out = bytearray(INFO_MAGIC)
    out += info.version.to_bytes(4, "little")
    out += info.offset.to_bytes(8, "little")
    out += info.length.to_bytes(8, "little")
    out += BLOCK_SIZE.to_bytes(4, "little")
    out += len(info.hashes).to_bytes(4, "little")
    for value in info.hashes:
        out += value.to_bytes(8, "little")
    out += fnv1a64(out).to_bytes(8, "little")
    return bytes(out)


def decode_content_info(blob):
    """The ContentInfo a blob encodes, or None for one that is truncated,
    corrupted (checksum), of an unknown version or beyond the bounds."""
    size = len(blob)
    if size < INFO_HEADER_SIZE + 8 or size > MAX_INFO_SIZE or blob[:4] != INFO_MAGIC:
        return None

    def number(at, width):
        return int.from_bytes(blob[at:at + width], "little")

    if number(size - 8, 8) != fnv1a64(blob[:size - 8]):
        return None
    version, offset, length = number(4, 4), number(8, 8), number(16, 8)
    block_size, blocks = number(24, 4), number(28, 4)
    if version not in (CONTENTINFO_VERSION_1, CONTENTINFO_VERSION_2):
        return None
    if block_size != BLOCK_SIZE or length > MAX_CONTENT_LENGTH or offset > MAX_CONTENT_LENGTH:
        return None
    if blocks != (length + BLOCK_SIZE - 1) // BLOCK_SIZE or size != INFO_HEADER_SIZE + 8 * blocks + 8:
        return None
    hashes = [number(INFO_HEADER_SIZE + 8 * i, 8) for i in range(blocks)]
    return ContentInfo(version, offset, length, hashes)


# --- the protocol -------------------------------------------------------------


class ProtocolError(Exception):
    pass


class Connection:
    """The line protocol: buffers, host-service requests, and dispatch of
    whatever the harness sends while a request waits for its answer."""

    def __init__(self, impl, inp, out):
        self.impl = impl
        self.inp = inp
        self.out = out
        # id -> [type, fields]: a list of ints, or a bytearray for "bytes".
        self.buffers = {}
        # The service status once known in the case: it moves only with a
        # `status-changed` line, so it is not asked again (a round trip).
        self.known_status = None
        self.known_now = None

    def send(self, line):
        # Written out when this program next waits for the harness (read):
        # one write per exchange, not one per line.
        self.out.write(line + "\n")

    def read(self):
        self.out.flush()
        line = self.inp.readline()
        if not line:
            sys.exit(0)  # the harness closed our input: the run is over
        return line.rstrip("\n").split(" ")

    # --- buffers ---------------------------------------------------------
    def field(self, buffer, index):
        return self.buffers[buffer][1][index]

    def write(self, buffer, index, value):
        """Writes one field of a harness buffer and sends the new contents."""
        self.write_fields(buffer, {index: value})

    def write_fields(self, buffer, changes):
        """Writes several fields at once: one `mem` line, one write."""
        kind, fields = self.buffers[buffer]
        for index, value in changes.items():
            fields[index] = value
        self.send("mem %d %s %s" % (buffer, kind, " ".join(str(v) for v in fields)))

    def data(self, buffer):
        """The bytes of a "bytes" buffer (a copy: the harness may rewrite it)."""
        return bytes(self.buffers[buffer][1])

    def write_bytes(self, buffer, offset, data):
        contents = self.buffers[buffer][1]
        contents[offset:offset + len(data)] = data
        self.send("mem %d bytes %d %s" % (buffer, len(contents), contents.hex() or "-"))

    def receive_mem(self, words):
        kind = words[2]
        if kind == "bytes":  # bytes SIZE HEX ("-" when SIZE is 0)
            if len(words) != 5:
                raise ProtocolError("bad mem line: %r" % " ".join(words))
            contents = bytearray() if words[4] == "-" else bytearray.fromhex(words[4])
            self.buffers[int(words[1])] = [kind, contents]
        elif kind in FIELDS and len(words) == 3 + FIELDS[kind]:
            self.buffers[int(words[1])] = [kind, [int(w, 0) for w in words[3:]]]
        else:
            raise ProtocolError("bad mem line: %r" % " ".join(words))

    # --- host services ---------------------------------------------------
    def request_words(self, line):
        self.send(line)
        while True:
            words = self.read()
            if words[0] == "ok":
                return words
            self.handle_anytime(words)

    def request(self, line):
        return int(self.request_words(line)[1], 0)

    def peer_fetch(self, offset, length, block_hash):
        """(latency in microseconds, the bytes) from the World's peers, or None."""
        words = self.request_words("peer-fetch %d %d %d" % (offset, length, block_hash))
        if words[1] == "-":
            return None
        return int(words[1]), bytes.fromhex(words[2])

    def status(self):
        if self.known_status is None:
            self.known_status = self.request("get-status")
        return self.known_status

    def cause(self):
        """Why the service is DISABLED: CAUSE_POLICY, CAUSE_STOPPED or
        CAUSE_UNKNOWN. Asked each time: it may change with no
        `status-changed` line."""
        return self.request("get-cause")

    def set_event(self, handle):
        return self.request("set-event 0x%x" % handle)

    def post(self, port, bytes_transferred, key, overlapped):
        return self.request("post 0x%x %d %d @%d" % (port, bytes_transferred, key, overlapped))

    def is_port(self, handle):
        return self.request("is-port 0x%x" % handle)

    def wait(self, event, timeout_ms):
        result = self.request("wait 0x%x %d" % (event, timeout_ms))
        self.known_now = None  # the harness ran its clock
        return result

    def schedule(self, delay_us, work):
        timer = self.request("schedule %d" % delay_us)
        self.impl.timers[timer] = work
        return timer

    def cancel(self, timer):
        self.impl.timers.pop(timer, None)
        return self.request("cancel %d" % timer)

    def draw_delay(self, low_us, high_us):
        return self.request("draw-delay %d %d" % (low_us, high_us))

    def now(self):
        # Virtual time moves only between the harness's messages and during
        # a `wait`: asked once per message.
        if self.known_now is None:
            self.known_now = self.request("now")
        return self.known_now

    def set_last_error(self, code):
        self.send("set-last-error %d" % code)  # no answer

    # --- dispatch --------------------------------------------------------
    def handle_anytime(self, words):
        """mem, fire and status-changed may arrive at any time."""
        verb = words[0]
        if verb == "mem":
            self.receive_mem(words)
        elif verb == "fire":
            self.known_now = None
            self.impl.timers.pop(int(words[1], 0))()
            self.send("done")
        elif verb == "status-changed":
            self.known_now = None
            self.known_status = int(words[2], 0)
            self.impl.on_status_changed(int(words[1], 0), int(words[2], 0))
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
                self.known_status = None
                self.known_now = None
                self.impl.reset()
                self.send("done")
            elif verb == "call":
                self.known_now = None
                # Only the peerdist.h functions are callable; a name this
                # program does not know is not implemented.
                function = getattr(self.impl, words[1], None) if words[1].startswith("PeerDist") else None
                if function is None:
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


# --- state ----------------------------------------------------------------------


class Registration:
    def __init__(self, port, key, overlapped, status_out, info_out):
        self.port, self.key = port, key
        self.overlapped, self.status_out, self.info_out = overlapped, status_out, info_out


class Session:
    def __init__(self, version):
        # Status of the previous notification; DISABLED before the first.
        self.baseline = DISABLED
        self.registration = None
        self.version = version  # negotiated at startup


class Publication:
    """Content a server session published: the data added so far, complete
    once PublishCompleteStream succeeded."""

    def __init__(self, owner, declared_length):
        self.owner = owner  # session handle
        self.declared_length = declared_length  # 0: not known in advance
        self.data = bytearray()
        self.complete = False


STREAM, CONTENT_INFO, CONTENT = "stream", "content-info", "content"


class ContentObject:
    """What stands behind one stream, content-information or content handle."""

    def __init__(self, kind, session, port, key):
        self.kind, self.session, self.port, self.key = kind, session, port, key
        # Set when the status moved to DISABLED or UNAVAILABLE after the open:
        # every call but the close fails with PEERDIST_ERROR_INVALIDATED.
        self.invalidated = False
        # Operations on one handle complete in the order they were started:
        # the next one completes after this instant.
        self.busy_until = 0
        self.identifier = b""  # stream, content-info: the content identifier
        self.info_blob = b""  # content-info: the encoded information...
        self.info_read = 0  # ...and how much of it was retrieved already
        # content: its tag, the information added so far and, once complete,
        # decoded; data added (by content offset) and blocks validated against
        # the hashes (by block index); where StreamRead goes on.
        self.tag = b""
        self.added_info = bytearray()
        self.info = None
        self.info_failed = False
        self.raw_data = {}
        self.valid_blocks = {}
        self.stream_position = 0


class Operation:
    """An asynchronous operation in flight, completed when its timer fires."""

    def __init__(self, kind, session, obj, overlapped, port, key):
        self.kind, self.session, self.object = kind, session, obj  # object 0: flush
        self.overlapped, self.port, self.key = overlapped, port, key
        self.id = self.timer = 0
        self.buffer, self.size = None, 0  # the caller's data buffer and its size
        self.offset = 0  # BlockRead, AddData: OVERLAPPED.Offset at the call
        self.timeout_ms = 0
        self.tag = b""  # FlushContent
        # Reads: when the call was made (the timeout runs from there), and
        # what a read waiting for the peers resumes with at `resume_at`.
        self.started = self.resume_at = 0
        self.peer_block = None  # (block, bytes) the peers deliver
        self.timed_out = False


def invalidating(status):
    return status in (DISABLED, UNAVAILABLE)


class ExampleImpl:
    def __init__(self, bug):
        self.bug = bug
        self.io = None
        self.reset()

    def reset(self):
        self.sessions = {}  # handle -> Session, in startup order
        self.next_handle = FIRST_HANDLE
        self.timers = {}
        # The content part. Objects and operations are walked in handle and
        # start order (dicts keep insertion order), publications by identifier:
        # the reference's ordered maps, so completions come in the same order.
        self.publications = {}  # identifier -> Publication
        self.objects = {}  # handle -> ContentObject
        self.next_object = FIRST_OBJECT
        self.operations = {}  # id -> Operation
        self.next_operation = 1

    # --- status-change notification ---------------------------------------
    def write_status(self, registration, status):
        io = self.io
        if registration.status_out is not None:
            io.write(registration.status_out, 0, status)
        if registration.info_out is not None:
            io.write_fields(registration.info_out,
                            {INFO_STATUS: status, MIN_VER: CONTENTINFO_VERSION_1, MAX_VER: CONTENTINFO_VERSION_2})

    def complete(self, session, error):
        io = self.io
        registration = session.registration
        if error == ERROR_SUCCESS:
            now = io.status()
            self.write_status(registration, now)
            session.baseline = now
        session.registration = None
        io.write_fields(registration.overlapped, {INTERNAL: error, INTERNAL_HIGH: 0})
        event = io.field(registration.overlapped, H_EVENT)
        skip_event = self.bug == "skip-event-when-port" and registration.port != 0
        if event != 0 and not skip_event:
            io.set_event(event)
        if registration.port != 0:
            io.post(registration.port, 0, registration.key, registration.overlapped)

    def deliver_due(self):
        now = self.io.status()
        for session in list(self.sessions.values()):
            if session.registration is not None and now != session.baseline:
                self.complete(session, ERROR_SUCCESS)

    def schedule_delivery_check(self):
        self.io.schedule(0, self.deliver_due)

    def on_status_changed(self, before, now):
        # Handles stop working at the instant of the move, before anything
        # else runs; notifications are delivered right after.
        self.invalidate_objects(before, now)
        self.schedule_delivery_check()

    # --- peerdist.h: sessions and notification ------------------------------
    def PeerDistStartup(self, version, handle_out, supported_out):
        if buffer_id(handle_out) is None:
            return ERROR_INVALID_PARAMETER
        # The minimum accepted, MAKEWORD(major, minor): compare (major,
        # minor), never the plain number (1.2 = 0x0201 is below 2.0).
        major, minor = version & 0xFF, (version >> 8) & 0xFF
        if major < 1 or (major, minor) > (2, 0):
            return PEERDIST_ERROR_VERSION_UNSUPPORTED
        handle = self.next_handle
        self.next_handle += HANDLE_STRIDE
        # A 1.x request gets the Windows 7 API; the Windows 8 functions
        # need a 2.0 request.
        session = self.sessions[handle] = Session(PEERDIST_VERSION_WIN8 if major >= 2 else PEERDIST_VERSION_WIN7)
        self.io.write(buffer_id(handle_out), 0, handle)
        if buffer_id(supported_out) is not None:
            self.io.write(buffer_id(supported_out), 0, PEERDIST_VERSION)  # the maximum supported
        return ERROR_SUCCESS

    def PeerDistShutdown(self, handle):
        session = self.sessions.get(handle)
        if session is None:
            return ERROR_INVALID_HANDLE
        # Closing the session ends its outstanding request...
        if session.registration is not None:
            self.complete(session, ERROR_OPERATION_ABORTED)
        # ...and "cancels all the pending Peer Distribution client and server
        # operations"; its handles and publications go with it.
        self.abort_operations(lambda op: op.session == handle, ERROR_OPERATION_ABORTED)
        self.objects = {h: o for h, o in self.objects.items() if o.session != handle}
        self.publications = {i: p for i, p in self.publications.items() if p.owner != handle}
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
        self.io.write_fields(info, {INFO_STATUS: self.io.status(), MIN_VER: CONTENTINFO_VERSION_1,
                                    MAX_VER: CONTENTINFO_VERSION_2})
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
        self.io.write_fields(overlapped, {INTERNAL: STATUS_PENDING, INTERNAL_HIGH: 0})
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

    # --- content objects ----------------------------------------------------
    def find_object(self, session, handle, kind):
        """The object behind an open handle of `kind` that `session` opened."""
        obj = self.objects.get(handle)
        if obj is None or obj.kind != kind or obj.session != session:
            return None
        return obj

    def add_object(self, obj):
        handle = self.next_object
        self.next_object += HANDLE_STRIDE
        self.objects[handle] = obj
        return handle

    def openable(self, port):
        """The checks every open ends with: ERROR_SUCCESS when a handle whose
        completions go to `port` (0: none) may be opened now, else the error
        the open returns. The port comes first: it is wrong whatever the
        service's state."""
        if port != 0 and not self.io.is_port(port):
            return ERROR_INVALID_HANDLE
        status = self.io.status()
        if status == AVAILABLE:
            return ERROR_SUCCESS
        if status == UNAVAILABLE:
            return PEERDIST_ERROR_SERVICE_UNAVAILABLE
        # DISABLED: the row of its cause; a stopped service is unavailable, a
        # Group Policy (or a cause the harness does not name) the policy row.
        return PEERDIST_ERROR_SERVICE_UNAVAILABLE if self.io.cause() == CAUSE_STOPPED else ERROR_ACCESS_DISABLED_BY_POLICY

    def close_object(self, session, handle, kind):
        """The three close functions: an invalidated handle still closes, and
        closing it cancels its pending operations."""
        if session not in self.sessions:
            return ERROR_INVALID_HANDLE
        if self.find_object(session, handle, kind) is None:
            return ERROR_INVALID_HANDLE
        self.abort_operations(lambda op: op.object == handle, ERROR_OPERATION_ABORTED)
        del self.objects[handle]
        return ERROR_SUCCESS

    def object_for(self, session, handle, kind):
        """The checks every call on a stream, content-information or content
        handle starts with: (the session's open object of `kind`,
        ERROR_SUCCESS), or (None, the error the call returns). An invalidated
        handle is still known -- it fails differently from an unknown one."""
        obj = self.find_object(session, handle, kind)
        if obj is None:
            return None, ERROR_INVALID_HANDLE
        if obj.invalidated:
            return None, PEERDIST_ERROR_INVALIDATED
        return obj, ERROR_SUCCESS

    def invalidate_objects(self, before, now):
        if not invalidating(now) or before == now:
            return
        for obj in self.objects.values():
            obj.invalidated = True
        # Operations in flight on an invalidated handle fail with it
        # (AMBIGUITIES.md, in-flight-at-invalidation: fails-invalidated).
        self.abort_operations(lambda op: op.object in self.objects, PEERDIST_ERROR_INVALIDATED)

    # --- asynchronous operations --------------------------------------------
    def check_overlapped(self, overlapped):
        if overlapped is None or len(self.operations) >= MAX_OPERATIONS:
            return ERROR_INVALID_PARAMETER
        # One OVERLAPPED serves one operation at a time.
        if any(op.overlapped == overlapped for op in self.operations.values()):
            return ERROR_INVALID_PARAMETER
        return ERROR_SUCCESS

    def start_object_operation(self, session, handle, object_kind, op_kind, overlapped_arg, buffer=None, size=0,
                               timeout_ms=0):
        """Every asynchronous call on a stream, content-information or content
        handle, once the call's own argument checks passed. The OVERLAPPED is
        checked before the handle, as the reference does: the error a call
        returns depends on that order. The offset is the OVERLAPPED's; only
        AddData and the reads use it (the server's operations append, or hand
        out the information in order)."""
        overlapped = buffer_id(overlapped_arg)
        check = self.check_overlapped(overlapped)
        if check != ERROR_SUCCESS:
            return check
        obj, error = self.object_for(session, handle, object_kind)
        if obj is None:
            return error
        op = Operation(op_kind, session, handle, overlapped, obj.port, obj.key)
        op.buffer, op.size, op.timeout_ms = buffer_id(buffer), size, timeout_ms
        op.offset = (self.io.field(overlapped, OFFSET_HIGH) << 32) | self.io.field(overlapped, OFFSET)
        return self.start_operation(op)

    def start_data_operation(self, handle, obj_handle, object_kind, op_kind, overlapped, buffer, size):
        """The calls whose operation takes bytes from, or fills, the caller's
        buffer (AddToStream, RetrieveContentInformation,
        AddContentInformation, AddData): each needs a buffer of at least one
        byte, checked after the session and before the OVERLAPPED."""
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        if buffer_id(buffer) is None or size == 0:
            return ERROR_INVALID_PARAMETER
        return self.start_object_operation(handle, obj_handle, object_kind, op_kind, overlapped, buffer, size)

    def start_operation(self, op):
        """Completes `op` after a delay drawn for its kind (a read may reach
        peers: longer), and after its handle's earlier operations; returns
        ERROR_IO_PENDING."""
        io = self.io
        op.id = self.next_operation
        self.next_operation += 1
        io.write_fields(op.overlapped, {INTERNAL: STATUS_PENDING, INTERNAL_HIGH: 0})
        delay = io.draw_delay(*(READ_OPERATION if op.kind in READS else SHORT_OPERATION))
        # Never before the handle's previous operation: adds land in order.
        obj = self.objects.get(op.object)
        if obj is not None:
            now = io.now()
            if obj.busy_until >= now + delay:
                delay = obj.busy_until - now + 1
            obj.busy_until = now + delay
        op.started = io.now()
        op.timer = io.schedule(delay, lambda: self.finish_operation(op.id))
        self.operations[op.id] = op
        return ERROR_IO_PENDING

    def defer(self, op, at):
        """Reschedules `op` at `at` (still pending and cancellable); the
        handle's later operations wait for it (first in, first out)."""
        now = self.io.now()
        at = max(at, now)
        obj = self.objects.get(op.object)
        if obj is not None and obj.busy_until < at:
            obj.busy_until = at
        op.timer = self.io.schedule(at - now, lambda: self.finish_operation(op.id))
        self.operations[op.id] = op

    def finish_operation(self, operation_id):
        op = self.operations.pop(operation_id, None)
        if op is None:
            return
        # An earlier operation of the handle still waits for the peers: after it.
        if op.object != 0 and any(o.object == op.object and o.id < op.id for o in self.operations.values()):
            obj = self.objects.get(op.object)
            self.defer(op, obj.busy_until + 1 if obj is not None else self.io.now())
            return
        error, transferred = self.perform(op)
        if error == DEFERRED:
            self.defer(op, op.resume_at)
            return
        self.complete_operation(op, error, transferred)

    def complete_operation(self, op, error, transferred):
        """The result into the OVERLAPPED, then its event, then the port."""
        io = self.io
        io.write_fields(op.overlapped, {INTERNAL: error, INTERNAL_HIGH: transferred})
        event = io.field(op.overlapped, H_EVENT)
        if event != 0:
            io.set_event(event)
        if op.port != 0:
            io.post(op.port, transferred, op.key, op.overlapped)

    def abort_operations(self, match, error):
        """Completes (as `error`) every operation in flight that `match`
        selects, in start order; collected first, so completing one does not
        disturb the walk."""
        matched = [op for op in self.operations.values() if match(op)]
        for op in matched:
            del self.operations[op.id]
            self.io.cancel(op.timer)
            self.complete_operation(op, error, 0)
        return len(matched)

    def perform(self, op):
        """The result of an operation whose time has come: (error, bytes)."""
        if op.kind == "flush":
            return self.perform_flush(op)
        obj = self.objects.get(op.object)
        if obj is None:
            return ERROR_OPERATION_ABORTED, 0
        if obj.invalidated:
            return PEERDIST_ERROR_INVALIDATED, 0
        perform = {
            "add-to-stream": self.perform_add_to_stream,
            "complete-stream": self.perform_complete_stream,
            "retrieve-info": self.perform_retrieve_info,
            "add-info": self.perform_add_info,
            "complete-info": self.perform_complete_info,
            "add-data": self.perform_add_data,
            "block-read": self.perform_block_read,
            "stream-read": self.perform_stream_read,
        }[op.kind]
        return perform(op, obj)

    # --- peerdist.h: the server side ------------------------------------------
    def identifier(self, size, buffer):
        """The content identifier argument, or None when it is invalid."""
        if buffer_id(buffer) is None or size == 0 or size > MAX_IDENTIFIER_SIZE:
            return None
        return self.io.data(buffer_id(buffer))

    def PeerDistServerPublishStream(self, handle, id_size, id_buffer, length, options, port, key, stream_out):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        identifier = self.identifier(id_size, id_buffer)
        if buffer_id(stream_out) is None or identifier is None or length > MAX_CONTENT_LENGTH:
            return ERROR_INVALID_PARAMETER
        if (buffer_id(options) is not None and
                self.io.field(buffer_id(options), PUBLICATION_VERSION) not in PUBLICATION_OPTIONS_VERSIONS):
            return ERROR_INVALID_PARAMETER
        openable = self.openable(port)
        if openable != ERROR_SUCCESS:
            return openable
        if identifier in self.publications:
            return PEERDIST_ERROR_ALREADY_EXISTS
        self.publications[identifier] = Publication(handle, length)
        stream = ContentObject(STREAM, handle, port, key)
        stream.identifier = identifier
        self.io.write(buffer_id(stream_out), 0, self.add_object(stream))
        return ERROR_SUCCESS

    def PeerDistServerPublishAddToStream(self, handle, stream, size, buffer, overlapped):
        return self.start_data_operation(handle, stream, STREAM, "add-to-stream", overlapped, buffer, size)

    def PeerDistServerPublishCompleteStream(self, handle, stream, overlapped):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        return self.start_object_operation(handle, stream, STREAM, "complete-stream", overlapped)

    def writable_publication(self, stream):
        """What a stream's operations work on: its publication while it still
        takes data -- (publication, ERROR_SUCCESS) -- or (None, the error):
        gone after Unpublish, or closed by a successful CompleteStream."""
        target = self.publications.get(stream.identifier)
        if target is None:
            return None, ERROR_NOT_FOUND
        if target.complete:
            return None, PEERDIST_ERROR_ALREADY_COMPLETED
        return target, ERROR_SUCCESS

    def perform_add_to_stream(self, op, stream):
        target, error = self.writable_publication(stream)
        if target is None:
            return error, 0
        room = MAX_CONTENT_LENGTH - min(MAX_CONTENT_LENGTH, len(target.data))
        declared = target.declared_length
        if op.size > room or (declared != 0 and len(target.data) + op.size > declared):
            return PEERDIST_ERROR_OUT_OF_BOUNDS, 0
        target.data += self.io.data(op.buffer)[:op.size]
        return ERROR_SUCCESS, op.size

    def perform_complete_stream(self, op, stream):
        target, error = self.writable_publication(stream)
        if target is None:
            return error, 0
        # A declared length must match what was added.
        if target.declared_length != 0 and len(target.data) != target.declared_length:
            return ERROR_INVALID_PARAMETER, 0
        target.complete = True
        return ERROR_SUCCESS, 0

    def PeerDistServerCloseStreamHandle(self, handle, stream):
        return self.close_object(handle, stream, STREAM)

    def PeerDistServerUnpublish(self, handle, id_size, id_buffer):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        identifier = self.identifier(id_size, id_buffer)
        if identifier is None:
            return ERROR_INVALID_PARAMETER
        publication = self.publications.get(identifier)
        if publication is None or publication.owner != handle:
            return ERROR_NOT_FOUND
        del self.publications[identifier]
        # The session's operations still running on its stream and content
        # information handles end now (SUNPUBLISH-10).
        self.abort_operations(
            lambda op: op.session == handle and self.is_publication_of(op.object, identifier), ERROR_OPERATION_ABORTED)
        # Its handles stay open but lose their publication: a later
        # publication under the same identifier is not theirs to complete.
        for obj in self.objects.values():
            if obj.kind != CONTENT and obj.identifier == identifier:
                obj.identifier = None
        return ERROR_SUCCESS

    def is_publication_of(self, handle, identifier):
        obj = self.objects.get(handle)
        return obj is not None and obj.kind != CONTENT and obj.identifier == identifier

    def PeerDistServerOpenContentInformation(self, handle, id_size, id_buffer, offset, length, port, key, info_out):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        if buffer_id(info_out) is None:
            return ERROR_INVALID_PARAMETER
        # The Windows 7 function hands out content information version 1.
        return self.open_content_info(handle, id_size, id_buffer, offset, length, CONTENTINFO_VERSION_1,
                                      port, key, buffer_id(info_out))

    def PeerDistServerOpenContentInformationEx(self, handle, id_size, id_buffer, offset, length, options_arg,
                                               port, key, info_out):
        session = self.sessions.get(handle)
        if session is None:
            return ERROR_INVALID_HANDLE
        options = buffer_id(options_arg)
        if buffer_id(info_out) is None or options is None:
            return ERROR_INVALID_PARAMETER
        # A Windows 8 function: the session must have negotiated that version.
        if session.version < PEERDIST_VERSION_WIN8:
            return PEERDIST_ERROR_VERSION_UNSUPPORTED
        low, high = self.io.field(options, OPTIONS_MIN_VER), self.io.field(options, OPTIONS_MAX_VER)
        if self.io.field(options, CB_SIZE) < RETRIEVAL_OPTIONS_SIZE or low > high:
            return ERROR_INVALID_PARAMETER
        # The highest version both sides know.
        version = min(high, CONTENTINFO_VERSION_2)
        if version < low or version < CONTENTINFO_VERSION_1:
            return PEERDIST_ERROR_CONTENTINFO_VERSION_UNSUPPORTED
        return self.open_content_info(handle, id_size, id_buffer, offset, length, version, port, key,
                                      buffer_id(info_out))

    def open_content_info(self, handle, id_size, id_buffer, offset, length, version, port, key, info_out):
        """Both OpenContentInformation functions, once their own checks passed."""
        identifier = self.identifier(id_size, id_buffer)
        if identifier is None:
            return ERROR_INVALID_PARAMETER
        openable = self.openable(port)
        if openable != ERROR_SUCCESS:
            return openable
        publication = self.publications.get(identifier)
        # Content information exists once PublishCompleteStream succeeded.
        if publication is None or not publication.complete:
            return ERROR_NOT_FOUND
        data = publication.data
        # Offset and length both 0: the whole content. A range starts on a block.
        whole = offset == 0 and length == 0
        if not whole and (offset >= len(data) or offset % BLOCK_SIZE != 0):
            return ERROR_INVALID_PARAMETER
        info = ContentObject(CONTENT_INFO, handle, port, key)
        info.identifier = identifier
        described = describe_content(data, offset, len(data) if whole else length, version)
        info.info_blob = encode_content_info(described)
        self.io.write(info_out, 0, self.add_object(info))
        return ERROR_SUCCESS

    def PeerDistServerRetrieveContentInformation(self, handle, info, size, buffer, overlapped):
        return self.start_data_operation(handle, info, CONTENT_INFO, "retrieve-info", overlapped, buffer, size)

    def perform_retrieve_info(self, op, info):
        """The next piece of the blob: as much as fits, where the last ended."""
        piece = info.info_blob[info.info_read:info.info_read + op.size]
        if not piece:
            return PEERDIST_ERROR_NO_MORE, 0
        # Where the piece sits in the blob (SRETRIEVEINFO-15/16).
        self.io.write_fields(op.overlapped, {OFFSET: info.info_read & 0xFFFFFFFF, OFFSET_HIGH: info.info_read >> 32})
        self.io.write_bytes(op.buffer, 0, piece)
        info.info_read += len(piece)
        return ERROR_SUCCESS, len(piece)

    def PeerDistServerCloseContentInformation(self, handle, info):
        return self.close_object(handle, info, CONTENT_INFO)

    def PeerDistServerCancelAsyncOperation(self, handle, id_size, id_buffer, overlapped_arg):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        identifier = self.identifier(id_size, id_buffer)
        overlapped = buffer_id(overlapped_arg)
        if identifier is None or overlapped is None:
            return ERROR_INVALID_PARAMETER

        def match(op):
            if op.overlapped != overlapped or op.session != handle:
                return False
            obj = self.objects.get(op.object)
            return obj is not None and obj.kind != CONTENT and obj.identifier == identifier

        # "will not return until the cancellation result is posted".
        if self.abort_operations(match, ERROR_OPERATION_ABORTED) == 0:
            return PEERDIST_ERROR_OPERATION_NOTFOUND
        return self.cancelled()

    # --- peerdist.h: the client side ------------------------------------------
    def PeerDistClientOpenContent(self, handle, tag, port, key, content_out):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        if buffer_id(tag) is None or buffer_id(content_out) is None:
            return ERROR_INVALID_PARAMETER
        openable = self.openable(port)
        if openable != ERROR_SUCCESS:
            return openable
        content = ContentObject(CONTENT, handle, port, key)
        content.tag = self.io.data(buffer_id(tag))
        self.io.write(buffer_id(content_out), 0, self.add_object(content))
        return ERROR_SUCCESS

    def PeerDistClientCloseContent(self, handle, content):
        return self.close_object(handle, content, CONTENT)

    def PeerDistClientAddContentInformation(self, handle, content, size, buffer, overlapped):
        return self.start_data_operation(handle, content, CONTENT, "add-info", overlapped, buffer, size)

    def perform_add_info(self, op, content):
        if content.info is not None or content.info_failed:
            return PEERDIST_ERROR_ALREADY_COMPLETED, 0
        if len(content.added_info) + op.size > MAX_INFO_SIZE:
            return PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 0
        content.added_info += self.io.data(op.buffer)[:op.size]
        return ERROR_SUCCESS, op.size

    def PeerDistClientCompleteContentInformation(self, handle, content, overlapped):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        return self.start_object_operation(handle, content, CONTENT, "complete-info", overlapped)

    def perform_complete_info(self, op, content):
        if content.info is not None or content.info_failed:
            return PEERDIST_ERROR_ALREADY_COMPLETED, 0
        content.info = decode_content_info(bytes(content.added_info))
        if content.info is None:
            content.info_failed = True
            return PEERDIST_ERROR_CANNOT_PARSE_CONTENTINFO, 0
        content.stream_position = content.info.offset
        self.validate_raw_data(content)
        return ERROR_SUCCESS, 0

    def PeerDistClientAddData(self, handle, content, size, buffer, overlapped):
        return self.start_data_operation(handle, content, CONTENT, "add-data", overlapped, buffer, size)

    def perform_add_data(self, op, content):
        # Beyond the end of any content. Not the end of the information's
        # range: data for the entire content is allowed when only a range's
        # information was added, and a whole content's looks like a range's.
        if op.offset >= MAX_CONTENT_LENGTH:
            return PEERDIST_ERROR_OUT_OF_BOUNDS, 0
        # Kept by its offset; it counts once the hashes vouch for it.
        if op.offset < MAX_CONTENT_LENGTH and op.size <= MAX_CONTENT_LENGTH:
            content.raw_data[op.offset] = self.io.data(op.buffer)[:op.size]
            self.validate_raw_data(content)
        return ERROR_SUCCESS, op.size

    def start_read(self, handle, content, op_kind, overlapped, buffer, size, timeout_ms):
        """BlockRead and StreamRead. Unlike the calls that pass data, a read
        may ask for 0 bytes -- how much the local cache holds from there on --
        and then needs no buffer ("If the cbMaxNumberOfBytesToRead argument
        is equal to 0, the pBuffer parameter can be NULL")."""
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        if buffer_id(buffer) is None and size != 0:
            return ERROR_INVALID_PARAMETER
        return self.start_object_operation(handle, content, CONTENT, op_kind, overlapped, buffer, size, timeout_ms)

    def PeerDistClientBlockRead(self, handle, content, size, buffer, timeout_ms, overlapped):
        return self.start_read(handle, content, "block-read", overlapped, buffer, size, timeout_ms)

    def perform_block_read(self, op, content):
        return self.perform_read(op, content, op.offset)

    def PeerDistClientStreamRead(self, handle, content, size, buffer, timeout_ms, overlapped):
        return self.start_read(handle, content, "stream-read", overlapped, buffer, size, timeout_ms)

    def perform_stream_read(self, op, content):
        """Reads on from where the previous stream read ended."""
        if content.info is None:
            return PEERDIST_ERROR_NO_MORE, 0
        error, transferred = self.perform_read(op, content, content.stream_position)
        # Advanced by the bytes read, and past a missing range by its length.
        if error in (ERROR_SUCCESS, PEERDIST_ERROR_MISSING_DATA, ERROR_TIMEOUT):
            content.stream_position += transferred
        return error, transferred

    def PeerDistClientFlushContent(self, handle, tag, port, key, overlapped_arg):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        if buffer_id(tag) is None:
            return ERROR_INVALID_PARAMETER
        overlapped = buffer_id(overlapped_arg)
        check = self.check_overlapped(overlapped)
        if check != ERROR_SUCCESS:
            return check
        if port != 0 and not self.io.is_port(port):
            return ERROR_INVALID_HANDLE
        op = Operation("flush", handle, 0, overlapped, port, key)
        op.tag = self.io.data(buffer_id(tag))
        return self.start_operation(op)

    def perform_flush(self, op):
        """Forgets the data of the session's content handles with the tag."""
        for obj in self.objects.values():
            if obj.kind == CONTENT and obj.session == op.session and obj.tag == op.tag:
                obj.valid_blocks.clear()
                obj.raw_data.clear()
        return ERROR_SUCCESS, 0

    def PeerDistClientGetInformationByHandle(self, handle, content_handle, info_class, size, buffer):
        session = self.sessions.get(handle)
        if session is None:
            return ERROR_INVALID_HANDLE
        if buffer_id(buffer) is None or info_class != PEERDIST_CLIENT_BASIC_INFO_CLASS:
            return ERROR_INVALID_PARAMETER
        # A Windows 8 function: the session must have negotiated that version.
        if session.version < PEERDIST_VERSION_WIN8:
            return PEERDIST_ERROR_VERSION_UNSUPPORTED
        content, error = self.object_for(handle, content_handle, CONTENT)
        if content is None:
            return error
        if size < CLIENT_BASIC_INFO_SIZE:
            return ERROR_INSUFFICIENT_BUFFER
        # fFlashCrowd = FALSE: the simulated network never sees a flash crowd.
        self.io.write_bytes(buffer_id(buffer), 0, bytes(CLIENT_BASIC_INFO_SIZE))
        return ERROR_SUCCESS

    def PeerDistClientCancelAsyncOperation(self, handle, content_handle, overlapped_arg):
        if handle not in self.sessions:
            return ERROR_INVALID_HANDLE
        content, error = self.object_for(handle, content_handle, CONTENT)
        if content is None:
            return error
        overlapped = buffer_id(overlapped_arg)

        # A NULL pOverlapped cancels every operation of the handle.
        def match(op):
            return op.object == content_handle and (overlapped is None or op.overlapped == overlapped)

        # "will not return until the cancellation result is posted".
        if self.abort_operations(match, ERROR_OPERATION_ABORTED) == 0 and overlapped is not None:
            return PEERDIST_ERROR_OPERATION_NOTFOUND
        return self.cancelled()

    def cancelled(self):
        """A successful cancel: "calling GetLastError immediately after a
        successful" cancel "will return the ERROR_OPERATION_ABORTED error code"."""
        self.io.set_last_error(ERROR_OPERATION_ABORTED)
        return ERROR_SUCCESS

    # --- reading: the local cache and the peers --------------------------------
    def validate_raw_data(self, content):
        """Keeps each block that data added in one piece covers and that
        matches its hash."""
        info = content.info
        if info is None:
            return
        for block in range(len(info.hashes)):
            if block in content.valid_blocks:
                continue
            start, length = info.block_start(block), info.block_length(block)
            for offset in sorted(content.raw_data):
                data = content.raw_data[offset]
                if offset > start or offset + len(data) < start + length:
                    continue
                piece = data[start - offset:start - offset + length]
                if info.block_matches(block, piece):
                    content.valid_blocks[block] = piece
                    break

    def fetch_from_peers(self, content, block):
        """Fills `block` from a complete publication whose data matches its
        hash; False when none has it."""
        info = content.info
        start, length = info.block_start(block), info.block_length(block)
        for identifier in sorted(self.publications):
            publication = self.publications[identifier]
            if not publication.complete or len(publication.data) < start + length:
                continue
            piece = bytes(publication.data[start:start + length])
            if info.block_matches(block, piece):
                content.valid_blocks[block] = piece
                return True
        return False

    def read_from_world_peers(self, op, info, block, offset):
        """A block neither the cache nor a publication holds: asks the
        World's peers and defers the read to their delivery or to its
        timeout, whichever comes first; nobody holding it is missing data."""
        end = info.offset + info.length
        found = self.io.peer_fetch(info.block_start(block), info.block_length(block), info.hashes[block])
        if found is None:
            return PEERDIST_ERROR_MISSING_DATA, end - offset
        latency, piece = found
        timeout = DEFAULT_READ_TIMEOUT_US if op.timeout_ms == READ_TIMEOUT_DEFAULT else op.timeout_ms * 1000
        arrival, deadline = self.io.now() + latency, op.started + timeout
        if arrival <= deadline:
            op.peer_block, op.resume_at = (block, piece), arrival
        else:
            op.timed_out, op.resume_at = True, deadline
        return DEFERRED, 0

    def local_run(self, content, offset):
        """Validated bytes available from `offset` on, without a gap."""
        info = content.info
        if info is None:
            return 0
        run, at = 0, offset
        while at < info.offset + info.length:
            block = (at - info.offset) // BLOCK_SIZE
            if block not in content.valid_blocks:
                break
            block_end = info.block_start(block) + info.block_length(block)
            run += block_end - at
            at = block_end
        return run

    def perform_read(self, op, content, offset):
        info = content.info
        if info is None:
            return PEERDIST_ERROR_NO_MORE, 0
        end = info.offset + info.length
        # The OVERLAPPED tells where the read started.
        self.io.write_fields(op.overlapped, {OFFSET: offset & 0xFFFFFFFF, OFFSET_HIGH: offset >> 32})
        if offset < info.offset or offset >= end:
            return PEERDIST_ERROR_NO_MORE, 0
        # cbMaxNumberOfBytes 0: how many consecutive bytes the local cache holds.
        if op.size == 0:
            return ERROR_SUCCESS, self.local_run(content, offset)
        block = (offset - info.offset) // BLOCK_SIZE
        # Resuming after the peers: their block arrived, or the timeout did.
        if op.timed_out:
            return ERROR_TIMEOUT, end - offset
        if op.peer_block is not None:
            peer_block, piece = op.peer_block
            if peer_block == block and block not in content.valid_blocks:
                content.valid_blocks[block] = piece
            op.peer_block = None
        if block not in content.valid_blocks:
            if op.timeout_ms == READ_TIMEOUT_LOCAL_CACHE_ONLY:
                # The missing range runs to the end of the described range.
                return PEERDIST_ERROR_MISSING_DATA, end - offset
            if not self.fetch_from_peers(content, block):
                return self.read_from_world_peers(op, info, block, offset)
        # Completes as soon as some data is there: up to the end of the local run.
        n = min(self.local_run(content, offset), op.size)
        data = bytearray()
        at = offset
        while at < offset + n:
            block, inside = divmod(at - info.offset, BLOCK_SIZE)
            piece = content.valid_blocks[block][inside:inside + (offset + n - at)]
            data += piece
            at += len(piece)
        if n > 0:
            self.io.write_bytes(op.buffer, 0, data)
        return ERROR_SUCCESS, n


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
