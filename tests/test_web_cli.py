"""`newsweave serve` as a user runs it: a real process listening on 127.0.0.1."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx


def test_newsweave_serve_answers_on_the_given_port_and_stops_cleanly(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "newsweave.cli", "serve", "--db", str(tmp_path / "cli.sqlite"),
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline, response = time.monotonic() + 30, None
        while response is None and time.monotonic() < deadline and process.poll() is None:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/stories", timeout=2)
            except httpx.TransportError:
                time.sleep(0.2)
        assert response is not None and response.status_code == 200, "the server did not answer within 30 s"
        assert response.json()["stories"] == []
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in stderr
    assert "Traceback" not in stderr


def test_serve_with_an_unusable_store_fails_with_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = subprocess.run([sys.executable, "-m", "newsweave.cli", "serve", "--db", str(blocker / "x.sqlite"),
                             "--port", "1"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("newsweave: cannot open the store") and "Traceback" not in result.stderr
