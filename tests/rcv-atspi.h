/* rcv-atspi.h - reads this process's accessibility tree the way a screen reader does, over
 * AT-SPI on the accessibility bus, for the window's accessibility test
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint n_focusable;     /* focusable nodes that are showing */
  guint n_images;        /* nodes with the role "image" that are showing */
  GPtrArray *unnamed;    /* "role 'name' in window > … > parent", one a problem */
  GPtrArray *names;      /* the names of the focusable and image nodes, in tree order */
} RcvAtspiReport;

void            rcv_atspi_report_free (RcvAtspiReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvAtspiReport, rcv_atspi_report_free)

/* Walks the window of this process with that title (every window, for NULL) as AT-SPI
 * exposes it, while the main loop runs, and reports the focusable controls a screen reader
 * could not name. Skips the test (and returns NULL) when no accessibility bus answers. */
RcvAtspiReport *rcv_atspi_walk        (const char *window);

G_END_DECLS
