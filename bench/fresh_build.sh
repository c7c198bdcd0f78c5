#!/bin/sh
# One build of CONTENT by the generator in TREE (a checkout or worktree of any
# commit), into a fresh output folder, with the store in CACHE: a "store warm,
# fresh output" build once CACHE is warm. For farm-bench, to compare commits:
#
#   git worktree add /tmp/old <commit>
#   python tests/synthetic.py /dev/shm/synth --winners 2000
#   farm-bench -n 4 --vs 'bench/fresh_build.sh /tmp/old /dev/shm/synth/content /dev/shm/c-old' \
#       -- bench/fresh_build.sh . /dev/shm/synth/content /dev/shm/c-new
#
# usage: bench/fresh_build.sh TREE CONTENT CACHE
set -eu
tree=$(cd "$1" && pwd) content=$(cd "$2" && pwd) cache=$3
python=${PYTHON:-python3}
out=$(mktemp -d "${TMPDIR:-/tmp}/fresh-build.XXXXXX")
trap 'rm -rf "$out"' EXIT
cd "$tree"
rmdir "$out"  # a build makes its own output folder
AWARDS_CACHE_DIR=$cache "$python" -m generator build --content "$content" --output "$out" >/dev/null
