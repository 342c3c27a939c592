#!/usr/bin/env bash
# Installs what is missing, builds, and starts the main job.
#   scripts/start.sh [arguments for heliosdb-lite]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh
bash scripts/build.sh build

# The main job. With no arguments it reports its version; the server
# subcommand takes over here once it exists.
if [ $# -eq 0 ]; then set -- --version; fi
exec build/server/heliosdb-lite "$@"
