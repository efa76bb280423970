#!/usr/bin/env bash
# Start k360desk on the built-in demo project.
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/k360desk --demo "$@"
