#!/usr/bin/env bash
# Configures and builds one build directory with Ninja and ccache.
#   scripts/build.sh [BUILD_DIR [extra cmake -D options...]]
# Defaults: build/, RelWithDebInfo, warnings as errors. HELIOS_JOBS sets -j (default 2).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build_dir=${1:-build}
shift || true
case "$build_dir" in /*) ;; *) build_dir="$root/$build_dir" ;; esac

export CCACHE_DIR=${CCACHE_DIR:-$HOME/.cache/ccache}
# Paths below the checkout hash as relative ones, so a fresh clone elsewhere
# (as CI makes) still hits the cache.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$root}
cmake -S "$root" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="${HELIOS_BUILD_TYPE:-RelWithDebInfo}" \
  -DHELIOS_WERROR=ON "$@" >/dev/null
cmake --build "$build_dir" -j "${HELIOS_JOBS:-2}"
