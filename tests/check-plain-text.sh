#!/bin/sh
# check-plain-text.sh - fails when a file of the window sets a row's title or subtitle or a
# status page's description other than through rcv-plain-text.c: libadwaita 1.2 reads those as
# Pango markup, and names, level titles and error messages are text
# SPDX-License-Identifier: GPL-3.0-or-later
found=$(grep -rnE 'adw_(preferences_row_set_title|action_row_set_subtitle|expander_row_set_subtitle|status_page_set_description) *\(' \
  --include='*.c' "$1" | grep -v '/rcv-plain-text\.c:')
# a .ui file that binds a row's title or subtitle, or a status page's description, to data
found_ui=$(grep -rnE '<binding name="(title|subtitle|description)"' --include='*.ui' "$2")
if [ -n "$found$found_ui" ]; then
  echo "Set these through rcv-plain-text.h (rcv_row_set_plain_title and the others):" >&2
  echo "$found$found_ui" >&2
  exit 1
fi
echo "rows and status pages get their text through rcv-plain-text.c"
