#!/bin/sh
# check-translatable-strings.sh - fails on a printf macro inside a translatable string
# SPDX-License-Identifier: GPL-3.0-or-later
#
# xgettext does not expand macros: _("… %" G_GINT64_FORMAT) becomes the msgid "… %", which no
# translation can ever match. Format the number into a string and use %s.
found=$(grep -rnE '(^|[^A-Za-z_])N?_\("[^)]*"[[:space:]]*G_G?[A-Z0-9]*_FORMAT' "$@")
if [ -n "$found" ]; then
  echo "printf macros inside translatable strings (use %s with a formatted number):" >&2
  echo "$found" >&2
  exit 1
fi
echo "no printf macros inside translatable strings"
