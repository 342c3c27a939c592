#!/usr/bin/env bash
# Installs what is missing, builds, and starts the main job.
#   scripts/start.sh [arguments for heliosdb-lite]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh
bash scripts/build.sh build

# The main job: the wire server on the default data directory, so that
# `psql postgresql://localhost:5432/mydb` connects. Arguments replace the
# default ones (e.g. `scripts/start.sh repl --memory`).
# Settings come from conf/heliosdb.conf (HELIOSDB_CONFIG names another file).
if [ $# -eq 0 ]; then
  set -- server --config "${HELIOSDB_CONFIG:-$root/conf/heliosdb.conf}" --data "${HELIOSDB_DATA:-$root/data}" \
    --port "${HELIOSDB_PORT:-5432}"
fi
exec build/server/heliosdb-lite "$@"
