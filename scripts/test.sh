#!/usr/bin/env bash
# Set up everything (scripts/setup.sh), then run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export NEWSWEAVE_TEST_POSTGRES="${NEWSWEAVE_TEST_POSTGRES:-postgresql://newsweave:newsweave@127.0.0.1:5432/newsweave_test}"
python3 -m pytest -q "$@"
