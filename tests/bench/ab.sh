#!/bin/sh
# In-process render times of two checkouts, alternating: `tests/bench/ab.sh OLD_DIR NEW_DIR`
# runs tests.bench.inprocess in each, three times in turn, with this checkout's virtualenv.
set -e
py="$(pwd)/.venv/bin/python"
for round in 1 2 3; do
  for dir in "$1" "$2"; do
    echo "## $dir (round $round)"
    (cd "$dir" && "$py" -m tests.bench.inprocess)
  done
done
