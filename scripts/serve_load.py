#!/usr/bin/env python3
"""A bounded load test of `fzlint serve` on loopback: many drafters checking at once.

Starts the release binary on a free port, sends REQUESTS checks of the sample report
from CLIENTS threads at once, checks every answer (status 200 and the same findings as
the first answer), and prints requests per second, latency percentiles and the
server's CPU time per request (user + system, from /proc on Linux: the figure that
other work on a shared machine disturbs least).
Usage: scripts/serve_load.py [CLIENTS] [REQUESTS]   (defaults 32 and 640)
FZLINT_BIN=path/to/fzlint runs another build (to compare one commit with another).
"""
import http.client, json, os, subprocess, sys, threading, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
clients = int(sys.argv[1]) if len(sys.argv) > 1 else 32
total = int(sys.argv[2]) if len(sys.argv) > 2 else 640
binary = os.environ.get("FZLINT_BIN") or os.path.join(root, "target", "release", "fzlint")
if not os.path.exists(binary) and "FZLINT_BIN" not in os.environ:
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=root, check=True)
report = open(os.path.join(root, "examples", "sample-report.txt"), "rb").read()
server = subprocess.Popen([binary, "serve", "--addr", "127.0.0.1:0", "--no-open", "--isolated"],
                          cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
try:
    url = server.stdout.readline().strip()
    host, port = url.split("//")[1].split("/")[0].split(":")

    def check():
        c = http.client.HTTPConnection(host, int(port), timeout=60)
        t = time.perf_counter()
        c.request("POST", "/api/check?name=report.txt", body=report,
                  headers={"Content-Type": "application/octet-stream"})
        r = c.getresponse()
        body = r.read()
        c.close()
        return r.status, body, time.perf_counter() - t

    status, first, _ = check()
    assert status == 200, status
    expected = [(d["rule"], d["line"], d["column"]) for d in json.loads(first)["diagnostics"]]
    lock = threading.Lock()
    latencies, wrong = [], []
    todo = iter(range(total))

    def worker():
        while True:
            with lock:
                if next(todo, None) is None:
                    return
            s, b, dt = check()
            got = [(d["rule"], d["line"], d["column"]) for d in json.loads(b)["diagnostics"]] if s == 200 else None
            with lock:
                latencies.append(dt)
                if s != 200 or got != expected:
                    wrong.append(s)

    def cpu_seconds():
        try:
            fields = open(f"/proc/{server.pid}/stat").read().rsplit(")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            return None

    cpu_before = cpu_seconds()
    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    cpu_after = cpu_seconds()
    cpu = (f", server CPU {(cpu_after - cpu_before) / total * 1000:.2f} ms per request"
           if cpu_before is not None and cpu_after is not None else "")
    latencies.sort()
    pct = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
    print(f"{total} checks of the sample report from {clients} clients at once: "
          f"{total / elapsed:.0f} requests/s, latency p50 {pct(0.5):.0f} ms, "
          f"p95 {pct(0.95):.0f} ms, max {latencies[-1] * 1000:.0f} ms{cpu}; "
          f"wrong or failed answers: {len(wrong)}")
    sys.exit(1 if wrong else 0)
finally:
    server.terminate()
    server.wait()
