/* rcv-text-layout.c - Pango layouts of plain text for letters: set, measured
 * and kept from breaking where a line must not break
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

#define FONT_FAMILY "Sans"

/* ---- building the blocks ------------------------------------------------------------- */

/* A layout of plain text (never markup) in the letters' font, wrapped at `width` (none when
 * it is not positive); the agency's summary lays out its text the same way. */
PangoLayout *
rcv_text_layout_new (PangoContext   *context,
                     const char     *text,
                     double          size,
                     gboolean        bold,
                     double          width,
                     PangoAlignment  alignment)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_new ();

  pango_font_description_set_family (font, FONT_FAMILY);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);   /* plain text: never markup */
  return layout;
}

double
rcv_layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

double
rcv_text_layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
add_unbroken_range (PangoAttrList *attrs,
                    gsize          start,
                    gsize          end)
{
  PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
  /* should a span wider than the line break all the same, no hyphen is added to it */
  attr = pango_attr_insert_hyphens_new (FALSE);
  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
}

/* Where an e-mail address ends: white space, or the isolates around a name. */
static gboolean
is_address_end (gunichar c)
{
  return c == 0 || g_unichar_isspace (c) || c == 0x2068 || c == 0x2069 || c == 0x00A0;
}

/* Keeps each of `words` (an IBAN, a reference, an invoice number) and every e-mail address
 * in the layout's text on one line: no line break and no hyphen inside them. With
 * `split_addresses`, an e-mail address may break after its "@", and nowhere else. */
void
rcv_text_layout_keep_unbroken (PangoLayout *layout,
                               GPtrArray   *words,
                               gboolean     split_addresses)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *old = pango_layout_get_attributes (layout);
  PangoAttrList *attrs = old != NULL ? pango_attr_list_copy (old) : pango_attr_list_new ();

  for (guint i = 0; words != NULL && i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      gsize length = strlen (word);

      if (length < 2 || (split_addresses && strchr (word, '@') != NULL))
        continue;
      for (const char *p = strstr (text, word); p != NULL; p = strstr (p + length, word))
        add_unbroken_range (attrs, p - text, p - text + length);
    }
  /* e-mail addresses wherever they are, a level's own text included */
  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *start = at, *end = at + 1;

      for (const char *prev = g_utf8_find_prev_char (text, start);
           prev != NULL && !is_address_end (g_utf8_get_char (prev));
           prev = g_utf8_find_prev_char (text, prev))
        start = prev;
      while (!is_address_end (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      while (end > at + 1 && strchr (".,;:)!?", end[-1]) != NULL)
        end--;
      if (split_addresses)
        {
          add_unbroken_range (attrs, start - text, at + 1 - text);
          add_unbroken_range (attrs, at + 1 - text, end - text);
        }
      else
        add_unbroken_range (attrs, start - text, end - text);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static gboolean
fits (PangoLayout *layout,
      double       width,
      gboolean     one_line)
{
  return rcv_text_layout_width (layout) <= width + 0.01 &&
         (!one_line || pango_layout_get_line_count (layout) <= 1);
}

/* Sets the layout in the largest size from `size` down to `min_size` (in half points) at which
 * it is no wider than `width` (and on one line, if asked); FALSE, in `min_size`, when there
 * is none. */
static gboolean
shrink_to_width (PangoLayout          *layout,
                 PangoFontDescription *font,
                 double                width,
                 gboolean              one_line,
                 double                size,
                 double                min_size)
{
  for (double points = size; points >= min_size - 0.01; points -= 0.5)
    {
      pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      if (fits (layout, width, one_line))
        return TRUE;
    }
  return FALSE;
}

static void
set_no_hyphens (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Makes a one-line layout of unbroken text fit `width`: smaller print down to `min_size`; then an
 * e-mail address may break after its "@" (again as large as fits); and only when even that
 * is too wide, the text breaks anywhere (without hyphens), rather than run off the page. */
void
rcv_text_layout_fit_unbroken (PangoLayout *layout,
                              GPtrArray   *words,
                              double       width,
                              double       size,
                              double       min_size)
{
  PangoFontDescription *font;

  if (fits (layout, width, TRUE))
    return;
  font = pango_font_description_copy (pango_layout_get_font_description (layout));
  if (!shrink_to_width (layout, font, width, TRUE, size - 0.5, min_size))
    {
      set_no_hyphens (layout);
      rcv_text_layout_keep_unbroken (layout, words, TRUE);
      if (!shrink_to_width (layout, font, width, FALSE, size, min_size))
        {
          /* broken all the same: in the size of its neighbours */
          pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
          pango_layout_set_font_description (layout, font);
          set_no_hyphens (layout);
        }
    }
  pango_font_description_free (font);
}
