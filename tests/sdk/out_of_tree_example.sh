#!/usr/bin/env bash
# Usage: out_of_tree_example.sh BUILD_DIR SOURCE_DIR GENERATOR
set -euo pipefail
build_dir=$1 source_dir=$2 generator=$3
work=$(mktemp -d /tmp/modelcompare-sdk-example-XXXXXX)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --component sdk --prefix "$work/prefix" > "$work/install.log"
test -f "$work/prefix/include/modelcompare/sdk.hpp"
cmake -S "$source_dir/sdk/examples/word-count" -B "$work/build" -G "$generator" \
  -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log"
listing=$("$build_dir/bin/modelcompare" plugins --plugin-dir "$work/build")
echo "$listing"
# The example must be listed as a loaded evaluator from the out-of-tree build folder.
echo "$listing" | grep -E "^evaluator +word-count +[0-9.]+ +v1 +$work/build/modelcompare-word-count.so$"
