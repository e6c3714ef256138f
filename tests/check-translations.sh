#!/bin/sh
# check-translations.sh - each translation is complete for the sources as they are now: every
# string xgettext finds (C, .ui, desktop file, metainfo, settings schema) is translated, none
# fuzzy, in every language of po/LINGUAS
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-translations.sh SOURCE_ROOT
set -eu
root=$1
pot=$(mktemp -p "${TMPDIR:-/tmp}")
trap 'rm -f "$pot"' EXIT

# the keywords of meson's i18n "glib" preset, as po/meson.build uses it
xgettext --directory="$root" --files-from="$root/po/POTFILES.in" --output="$pot" \
  --from-code=UTF-8 --add-comments --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
  --keyword=g_dpgettext2:2c,3 --package-name=receivables

status=0
for lang in $(grep -v '^#' "$root/po/LINGUAS"); do
  # msgcmp counts an untranslated or fuzzy message as missing
  if ! msgcmp "$root/po/$lang.po" "$pot" 2>"$pot.err"; then
    echo "po/$lang.po is not complete for the current sources:" >&2
    head -20 "$pot.err" >&2
    status=1
  fi
  rm -f "$pot.err"
  echo "po/$lang.po: $(msgfmt --statistics -o /dev/null "$root/po/$lang.po" 2>&1)"
done
exit $status
