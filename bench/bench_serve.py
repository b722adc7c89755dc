"""Load on a real `sitrep serve` over the demo store: requests per second, median and 99th
percentile latency, and errors per main endpoint, next to two static file servers serving files
of the same sizes, measured in the same run by the same client on the same machine.

    .venv/bin/python bench/bench_serve.py [--requests 500] [--concurrency 8] [--db PATH]

The store is built with `sitrep run examples` when --db names no file yet (default: a file in
the temporary folder). Each server runs in a process of its own; the client is this process,
one thread and one kept-alive HTTP/1.1 connection per concurrent client, so client, server and
anything else running share the machine's cores: the load average is printed with the figures.

The baselines, each serving two files: the JSON of a typical event (small) and the events page
(the biggest answer), exactly as sitrep served them a moment before.

- Python's `http.server` (threaded, HTTP/1.1), set up as uvicorn is: Nagle's algorithm off (with
  it on, its separate writes of headers and body wait on the client's delayed ACK, 40 ms a small
  file) and a listen backlog of 128 (with its default of 5, clients connecting at once lose SYNs
  and wait the 1 s retransmission). The simplest Python server, doing nothing but read a file:
  what the client, the loopback and HTTP cost on this machine.
- uvicorn with Starlette's `StaticFiles`: the same server stack as `sitrep serve` doing no work but
  read a file, so that the difference to sitrep's rows is what sitrep itself costs: reading the
  store and rendering the answer.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
# A server answers this soon after it starts (sitrep serve: about 1 s; it loads no models).
READY_S = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sitrep(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("sitrep")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "sitrep", *args]


def _start(cmd: list[str], port: int, probe: str) -> subprocess.Popen:
    """Start a server process and wait until ``probe`` answers 200."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    deadline = time.monotonic() + READY_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", probe)
            if conn.getresponse().status == 200:
                conn.close()
                return proc
        except OSError:
            pass
        time.sleep(0.2)
    proc.kill()
    raise SystemExit(f"{' '.join(cmd)} did not answer within {READY_S} s")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


def load(port: int, paths: list[str], requests: int, concurrency: int) -> dict:
    """``requests`` GETs spread over ``concurrency`` threads, each with one kept-alive connection,
    cycling through ``paths``. Latency is from sending a request to having read all its body."""
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(requests))

    def client() -> None:
        nonlocal errors
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine, my_sizes, my_errors = [], [], 0
        while True:
            with lock:
                i = next(counter, None)
            if i is None:
                break
            t0 = time.perf_counter()
            try:
                conn.request("GET", paths[i % len(paths)])
                response = conn.getresponse()
                body = response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok, body = False, b""
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            mine.append(time.perf_counter() - t0)
            my_sizes.append(len(body))
            my_errors += not ok
        conn.close()
        with lock:
            latencies.extend(mine)
            sizes.extend(my_sizes)
            errors += my_errors

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    # Nearest-rank percentiles: the value below which that share of the requests finished.
    def pct(q: float) -> float:
        return latencies[min(len(latencies) - 1, max(0, round(q * len(latencies)) - 1))]

    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": pct(0.50) * 1000,
            "p99": pct(0.99) * 1000, "max": latencies[-1] * 1000, "errors": errors, "kb": statistics.mean(sizes) / 1024}


# The baseline servers, run as `python -c SCRIPT DIRECTORY PORT`.
HTTP_SERVER = """
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    def log_message(self, *args):
        pass
class Server(http.server.ThreadingHTTPServer):
    request_queue_size = 128
handler = functools.partial(Handler, directory=sys.argv[1])
Server(("127.0.0.1", int(sys.argv[2])), handler).serve_forever()
"""
UVICORN_STATIC = """
import sys, uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
app = Starlette(routes=[Mount("/", StaticFiles(directory=sys.argv[1]))])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def _body(port: int, path: str) -> bytes:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", path)
    body = conn.getresponse().read()
    conn.close()
    return body


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=500, help="requests per endpoint (default 500)")
    ap.add_argument("--concurrency", type=int, default=8, help="concurrent clients (default 8)")
    ap.add_argument("--db", default=str(Path(tempfile.gettempdir()) / "sitrep-bench-demo.db"),
                    help="the demo store, built from examples/ when the file is missing")
    args = ap.parse_args()

    db = Path(args.db)
    if not db.exists():
        print(f"building the demo store at {db} (sitrep run examples)", file=sys.stderr)
        subprocess.run(_sitrep("run", str(ROOT / "examples"), "--db", str(db), "--quiet", "--format", "json"),
                       check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
    from sitrep.store import open_store

    with open_store(str(db)) as store:
        counts = store.counts()
        events = [e["id"] for e in store.events()]
        places = sorted({str(e["location"]["geonameid"]) for e in store.events() if e.get("location")})
        docs = [d["id"] for d in store.documents()]
    if not events:
        raise SystemExit(f"{db} holds no events: is it the demo store?")

    # Each endpoint cycles through every id the store has, so the figures are the store's
    # average, not one cached item's.
    endpoints = {
        "GET /api/events (first page of 50)": ["/api/events"],
        "GET /api/events/{id}": [f"/api/events/{i}" for i in events],
        "GET /api/places/{id}/control": [f"/api/places/{p}/control" for p in places],
        "GET /api/documents/{id}": [f"/api/documents/{quote(d, safe='')}" for d in docs],
        "GET / (events page, map)": ["/"],
        "GET /events/{id}": [f"/events/{i}" for i in events],
        "GET /places/{id}": [f"/places/{p}" for p in places],
    }
    load_before = os.getloadavg()
    rows = []
    port = _free_port()
    server = _start(_sitrep("serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)), port, "/api/events")
    try:
        for name, paths in endpoints.items():
            load(port, paths[:50], min(len(paths), 50), min(args.concurrency, 4))  # warm-up: templates, caches
            rows.append((name, load(port, paths, args.requests, args.concurrency)))
        # Baseline files: exactly the bytes of a typical small answer and of the biggest page.
        static = Path(tempfile.mkdtemp(prefix="sitrep-bench-static-"))
        small = _body(port, endpoints["GET /api/events/{id}"][len(events) // 2])
        big = _body(port, "/")
    finally:
        _stop(server)
    (static / "small.json").write_bytes(small)
    (static / "big.html").write_bytes(big)
    for server_name, script in (("http.server", HTTP_SERVER), ("uvicorn + StaticFiles", UVICORN_STATIC)):
        port = _free_port()
        baseline = _start([sys.executable, "-c", script, str(static), str(port)], port, "/small.json")
        try:
            for name, path in ((f"{len(small) / 1024:.1f} kB file (an event's JSON)", "/small.json"),
                               (f"{len(big) / 1024:.1f} kB file (the events page)", "/big.html")):
                load(port, [path], 50, min(args.concurrency, 4))
                rows.append((f"baseline: {server_name}, {name}", load(port, [path], args.requests, args.concurrency)))
        finally:
            _stop(baseline)
    load_after = os.getloadavg()

    print(f"# serve benchmark — {dt.date.today()} — {platform.machine()}, {os.cpu_count()} CPUs ({_cpu_model()}), "
          f"Python {platform.python_version()}")
    print(f"# `sitrep serve` (uvicorn, one process) over the demo store: {counts['documents']} documents, "
          f"{counts['events']} events, {len(places)} places; {args.requests} requests per endpoint from "
          f"{args.concurrency} concurrent clients (threads, kept-alive HTTP/1.1) on the same machine")
    print(f"# load average (1 min) before: {load_before[0]:.2f}, after: {load_after[0]:.2f}")
    print("| endpoint | requests/s | p50 ms | p99 ms | max ms | errors | mean kB |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, r in rows:
        print(f"| {name} | {r['rps']:.1f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['max']:.0f} | "
              f"{r['errors']}/{r['requests']} | {r['kb']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
