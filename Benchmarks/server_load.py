"""Load benchmark of kartlagg-server (`make bench-server`; results in Benchmarks/RESULTS-server.md).

    python3 Benchmarks/server_load.py BIN_DIR [--readers 50] [--seconds-after 5] [--wrk SECONDS] [--plain]
    python3 Benchmarks/server_load.py BIN_DIR --large-uploads 6 [--size-mb 5]

Makes a workspace (`kartlagg init`), a coordinator, a reader and thirteen uploaders (one per
example export, each an organisation whose file's column decides), starts `kartlagg-server` on a
free loopback port, imports and publishes the thirteen examples so that there are published
pages to read, and then, at once: thirteen uploaders each upload and check an export of 1 000
respondents (the benchmark generator's, `kartlagg-bench generate`, cut in thirteen) and import it, while fifty readers read
published pages (the county's and the municipalities') in a loop until the uploads are done and
a few seconds more. Every request goes to 127.0.0.1 only, bounded in count and time.

The readers ask as a browser does, accepting gzip (the server sends published pages compressed);
with --plain they do not. With --wrk SECONDS the fifty readers are wrk's connections (C) for that
long from the uploads' start, instead of Python threads; a read wrk gave up on (2 s) is an error.

Prints, and writes as Markdown with --out FILE: errors (any status but the expected, or a
failed request), the p50/p99/max of a published page, and per upload the time from sending the
file to its check's page, and of the import.

With --large-uploads N (issue 26's outside test): N uploaders each send one export of about
--size-mb MB (the generator's rows, about 345 bytes each) at once, and a signed-out browser asks
for `GET /logga-in` in a loop meanwhile. Prints the p50/p99/max of that page, each upload's time
to its check's page, and the server's peak resident memory (VmHWM). Nothing is imported.
"""
import csv
import http.client
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLES = os.path.join(ROOT, "Surveys", "examples")
PASSWORD = "ett-langt-losenord"
ROWS = 1000


class Client:
    """One browser: a keep-alive connection, its session cookie and CSRF token."""

    def __init__(self, port):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookie = None
        self.csrf = None

    def request(self, method, path, body=None, headers=None):
        h = {"Origin": f"http://127.0.0.1:{self.port}", "Host": f"127.0.0.1:{self.port}"}
        if self.cookie:
            h["Cookie"] = self.cookie
        h.update(headers or {})
        try:
            self.connection.request(method, path, body=body, headers=h)
            response = self.connection.getresponse()
            return response.status, response.getheader("Set-Cookie"), response.read()
        except (http.client.HTTPException, OSError):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            raise

    def login(self, name):
        status, cookie, _ = self.request(
            "POST", "/logga-in", f"namn={name}&losenord={PASSWORD}".encode(),
            {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 303 and cookie, f"{name} could not sign in: {status}"
        self.cookie = cookie.split(";")[0]
        _, _, page = self.request("GET", "/rapporter")
        self.csrf = re.search(rb'name="csrf" value="([^"]*)"', page).group(1).decode()

    def post(self, path, fields):
        fields = dict(fields, csrf=self.csrf)
        return self.request("POST", path, urllib.parse.urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})

    def upload(self, name, data):
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{self.csrf}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                "Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
        return self.request("POST", "/ladda-upp", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})



def start_server(server, workspace):
    """kartlagg-server on a free loopback port, once it accepts connections."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen([server, "--workspace", workspace, "--port", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, port


def open_round(port):
    """The coordinator, signed in, with round 2026 open."""
    coordinator = Client(port)
    coordinator.login("samordnare")
    coordinator.post("/tavla/oppna", {"omgang": "2026"})
    return coordinator

def thousand_row_files(bins, survey, count, work):
    """`count` exports of 1 000 respondents each: one deterministic export of the county survey
    from the benchmark's generator (`kartlagg-bench generate`), cut into parts."""
    whole = os.path.join(work, "generated.csv")
    subprocess.run([os.path.join(bins, "kartlagg-bench"), "generate", survey, str(ROWS * count), whole],
                   check=True, stdout=subprocess.DEVNULL)
    rows = list(csv.reader(open(whole, encoding="utf-8-sig", newline="")))
    header, body = rows[0], rows[1:]
    parts = []
    for i in range(count):
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(body[i * ROWS:(i + 1) * ROWS])
        parts.append(out.getvalue().encode())
    return parts


def generated_rows(bins, survey, rows, work):
    """One export of `rows` respondents from the benchmark's generator."""
    whole = os.path.join(work, f"generated-{rows}.csv")
    subprocess.run([os.path.join(bins, "kartlagg-bench"), "generate", survey, str(rows), whole],
                   check=True, stdout=subprocess.DEVNULL)
    return open(whole, "rb").read()


def peak_memory_kb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def large_uploads(bins, count, size_mb):
    """N large uploads at once while a signed-out page is timed (see the module's text)."""
    load = os.getloadavg()[0]
    work = tempfile.mkdtemp(prefix="kartlagg-load-")
    workspace = os.path.join(work, "ws")
    kartlagg, server = os.path.join(bins, "kartlagg"), os.path.join(bins, "kartlagg-server")
    subprocess.run([kartlagg, "init", workspace], check=True, stdout=subprocess.DEVNULL)
    users = [f"org{i:02d}" for i in range(count)]
    for user, role, extra in ([("samordnare", "coordinator", [])]
                              + [(u, "uploader", ["--organisation", u]) for u in users]):
        subprocess.run([server, "user", "add", user, "--role", role, "--workspace", workspace] + extra,
                       input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    rows = max(1, int(size_mb * 1e6 / 345))
    data = generated_rows(bins, os.path.join(workspace, "Surveys", "kalmar-primarvard.yaml"), rows, work)
    process, port = start_server(server, workspace)
    errors, probe_times, upload_times = [], [], []
    lock = threading.Lock()
    try:
        coordinator = open_round(port)
        clients = []
        for u in users:
            c = Client(port)
            c.connection.timeout = 600
            c.login(u)
            clients.append(c)
        idle = []
        probe = Client(port)
        for _ in range(20):
            start = time.perf_counter()
            probe.request("GET", "/logga-in")
            idle.append(time.perf_counter() - start)
        done = threading.Event()

        def probe_loop():
            c = Client(port)
            while not done.is_set():
                start = time.perf_counter()
                try:
                    status, _, _ = c.request("GET", "/logga-in")
                    with lock:
                        probe_times.append(time.perf_counter() - start)
                        if status != 200:
                            errors.append(f"GET /logga-in: {status}")
                except Exception as e:
                    with lock:
                        errors.append(f"GET /logga-in: {e}")
                time.sleep(0.05)

        def upload_one(c):
            start = time.perf_counter()
            try:
                status, _, page = c.upload("stor.csv", data)
                elapsed = time.perf_counter() - start
                if status != 200 or f"{rows} rader lästa".encode() not in page:
                    raise RuntimeError(f"check {status}")
                with lock:
                    upload_times.append(elapsed)
            except Exception as e:
                with lock:
                    errors.append(f"upload: {e}")

        prober = threading.Thread(target=probe_loop)
        prober.start()
        started = time.perf_counter()
        uploaders = [threading.Thread(target=upload_one, args=(c,)) for c in clients]
        for t in uploaders:
            t.start()
        for t in uploaders:
            t.join()
        all_uploads = time.perf_counter() - started
        done.set()
        prober.join()
        peak = peak_memory_kb(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    ms = lambda s: f"{s * 1000:.1f} ms"
    lines = [
        f"- {count} uploads of {len(data) / 1e6:.1f} MB ({rows} respondents) at once, checked (not imported): "
        f"all done in {all_uploads:.1f} s; load average at the start {load:.1f}, at the end {os.getloadavg()[0]:.1f}",
        f"- errors: {len(errors)}" + ("" if not errors else " (" + "; ".join(errors[:5]) + ")"),
        f"- GET /logga-in signed out, idle (20): median {ms(statistics.median(idle))}",
        f"- GET /logga-in signed out, during the uploads ({len(probe_times)}): p50 {ms(percentile(probe_times, 50))}, "
        f"p99 {ms(percentile(probe_times, 99))}, max {ms(max(probe_times) if probe_times else float('nan'))}",
        f"- upload to its check's page ({len(upload_times)}): median "
        f"{ms(statistics.median(upload_times)) if upload_times else '–'}, max {ms(max(upload_times)) if upload_times else '–'}",
        f"- the server's peak resident memory: {peak // 1024 if peak else '–'} MB",
    ]
    return lines, errors


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def main():
    bins = sys.argv[1]
    readers = int(sys.argv[sys.argv.index("--readers") + 1]) if "--readers" in sys.argv else 50
    after = float(sys.argv[sys.argv.index("--seconds-after") + 1]) if "--seconds-after" in sys.argv else 5
    out_path = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
    # --wrk SECONDS: the readers are wrk's connections (Debian's wrk, C, one thread) for that
    # long from the uploads' start, instead of Python threads, which under one interpreter
    # lock take most of a core from the server they measure.
    wrk_seconds = int(sys.argv[sys.argv.index("--wrk") + 1]) if "--wrk" in sys.argv else None
    # --plain: the readers do not accept gzip (no browser does that; for comparison).
    plain = "--plain" in sys.argv
    accept = [] if plain else ["-H", "Accept-Encoding: gzip"]
    if "--large-uploads" in sys.argv:
        count = int(sys.argv[sys.argv.index("--large-uploads") + 1])
        size_mb = float(sys.argv[sys.argv.index("--size-mb") + 1]) if "--size-mb" in sys.argv else 5
        lines, errors = large_uploads(bins, count, size_mb)
        print("\n".join(lines))
        if out_path:
            with open(out_path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines) + "\n")
        sys.exit(1 if errors else 0)
    names = sorted(f for f in os.listdir(EXAMPLES) if f.endswith(".csv"))
    work = tempfile.mkdtemp(prefix="kartlagg-load-")
    workspace = os.path.join(work, "ws")
    kartlagg, server = os.path.join(bins, "kartlagg"), os.path.join(bins, "kartlagg-server")
    subprocess.run([kartlagg, "init", workspace], check=True, stdout=subprocess.DEVNULL)
    for user, role, extra in ([("samordnare", "coordinator", []), ("lasare", "reader", [])]
                              + [(n[:-4], "uploader", ["--organisation", n[:-4]]) for n in names]):
        subprocess.run([server, "user", "add", user, "--role", role, "--workspace", workspace] + extra,
                       input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
    process, port = start_server(server, workspace)
    errors = []
    try:
        coordinator = open_round(port)
        # The examples imported and published first: pages to read.
        for name in names:
            c = Client(port)
            c.login(name[:-4])
            _, _, page = c.upload(name, open(os.path.join(EXAMPLES, name), "rb").read())
            upload = re.search(rb"/uppladdning/([^/]*)/importera", page).group(1).decode()
            c.post(f"/uppladdning/{upload}/importera", {})
        status, _, _ = coordinator.post("/tavla/publicera", {"omgang": "2026"})
        assert status == 200, f"publish: {status}"
        reader = Client(port)
        reader.login("lasare")
        _, _, listing = reader.request("GET", "/rapporter")
        pages = sorted(set(re.findall(rb'href="(/rapporter/2026/[^"]*)"', listing)))
        pages = [p.decode() for p in pages]
        generated = thousand_row_files(bins, os.path.join(workspace, "Surveys", "kalmar-primarvard.yaml"), len(names), work)
        files = dict(zip(names, generated))

        uploads_done = threading.Event()
        page_times, upload_times, import_times = [], [], []
        lock = threading.Lock()

        def read_loop(i):
            c = Client(port)
            c.cookie = reader.cookie
            n = 0
            stop_at = None
            deadline = time.monotonic() + 600
            while time.monotonic() < deadline:
                if uploads_done.is_set():
                    stop_at = stop_at or time.monotonic() + after
                    if time.monotonic() > stop_at:
                        break
                path = pages[(i + n) % len(pages)]
                n += 1
                start = time.perf_counter()
                try:
                    # As a browser asks: it accepts gzip (the server sends the pages compressed).
                    status, _, body = c.request("GET", path, headers={} if plain else {"Accept-Encoding": "gzip"})
                    elapsed = time.perf_counter() - start
                    with lock:
                        page_times.append(elapsed)
                        if status != 200 or len(body) < 1000:
                            errors.append(f"GET {path}: {status}")
                except Exception as e:
                    with lock:
                        errors.append(f"GET {path}: {e}")

        def upload_one(name):
            try:
                c = Client(port)
                c.login(name[:-4])
                start = time.perf_counter()
                status, _, page = c.upload(name, files[name])
                checked = time.perf_counter() - start
                if status != 200 or f"{ROWS} rader lästa".encode() not in page:
                    raise RuntimeError(f"check {status}")
                upload = re.search(rb"/uppladdning/([^/]*)/importera", page).group(1).decode()
                start = time.perf_counter()
                status, _, page = c.post(f"/uppladdning/{upload}/importera", {})
                imported = time.perf_counter() - start
                if status != 200 or "ersatte den tidigare filen".encode() not in page:
                    raise RuntimeError(f"import {status}")
                with lock:
                    upload_times.append((name, checked))
                    import_times.append((name, imported))
            except Exception as e:
                with lock:
                    errors.append(f"upload {name}: {e}")

        threads = [] if wrk_seconds else [threading.Thread(target=read_loop, args=(i,)) for i in range(readers)]
        for t in threads:
            t.start()
        wrk = None
        if wrk_seconds:
            script = os.path.join(work, "pages.lua")
            with open(script, "w", encoding="utf-8") as f:
                f.write("local pages = {" + ", ".join(f'"{p}"' for p in pages) + "}\n"
                        "local n = 0\n"
                        "request = function()\n  n = n + 1\n"
                        "  return wrk.format(\"GET\", pages[(n % #pages) + 1])\nend\n")
            wrk = subprocess.Popen(["wrk", "-t1", f"-c{readers}", f"-d{wrk_seconds}s", "--latency", "-s", script,
                                    "-H", f"Cookie: {reader.cookie}"] + accept + [f"http://127.0.0.1:{port}"],
                                   stdout=subprocess.PIPE, text=True)
        started = time.perf_counter()
        uploaders = [threading.Thread(target=upload_one, args=(n,)) for n in names]
        for t in uploaders:
            t.start()
        for t in uploaders:
            t.join()
        all_uploads = time.perf_counter() - started
        uploads_done.set()
        for t in threads:
            t.join()
        wrk_out = wrk.communicate()[0] if wrk else ""
    finally:
        process.terminate()
        process.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)

    ms = lambda s: f"{s * 1000:.1f} ms"
    checks = [t for _, t in upload_times]
    imports = [t for _, t in import_times]
    lines = [
        f"- thirteen uploads of {ROWS} respondents, checked and imported concurrently, with {readers} readers "
        f"of the {len(pages)} published pages throughout: all thirteen done in {all_uploads:.2f} s",
        f"- errors: {len(errors)}" + ("" if not errors else " (" + "; ".join(errors[:5]) + ")"),
        f"- a published page ({len(page_times)} reads): p50 {ms(percentile(page_times, 50))}, "
        f"p99 {ms(percentile(page_times, 99))}, max {ms(max(page_times) if page_times else float('nan'))}",
        f"- upload to its check's page ({len(checks)}): median {ms(statistics.median(checks)) if checks else '–'}, "
        f"max {ms(max(checks)) if checks else '–'}",
        f"- import ({len(imports)}, one at a time by design): median {ms(statistics.median(imports)) if imports else '–'}, "
        f"max {ms(max(imports)) if imports else '–'}",
    ]
    if wrk_seconds:
        # wrk's own summary: its latency percentiles, requests a second, and anything not 2xx.
        def found(pattern):
            m = re.search(pattern, wrk_out, re.M)
            return m.group(1) if m else "–"
        bad = int(found(r"Non-2xx or 3xx responses: (\d+)") if "Non-2xx" in wrk_out else 0)
        socket_errors = found(r"Socket errors: (.*)$") if "Socket errors" in wrk_out else "none"
        if bad:
            errors.append(f"wrk: {bad} answers not 2xx or 3xx")
        # A read that wrk gave up on (no answer in 2 s) or that failed is an error too.
        m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", wrk_out)
        if m and any(int(n) for n in m.groups()):
            errors.append(f"wrk: socket errors: {socket_errors}")
        lines[1] = f"- errors: {len(errors)}" + ("" if not errors else " (" + "; ".join(errors[:5]) + ")")
        requests, rate = found(r"^\s*(\d+) requests in"), found(r"Requests/sec:\s*(\S+)")
        p50, p90, p99 = found(r"^\s*50%\s+(\S+)"), found(r"^\s*90%\s+(\S+)"), found(r"^\s*99%\s+(\S+)")
        most = found(r"^\s*Latency\s+\S+\s+\S+\s+(\S+)")
        lines[2] = (f"- a published page (wrk, {readers} connections, {'plain' if plain else 'gzip'}, "
                    f"{wrk_seconds} s from the uploads' start, "
                    f"{requests} reads, {rate} a second): p50 {p50}, p90 {p90}, p99 {p99}, max {most}; "
                    f"socket errors: {socket_errors}")
    print("\n".join(lines))
    if out_path:
        with open(out_path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
