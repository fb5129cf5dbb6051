"""Load test of `newsweave serve`: many concurrent clients of mixed reads and writes, on 127.0.0.1 only.

Starts the real server (`python -m newsweave.cli serve`) in a subprocess on a temporary SQLite store,
adds the three shared seeds, then drives ``--clients`` concurrent clients for ``--seconds`` (stopping
early at ``--max-requests``): story lists, story details, searches, story pages, briefs, and article
writes of invented text. Prints requests/second, p50/p99 latency per kind and overall, the error
count; then stops the server, opens the store directly and checks that every article the server said
it stored is there. Exits 1 on any 5xx, any lost write or any transport error.

    nice python bench/load.py --clients 50 --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
# Request mix (kind → weight): mostly reads, about one request in six a write.
MIX = {"list": 30, "search": 15, "story": 15, "page": 10, "brief": 10, "write": 20}
# Invented vocabulary for synthetic articles; every article also gets a unique serial and numbers.
PLACES = ["Port Avel", "Marren", "Lowbridge", "Kestrel Bay", "Halden", "Ostmere", "Brackwater", "Fennick"]
THINGS = ["library", "harbour wall", "bus depot", "school", "bridge", "market hall", "clinic", "sports ground"]
PEOPLE = ["the mayor", "a council spokesperson", "the head of works", "local residents", "the regional governor"]


def synthetic_article(rng: random.Random, serial: int) -> dict:
    place, thing, person = rng.choice(PLACES), rng.choice(THINGS), rng.choice(PEOPLE)
    cost, years = rng.randint(2, 90), rng.randint(1, 6)
    text = (f"The town of {place} approved plans on Monday to rebuild its {thing}, report number {serial}. "
            f"The work will cost {cost} million euros and take {years} years, {person} said at a meeting "
            f"in the town hall. Critics said the money would be better spent on roads and housing, "
            f"while supporters said the {thing} had been neglected for many years and was now unsafe.")
    return {"id": f"load-{serial}", "text": text, "outlet": f"{place} Gazette", "title": f"{place} {thing} {serial}",
            "published": f"2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
                                "--port", str(port), "--log-level", "warning"])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=1).status_code == 200:
                return process
        except httpx.TransportError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit("the server did not start within 60 s")


class Run:
    def __init__(self, base: str, story: str, *, seed: int):
        self.base, self.story = base, story
        self.rng = random.Random(seed)
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.statuses: Counter[int] = Counter()
        self.transport_errors = 0
        self.stored: set[str] = set()
        self.stories: list[str] = [story]
        self.serial = 0
        self.count = 0

    async def client(self, http: httpx.AsyncClient, stop_at: float, max_requests: int) -> None:
        kinds, weights = list(MIX), list(MIX.values())
        while time.monotonic() < stop_at and self.count < max_requests:
            self.count += 1
            kind = self.rng.choices(kinds, weights)[0]
            started = time.perf_counter()
            try:
                response = await self.request(http, kind)
            except httpx.TransportError:
                self.transport_errors += 1
                continue
            self.latencies[kind].append(time.perf_counter() - started)
            self.statuses[response.status_code] += 1
            if kind == "write" and response.status_code == 200:
                for result in response.json()["results"]:
                    if result["status"] == "stored":
                        self.stored.add(result["article"])
                        self.stories.append(result["story"])

    async def request(self, http: httpx.AsyncClient, kind: str) -> httpx.Response:
        if kind == "list":
            return await http.get("/api/stories", params={"page": self.rng.randint(1, 3)})
        if kind == "search":
            return await http.get("/api/articles/search", params={"q": self.rng.choice(PLACES + ["Blinken"])})
        if kind == "story":
            return await http.get(f"/api/stories/{self.rng.choice(self.stories)}")
        if kind == "page":
            return await http.get(f"/stories/{self.story}", headers={"accept": "text/html"})
        if kind == "brief":
            return await http.get(f"/api/stories/{self.story}/brief")
        self.serial += 1
        return await http.post("/api/articles", json={"records": [synthetic_article(self.rng, self.serial)]})


async def drive(base: str, story: str, *, clients: int, seconds: float, max_requests: int) -> tuple[Run, float]:
    run = Run(base, story, seed=7)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:
        started = time.monotonic()
        await asyncio.gather(*(run.client(http, started + seconds, max_requests) for _ in range(clients)))
        elapsed = time.monotonic() - started
    return run, elapsed


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    args = parser.parse_args()
    if not SEEDS.is_dir():
        raise SystemExit(f"the shared seeds are missing: expected them at {SEEDS}")
    with tempfile.TemporaryDirectory() as tmp:
        db, port = Path(tmp) / "load.sqlite", free_port()
        base = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            files = [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.glob("*.txt"))]
            story = httpx.post(f"{base}/api/articles/files", files=files, timeout=60).json()["results"][0]["story"]
            httpx.get(f"{base}/api/stories/{story}/brief", timeout=120)  # warm: load spaCy, cache the brief
            run, elapsed = asyncio.run(drive(base, story, clients=args.clients, seconds=args.seconds,
                                             max_requests=args.max_requests))
        finally:
            server.terminate()
            server.wait(timeout=30)
        from newsweave.store import open_store

        with open_store(str(db)) as store:
            lost = sorted(a for a in run.stored if store.article(a) is None)
            problems = store.check()
    every = [x for values in run.latencies.values() for x in values]
    total = sum(run.statuses.values())
    server_errors = sum(n for code, n in run.statuses.items() if code >= 500)
    client_errors = sum(n for code, n in run.statuses.items() if 400 <= code < 500)
    print(f"{args.clients} clients, {elapsed:.1f} s, {total} requests: {total / elapsed:.1f} requests/s")
    print(f"{'kind':8} {'count':>7} {'p50 ms':>8} {'p99 ms':>8}")
    for kind in MIX:
        values = run.latencies.get(kind, [])
        print(f"{kind:8} {len(values):7d} {percentile(values, 50) * 1000:8.1f} {percentile(values, 99) * 1000:8.1f}")
    print(f"{'all':8} {len(every):7d} {percentile(every, 50) * 1000:8.1f} {percentile(every, 99) * 1000:8.1f}")
    print(f"status codes {dict(sorted(run.statuses.items()))}; 5xx {server_errors}, 4xx {client_errors}, "
          f"transport errors {run.transport_errors}")
    print(f"writes stored {len(run.stored)}, lost {len(lost)}; store check: {'sound' if not problems else problems}")
    return 1 if server_errors or lost or run.transport_errors or problems else 0


if __name__ == "__main__":
    sys.exit(main())
