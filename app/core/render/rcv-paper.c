/* rcv-paper.c - paper sizes: A4 and US Letter, the locale's, and
 * where the window envelope's address goes on each
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-letter"

#include "config.h"

#include <cairo-pdf.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "rcv-company.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-letter.h"
#include "rcv-letter-layout-private.h"
#include "rcv-letter-private.h"
#include "rcv-text.h"

static const Geometry a4 = {
  MM (210), MM (297), MM (25), MM (20), MM (20), MM (27),
  MM (12), MM (47),
  MM (25), MM (62.7), MM (80), MM (27.3),
  MM (125), MM (50), MM (75),
  MM (98.46),
  { MM (105), MM (210) }, MM (148.5),
};

static const Geometry us_letter = {
  MM (215.9), MM (279.4), MM (25.4), MM (25.4), MM (20), MM (27),
  MM (10), -1,
  MM (25.4), MM (50.8), MM (95), MM (28.6),
  MM (130), MM (50.8), MM (60),
  MM (95),
  { MM (93.13), MM (186.27) }, -1,
};


/* ---- paper --------------------------------------------------------------------------- */

/* US Letter where the locale's paper is (glibc knows it per country), else A4. */
RcvPaper
rcv_paper_for_locale (void)
{
  const char *name;

#ifdef __GLIBC__
  {
    union { unsigned int word; char *string; } width, height;

    width.string = nl_langinfo (_NL_PAPER_WIDTH);
    height.string = nl_langinfo (_NL_PAPER_HEIGHT);
    if (width.word == 216 && height.word == 279)
      return RCV_PAPER_US_LETTER;
    if (width.word == 210 && height.word == 297)
      return RCV_PAPER_A4;
  }
#endif
  name = setlocale (LC_PAPER, NULL);
  if (name != NULL && (strstr (name, "_US") != NULL || strstr (name, "_CA") != NULL))
    return RCV_PAPER_US_LETTER;
  return RCV_PAPER_A4;
}

/* The --paper option: a nick in any case ("A4", "letter"), or "auto", empty or none for the
 * locale's. */
gboolean
rcv_paper_from_option (const char *text,
                       RcvPaper   *paper)
{
  g_autofree char *nick = NULL;
  int value;

  g_return_val_if_fail (paper != NULL, FALSE);

  if (text == NULL || text[0] == '\0' || g_str_equal (text, "auto"))
    {
      *paper = rcv_paper_for_locale ();
      return TRUE;
    }
  nick = g_ascii_strdown (text, -1);
  if (!rcv_enum_from_nick (RCV_TYPE_PAPER, nick, &value))
    return FALSE;
  *paper = value;
  return TRUE;
}

const Geometry *
rcv_paper_get_geometry (RcvPaper paper)
{
  return paper == RCV_PAPER_US_LETTER ? &us_letter : &a4;
}

/* The paper's size in points. */
void
rcv_paper_get_size (RcvPaper  paper,
                    double   *width,
                    double   *height)
{
  const Geometry *g = rcv_paper_get_geometry (paper);

  if (width != NULL)
    *width = g->width;
  if (height != NULL)
    *height = g->height;
}

/* The address field in the window, below the return address: its width and height. */
void
rcv_paper_get_window (RcvPaper  paper,
                      double   *width,
                      double   *height)
{
  const Geometry *g = rcv_paper_get_geometry (paper);

  *width = g->address_width;
  *height = g->address_height;
}
