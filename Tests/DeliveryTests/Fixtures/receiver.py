#!/usr/bin/env python3
"""Scriptable HTTP/1.1 webhook receiver for the Delivery tests.

Usage: receiver.py [PORT] [--quiet-record] [--exit-on-stdin-eof]

Binds 127.0.0.1 (PORT 0 or absent: any free port) and prints "PORT <n>" as
its first stdout line. With --exit-on-stdin-eof it exits when its stdin
reaches end of file, so it never outlives the test process that started it.

Control endpoints (never scripted, never recorded):
  POST /_control  {"script": ["status:500", "stall:5", "close", "ok"], "default": "ok"}
  GET  /_received JSON array of recorded requests, in arrival order
  GET  /_stats    {"count": n, "records": n, "statuses": {"200": n, ...}}
                  (records: the records of every datastore_upsert request)
  POST /_reset    forget recorded requests and the script

Behaviours, consumed one per incoming request, then "default" applies:
  ok                          200 with a small JSON body
  status:CODE[:retry-after=S] that status, with Retry-After when given
  stall:N                     wait N seconds, then 200
  close                       read the request, close the socket, no response
  ckan-error:CODE             that status with CKAN's error body (help URL first,
                              then an error object with a long message)

A request to a path ending in /api/3/action/datastore_upsert is answered like
CKAN: {"help": …, "success": true, "result": {…}}.

--quiet-record keeps only counts (for benchmarks): /_received stays empty.
"""

import json
import os
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class State:
    def __init__(self, quiet):
        self.lock = threading.Lock()
        self.quiet = quiet
        self.script = []
        self.default = "ok"
        self.records = []
        self.count = 0
        self.upserted = 0
        self.statuses = {}

    def reset(self):
        with self.lock:
            self.script = []
            self.default = "ok"
            self.records = []
            self.count = 0
            self.upserted = 0
            self.statuses = {}

    def take(self, record, upserted=0):
        """Consumes the next behaviour and records the request in one step."""
        with self.lock:
            behaviour = self.script.pop(0) if self.script else self.default
            status = status_of(behaviour)
            self.count += 1
            if status is not None and 200 <= status < 300:
                self.upserted += upserted
            key = str(status) if status is not None else "none"
            self.statuses[key] = self.statuses.get(key, 0) + 1
            if not self.quiet:
                record["seq"] = self.count
                record["behaviour"] = behaviour
                record["status"] = status
                self.records.append(record)
            return self.count, behaviour


def status_of(behaviour):
    kind, _, rest = behaviour.partition(":")
    if kind == "ok" or kind == "stall":
        return 200
    if kind == "status":
        return int(rest.split(":")[0])
    if kind == "ckan-error":
        return int(rest)
    return None


def valid_behaviour(behaviour):
    if not isinstance(behaviour, str):
        return False
    kind, _, rest = behaviour.partition(":")
    try:
        if kind in ("ok", "close"):
            return rest == ""
        if kind == "stall":
            return float(rest) >= 0
        if kind == "ckan-error":
            return 400 <= int(rest) <= 599
        if kind == "status":
            parts = rest.split(":")
            code = int(parts[0])
            if not 100 <= code <= 599 or len(parts) > 2:
                return False
            if len(parts) == 2:
                name, _, value = parts[1].partition("=")
                return name == "retry-after" and value != ""
            return True
    except ValueError:
        return False
    return False


CKAN_UPSERT = "/api/3/action/datastore_upsert"
CKAN_HELP = "http://ckan.example/api/3/action/help_show?name=datastore_upsert"
CKAN_REASONS = {
    401: ("Authorization Error", "Access denied: the API token is not valid or has expired"),
    403: ("Authorization Error", "Access denied: User insyn-push not authorized to update resource "
          "5f0e-meetings: the organization Exempelregionen has revoked the editor role of this user, so "
          "datastore_upsert on any of its resources is refused until an administrator grants the role again"),
    404: ("Not Found Error", "Resource \"5f0e-meetings\" was not found."),
    409: ("Validation Error", "records: the column \"starts_at\" does not exist"),
}


def ckan_error(code):
    kind, message = CKAN_REASONS.get(code, ("Internal Server Error", "Internal server error"))
    return {"help": CKAN_HELP, "error": {"message": message, "__type": kind}, "success": False}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "InsynTestReceiver/1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.dispatch()

    def do_POST(self):
        self.dispatch()

    def do_PUT(self):
        self.dispatch()

    def do_PATCH(self):
        self.dispatch()

    def do_DELETE(self):
        self.dispatch()

    def do_HEAD(self):
        self.dispatch()

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def respond(self, status, body=b"", content_type="application/json", extra=()):
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        lines = [f"HTTP/1.1 {status} {reason}"]
        if status != 204 and status != 304:
            lines.append(f"Content-Length: {len(body)}")
            lines.append(f"Content-Type: {content_type}")
        lines.extend(f"{name}: {value}" for name, value in extra)
        if self.close_connection:
            lines.append("Connection: close")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.wfile.write(head if self.command == "HEAD" else head + body)

    def dispatch(self):
        body = self.read_body()
        state = self.server.state
        if self.path.startswith("/_"):
            self.control(state, body)
            return
        record = None
        if not state.quiet:
            record = {
                "method": self.command,
                "path": self.path,
                "headers": {name.lower(): value for name, value in self.headers.items()},
                "body": body.decode("utf-8", errors="replace"),
                "peerPort": self.client_address[1],
            }
        upsert = self.path.endswith(CKAN_UPSERT)
        upserted = 0
        if upsert:
            try:
                upserted = len(json.loads(body)["records"])
            except (ValueError, KeyError, TypeError):
                upserted = 0
        seq, behaviour = state.take(record, upserted)
        kind, _, rest = behaviour.partition(":")
        extra = [("X-Receiver-Seq", str(seq))]
        if kind == "ckan-error":
            self.respond(int(rest), json.dumps(ckan_error(int(rest))).encode(), extra=extra)
            return
        if upsert and kind == "ok":
            answer = {"help": CKAN_HELP, "success": True, "result": {"method": "upsert", "records_upserted": upserted}}
            self.respond(200, json.dumps(answer).encode(), extra=extra)
            return
        if kind == "close":
            self.close_connection = True
            return
        if kind == "stall":
            time.sleep(float(rest))
            self.respond(200, b'{"ok":true}', extra=extra)
            return
        if kind == "status":
            parts = rest.split(":")
            if len(parts) > 1:
                extra.append(("Retry-After", parts[1].partition("=")[2]))
            payload = json.dumps({"status": int(parts[0])}).encode()
            self.respond(int(parts[0]), payload, extra=extra)
            return
        self.respond(200, b'{"ok":true}', extra=extra)

    def control(self, state, body):
        if self.command == "POST" and self.path == "/_control":
            try:
                message = json.loads(body or b"{}")
                script = message.get("script", [])
                default = message.get("default", "ok")
                if not isinstance(script, list) or not all(map(valid_behaviour, script + [default])):
                    raise ValueError("invalid behaviour")
            except (ValueError, AttributeError) as error:
                self.respond(400, json.dumps({"error": str(error)}).encode())
                return
            with state.lock:
                state.script = list(script)
                state.default = default
            self.respond(204)
        elif self.command == "POST" and self.path == "/_reset":
            state.reset()
            self.respond(204)
        elif self.command == "GET" and self.path == "/_received":
            with state.lock:
                payload = json.dumps(state.records).encode()
            self.respond(200, payload)
        elif self.command == "GET" and self.path == "/_stats":
            with state.lock:
                payload = json.dumps({"count": state.count, "records": state.upserted, "statuses": state.statuses}).encode()
            self.respond(200, payload)
        else:
            self.respond(404, b'{"error":"unknown control endpoint"}')


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def handle_error(self, request, client_address):
        error = sys.exc_info()[1]
        if isinstance(error, (BrokenPipeError, ConnectionResetError, socket.timeout)):
            return
        super().handle_error(request, client_address)


def exit_when_stdin_closes():
    while sys.stdin.buffer.read(4096):
        pass
    os._exit(0)


def main(argv):
    args = [arg for arg in argv if not arg.startswith("--")]
    quiet = "--quiet-record" in argv
    port = int(args[0]) if args else 0
    server = Server(("127.0.0.1", port), Handler)
    server.state = State(quiet)
    print(f"PORT {server.server_address[1]}", flush=True)
    if "--exit-on-stdin-eof" in argv:
        threading.Thread(target=exit_when_stdin_closes, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
