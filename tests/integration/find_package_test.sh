#!/usr/bin/env bash
# An application builds against an installed HeliosDB-Lite with
# find_package(HeliosDB) and runs the quickstart example.
#   find_package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$1
source=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" > /dev/null
mkdir -p "$work/app"
cp "$source/examples/quickstart.cpp" "$work/app/"
cat > "$work/app/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.25)
project(app CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(HeliosDB 2.0 REQUIRED)
add_executable(app quickstart.cpp)
target_link_libraries(app PRIVATE HeliosDB::heliosdb)
CMAKE
cmake -S "$work/app" -B "$work/app/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log" 2>&1 \
  || { cat "$work/configure.log"; exit 1; }
cmake --build "$work/app/build" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
"$work/app/build/app" | tee "$work/out.txt"
grep -q '^remaining: 3$' "$work/out.txt"
# Only the public header was installed, not the engine's.
test -f "$work/prefix/include/heliosdb/database.hpp"
test ! -e "$work/prefix/include/engine"
echo "find_package: passed"
