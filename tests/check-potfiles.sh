#!/bin/sh
# check-potfiles.sh - every file with a translatable string is in po/POTFILES.in, and every file
# listed there exists
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-potfiles.sh SOURCE_ROOT
set -u
root=$1
cd "$root" || exit 2
status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in lists $f, which does not exist" >&2
    status=1
  fi
done

# C sources with _(), N_(), C_(), NC_(), ngettext() or g_dngettext(); .ui files with
# translatable properties; the desktop file, metainfo and settings schema templates
found=$( (grep -rlE '(^|[^A-Za-z0-9_])(N?C?_|g_dngettext|ngettext|g_dpgettext2?) ?\(' app --include='*.c';
          grep -rl 'translatable="yes"' ui --include='*.ui';
          ls data/*.desktop.in* data/*.metainfo.xml.in* data/*.gschema.xml) | sort -u)
for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "$f has translatable strings but is not in po/POTFILES.in" >&2
    status=1
  fi
done
[ $status -eq 0 ] && echo "po/POTFILES.in lists every file with translatable strings ($(printf '%s\n' "$listed" | wc -l) files)"
exit $status
