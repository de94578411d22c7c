#!/usr/bin/env python3
"""Protocol-level readiness probes for the local servers (stdlib only).

A TCP connect only proves a socket is bound; clients fail in the gap between
"port open" and "server usable" (Kafka without a group coordinator, a database
before its backend is initialised). These probes speak each wire protocol just
enough to see the server answer a real request.

Usage: probe.py kafka HOST PORT | mongo HOST PORT | smtp HOST PORT | tcp HOST PORT
Exit 0 when ready, 1 otherwise (reason on stderr).
"""
import socket
import struct
import sys

TIMEOUT = 3.0


def recv_exact(sock, n):
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed by server")
        buf += chunk
    return buf


# ---------------------------------------------------------------- Kafka ----

def k_str(s):
    b = s.encode()
    return struct.pack(">h", len(b)) + b


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, fmt):
        size = struct.calcsize(fmt)
        (v,) = struct.unpack_from(fmt, self.data, self.pos)
        self.pos += size
        return v

    def string(self):
        n = self.take(">h")
        if n < 0:
            return None
        s = self.data[self.pos:self.pos + n].decode()
        self.pos += n
        return s


def kafka_call(sock, api_key, version, corr, body):
    # Request header v1 (non-flexible): the versions used below predate
    # flexible encodings, so no tagged fields are needed.
    header = struct.pack(">hhi", api_key, version, corr) + k_str("homeward-probe")
    msg = header + body
    sock.sendall(struct.pack(">i", len(msg)) + msg)
    size = struct.unpack(">i", recv_exact(sock, 4))[0]
    data = recv_exact(sock, size)
    r = Reader(data)
    if r.take(">i") != corr:
        raise RuntimeError("correlation id mismatch")
    return r


def probe_kafka(host, port):
    with socket.create_connection((host, port), timeout=TIMEOUT) as s:
        s.settimeout(TIMEOUT)
        # Metadata v4 (kept by KIP-896 in Kafka 4.x): null topic list = all.
        r = kafka_call(s, 3, 4, 1, struct.pack(">i?", -1, False))
        r.take(">i")  # throttle
        brokers = r.take(">i")
        if brokers < 1:
            raise RuntimeError("metadata lists no brokers yet")
        for _ in range(brokers):
            r.take(">i"); r.string(); r.take(">i"); r.string()
        r.string()  # cluster id
        controller = r.take(">i")
        if controller < 0:
            raise RuntimeError("no active controller yet")
        # FindCoordinator v2 for a consumer group: answers 0 only once
        # __consumer_offsets exists and its leader is loaded. The first call
        # is what creates that topic, so polling this is also the warm-up
        # that spares the first real consumer a long join.
        r = kafka_call(s, 10, 2, 2, k_str("homeward-healthcheck") + struct.pack(">b", 0))
        r.take(">i")  # throttle
        err = r.take(">h")
        msg = r.string()
        if err != 0:
            raise RuntimeError(f"group coordinator not ready (error {err}: {msg})")
    return "broker ready, controller %d, group coordinator available" % controller


# ---------------------------------------------------------------- Mongo ----

def bson_doc(fields):
    out = b""
    for key, value in fields:
        k = key.encode() + b"\x00"
        if isinstance(value, int):
            out += b"\x10" + k + struct.pack("<i", value)
        else:
            v = value.encode() + b"\x00"
            out += b"\x02" + k + struct.pack("<i", len(v)) + v
    return struct.pack("<i", len(out) + 5) + out + b"\x00"


def bson_top_level(doc):
    """Decode only the top-level scalar fields we need (ok, errmsg, ...)."""
    res, pos, end = {}, 4, len(doc) - 1
    while pos < end:
        t = doc[pos]; pos += 1
        z = doc.index(b"\x00", pos); name = doc[pos:z].decode(); pos = z + 1
        if t == 0x01:
            res[name] = struct.unpack_from("<d", doc, pos)[0]; pos += 8
        elif t == 0x02:
            n = struct.unpack_from("<i", doc, pos)[0]
            res[name] = doc[pos + 4:pos + 3 + n].decode(); pos += 4 + n
        elif t in (0x03, 0x04):
            pos += struct.unpack_from("<i", doc, pos)[0]
        elif t == 0x05:
            pos += 5 + struct.unpack_from("<i", doc, pos)[0]
        elif t == 0x07:
            pos += 12
        elif t == 0x08:
            res[name] = doc[pos] == 1; pos += 1
        elif t in (0x09, 0x11, 0x12):
            res[name] = struct.unpack_from("<q", doc, pos)[0]; pos += 8
        elif t == 0x0A:
            res[name] = None
        elif t == 0x10:
            res[name] = struct.unpack_from("<i", doc, pos)[0]; pos += 4
        elif t == 0x13:
            pos += 16
        else:
            break  # rare types: stop, the fields we want come early anyway
    return res


def mongo_command(sock, req_id, fields):
    body = struct.pack("<I", 0) + b"\x00" + bson_doc(fields)  # OP_MSG, kind 0
    sock.sendall(struct.pack("<iiii", 16 + len(body), req_id, 0, 2013) + body)
    length, _, _, opcode = struct.unpack("<iiii", recv_exact(sock, 16))
    data = recv_exact(sock, length - 16)
    if opcode != 2013 or data[4] != 0:
        raise RuntimeError(f"unexpected reply opcode {opcode}")
    return bson_top_level(data[5:])


def probe_mongo(host, port):
    with socket.create_connection((host, port), timeout=TIMEOUT) as s:
        s.settimeout(TIMEOUT)
        hello = mongo_command(s, 1, [("hello", 1), ("$db", "admin")])
        if hello.get("ok") != 1.0 or not hello.get("isWritablePrimary"):
            raise RuntimeError(f"hello not ok: {hello}")
        # listDatabases goes through the storage backend (SQLite), which
        # hello does not touch.
        ld = mongo_command(s, 2, [("listDatabases", 1), ("nameOnly", 1), ("$db", "admin")])
        if ld.get("ok") != 1.0:
            raise RuntimeError(f"listDatabases failed: {ld}")
    return "hello ok (maxWireVersion %s), listDatabases ok" % hello.get("maxWireVersion")


# ----------------------------------------------------------------- SMTP ----

def probe_smtp(host, port):
    with socket.create_connection((host, port), timeout=TIMEOUT) as s:
        s.settimeout(TIMEOUT)
        f = s.makefile("rb")
        banner = f.readline().decode(errors="replace").strip()
        if not banner.startswith("220"):
            raise RuntimeError(f"unexpected SMTP banner: {banner!r}")
        s.sendall(b"QUIT\r\n")
    return banner


def probe_tcp(host, port):
    socket.create_connection((host, port), timeout=TIMEOUT).close()
    return "port open"


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    kind, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    fn = {"kafka": probe_kafka, "mongo": probe_mongo,
          "smtp": probe_smtp, "tcp": probe_tcp}.get(kind)
    if fn is None:
        print(f"unknown probe {kind}", file=sys.stderr)
        return 2
    try:
        print(fn(host, port))
        return 0
    except Exception as e:  # any failure simply means "not ready yet"
        print(f"{kind} {host}:{port} not ready: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
