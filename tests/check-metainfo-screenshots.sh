#!/bin/sh
# check-metainfo-screenshots.sh - each screenshot the metainfo names is one of the real app's,
# kept in data/screenshots/ (the test suite takes them: see README, Screenshots)
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-metainfo-screenshots.sh METAINFO SCREENSHOT_DIR
set -u
metainfo=$1
dir=$2
status=0
n=0
for url in $(sed -n 's|.*<image>\(.*\)</image>.*|\1|p' "$metainfo"); do
  n=$((n + 1))
  name=${url##*/}
  case $url in
    https://*/data/screenshots/*) ;;
    *) echo "$url is not under data/screenshots/ of the repository" >&2; status=1 ;;
  esac
  if [ ! -s "$dir/$name" ]; then
    echo "$metainfo shows $name, which is not in $dir" >&2
    status=1
  fi
done
if [ $n -eq 0 ]; then
  echo "$metainfo has no screenshots" >&2
  status=1
fi
[ $status -eq 0 ] && echo "$n screenshots, each in $dir"
exit $status
