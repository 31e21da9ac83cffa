#!/usr/bin/env python3
"""nowan DUT bridge: serve the conformance protocol (JSON Lines, one request line in, one reply line
out) on a TCP port by relaying each connection to a stdin/stdout adapter. Standard library only.

    python3 nowan_bridge.py --listen 0.0.0.0:7000 -- python3 my_adapter.py --port /dev/ttyUSB0
    nowan conformance --target tcp://test-rig.example:7000

Each connection gets a fresh adapter process, stopped when the connection ends; if the adapter dies,
the connection is closed, which the runner counts as a failed vector and reconnects. One connection
at a time, as a meter has one debug port: a new one takes over from the old.
"""
import argparse
import os
import signal
import socket
import subprocess
import sys
import threading

MAX_LINE = 8 * 1024 * 1024  # the runner refuses longer reply lines too
STOP_GRACE_S = 2  # an adapter gets this long to exit after its stdin closes


def relay_lines(reader, write):
    """Copy whole lines from a binary reader to write() until EOF or a line longer than MAX_LINE."""
    while True:
        line = reader.readline(MAX_LINE + 1)
        if not line or len(line) > MAX_LINE:
            return
        write(line if line.endswith(b"\n") else line + b"\n")


class Session:
    def __init__(self, conn, command):
        self.conn = conn
        self.lock = threading.Lock()
        self.stopped = False
        # A session of its own, so stopping it also stops whatever the adapter started.
        self.adapter = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True)
        threading.Thread(target=self.pump, args=(conn.makefile("rb"), self.to_adapter), daemon=True).start()
        threading.Thread(target=self.pump, args=(self.adapter.stdout, conn.sendall), daemon=True).start()

    def to_adapter(self, line):
        self.adapter.stdin.write(line)
        self.adapter.stdin.flush()

    def pump(self, reader, write):
        try:
            relay_lines(reader, write)
        except (OSError, ValueError):
            pass  # the other side went away
        self.stop()

    def stop(self):
        with self.lock:
            if self.stopped:
                return
            self.stopped = True
        try:
            self.adapter.stdin.close()
            self.adapter.wait(timeout=STOP_GRACE_S)
        except (OSError, subprocess.TimeoutExpired):
            pass
        try:
            os.killpg(self.adapter.pid, signal.SIGKILL)
        except OSError:
            pass  # already gone
        self.adapter.wait()
        try:
            self.conn.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.conn.close()


def main():
    parser = argparse.ArgumentParser(description="serve a stdin/stdout nowan adapter on a TCP port")
    parser.add_argument("--listen", required=True, metavar="HOST:PORT", help="address to listen on (port 0 picks a free one)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- the adapter command line")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the adapter command after --")
    host, _, port = args.listen.rpartition(":")
    if not host or not port.isdigit() or int(port) > 65535:
        parser.error(f"--listen {args.listen!r}: expected HOST:PORT with a port 0..65535")
    server = socket.create_server((host.strip("[]"), int(port)))
    print(f"listening on tcp://{host}:{server.getsockname()[1]}", file=sys.stderr, flush=True)
    # Stopped by a signal: stop the adapter too, which lives in a session of its own.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    session = None
    try:
        while True:
            conn, _ = server.accept()
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if session:
                session.stop()
            session = Session(conn, command)
    except KeyboardInterrupt:
        pass
    finally:
        if session:
            session.stop()


if __name__ == "__main__":
    main()
