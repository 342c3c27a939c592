#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test: the normal build
# (warnings are errors), then the unit tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer. Exits non-zero if anything fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh
start=$(date +%s)

echo "== build (build/)"
bash scripts/build.sh build
echo "== tests (build/)"
(cd build && ctest --output-on-failure -j "${HELIOS_JOBS:-2}")

echo "== build with ASan + UBSan (build-asan/)"
HELIOS_BUILD_TYPE=Debug bash scripts/build.sh build-asan -DHELIOS_SANITIZE=ON -DHELIOS_BUILD_BENCH=OFF
echo "== tests under ASan + UBSan (build-asan/)"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# An unoptimized, instrumented build's frames are several times larger: deep
# but legal recursion (a 5,000-deep JSON document) needs more than 8 MB of
# stack there. Threads take the same default size.
(cd build-asan && ulimit -s 65536 && ctest --output-on-failure -j "${HELIOS_JOBS:-2}")

echo "== all tests passed in $(( $(date +%s) - start )) s"
