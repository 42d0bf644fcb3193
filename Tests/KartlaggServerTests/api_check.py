"""kartlagg-server's JSON API fuzzed with schemathesis (PyPI) against openapi.yaml
(`make check-api`, which CI runs): no answer may be a server error (5xx), and every answer
must match its schema in openapi.yaml.

    python3 api_check.py BIN_DIR [--examples N]

It makes a workspace (`kartlagg init`) with a coordinator, Torsås's uploader and a reader
(`kartlagg-server user add`) and one API token each (`kartlagg-server token add`), starts
`kartlagg-server` on a free loopback port, opens round 2026 and imports Torsås's example
through the API (so that the fuzzed routes meet real data), then runs schemathesis once
without a token and once per role, the coordinator last (its runs open and close rounds,
delete files and publish), and stops the server.
"""
import collections
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

PASSWORD = "ett-langt-losenord"
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLE = os.path.join(ROOT, "Surveys", "examples", "torsas.csv")
SPEC = os.path.join(ROOT, "openapi.yaml")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(base, method, path, token, body=None, content_type=None, address=None):
    request = urllib.request.Request(base + path, method=method, data=body)
    request.add_header("Authorization", "Bearer " + token)
    if address:
        request.add_header("X-Forwarded-For", address)
    if content_type:
        request.add_header("Content-Type", content_type)
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


def upload(base, token, path):
    boundary = uuid.uuid4().hex
    data = open(path, "rb").read()
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{os.path.basename(path)}\"\r\n"
            "Content-Type: text/csv\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return call(base, "POST", "/api/v1/uploads", token, body, f"multipart/form-data; boundary={boundary}")


def main():
    bins = sys.argv[1]
    examples = int(sys.argv[sys.argv.index("--examples") + 1]) if "--examples" in sys.argv else 20
    work = tempfile.mkdtemp(prefix="kartlagg-api-")
    workspace = os.path.join(work, "ws")
    kartlagg = os.path.join(bins, "kartlagg")
    server = os.path.join(bins, "kartlagg-server")
    subprocess.run([kartlagg, "init", workspace], check=True, stdout=subprocess.DEVNULL)
    tokens = {}
    for name, role, extra in [("samordnare", "coordinator", []), ("torsas", "uploader", ["--municipality", "Torsås"]),
                              ("lasare", "reader", [])]:
        subprocess.run([server, "user", "add", name, "--role", role, "--workspace", workspace] + extra,
                       input=PASSWORD + "\n", text=True, check=True, stdout=subprocess.DEVNULL)
        made = subprocess.run([server, "token", "add", name, "--days", "1", "--workspace", workspace],
                              text=True, check=True, capture_output=True)
        tokens[role] = made.stdout.strip().split("\n")[-1]
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    # Each run comes from an address of its own (X-Forwarded-For, believed from loopback
    # only), so that the wrong tokens the run without one sends lock no other run.
    process = subprocess.Popen([server, "--workspace", workspace, "--port", str(port), "--trusted-proxy", "127.0.0.1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    failed = []
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/logga-in", timeout=1)
                break
            except Exception:
                time.sleep(0.1)
        call(base, "POST", "/api/v1/rounds", tokens["coordinator"], b'{"name": "2026"}', "application/json")
        checked = upload(base, tokens["uploader"], EXAMPLE)
        call(base, "POST", f"/api/v1/uploads/{checked['upload']['id']}/import", tokens["uploader"])
        print(f"kartlagg-server on {base}: round 2026 open, Torsås's example imported through the API")
        runs = [("reader", tokens["reader"]), ("uploader", tokens["uploader"]), ("coordinator", tokens["coordinator"]),
                ("no token", None)]
        for number, (role, token) in enumerate(runs):
            address = f"192.0.2.{number + 1}"
            command = [sys.executable, "-m", "schemathesis.cli", "run", SPEC, "--url", base + "/api/v1",
                       "--checks", "not_a_server_error,response_schema_conformance",
                       "--max-examples", str(examples), "--seed", "26", "--workers", "1",
                       "--phases", "examples,coverage,fuzzing", "--generation-database", "none",
                       "--suppress-health-check", "all", "--request-timeout", "120", "--no-color",
                       "--warnings", "off", "--generation-with-security-parameters", "false",
                       "--header", "X-Forwarded-For: " + address]
            if token:
                command += ["--header", "Authorization: Bearer " + token]
            events = os.path.join(work, f"run-{number}.ndjson")
            command += ["--report", "ndjson", "--report-ndjson-path", events]
            print(f"\n== schemathesis as {role} ==", flush=True)
            started = time.monotonic()
            # In the temporary folder: schemathesis leaves a .schemathesis folder where it runs.
            result = subprocess.run(command, cwd=work)
            statuses = collections.Counter(re.findall(r'"status_code":\s*(\d+)', open(events).read()))
            answered = ", ".join(f"{code} × {count}" for code, count in sorted(statuses.items()))
            print(f"== {role}: exit {result.returncode}, {time.monotonic() - started:.0f} s; answers: {answered} ==",
                  flush=True)
            if result.returncode != 0:
                failed.append(role)
            # The run must have met the API as its role, not a locked address: wrong tokens
            # are throttled like failed logins, and a locked address answers 429 to all.
            if token:
                try:
                    call(base, "GET", "/api/v1/me", token, address=address)
                except Exception as error:
                    failed.append(f"after the run as {role}, its own token from its address: {error}")
            if process.poll() is not None:
                failed.append(f"the server stopped (exit {process.returncode}) during the run as {role}")
                break
    finally:
        process.terminate()
        process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)
    print("\nschemathesis against openapi.yaml: " + ("no server error, every answer as described" if not failed
                                                      else "FAILED: " + ", ".join(failed)))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
