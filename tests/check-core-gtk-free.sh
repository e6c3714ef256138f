#!/bin/sh
# check-core-gtk-free.sh - fails when a file of the core includes a GTK or libadwaita header
# SPDX-License-Identifier: GPL-3.0-or-later
found=$(grep -rlE '#include *<(gtk/|gdk/|adwaita|libadwaita)' "$1")
if [ -n "$found" ]; then
  echo "app/core must stay GTK-free, but these files include GTK or libadwaita:" >&2
  echo "$found" >&2
  exit 1
fi
echo "app/core includes no GTK or libadwaita header"
