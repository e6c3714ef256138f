#!/bin/sh
# run-fuzzer.sh - runs a libFuzzer harness for a bounded time on a copy of its seed corpus, so
# that the committed corpus is never modified; a crash's input is kept and its path printed
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-fuzzer.sh HARNESS CORPUS_DIR SECONDS MAX_LEN  (RCV_FUZZ_SECONDS overrides SECONDS)
set -eu
harness=$1
corpus=$2
seconds=${RCV_FUZZ_SECONDS:-$3}
max_len=$4

work=$(mktemp -d "${TMPDIR:-/tmp}/rcv-fuzz-XXXXXX")
mkdir "$work/corpus" "$work/artifacts"
cp "$corpus"/* "$work/corpus/"

status=0
"$harness" -max_total_time="$seconds" -max_len="$max_len" -detect_leaks=1 -timeout=20 \
  -rss_limit_mb=1024 -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$work/corpus" || status=$?

if [ "$status" -ne 0 ]; then
  echo "the fuzzer failed ($status); the input that did it is in $work/artifacts:" >&2
  ls -l "$work/artifacts" >&2
  exit "$status"
fi
rm -rf "$work"
