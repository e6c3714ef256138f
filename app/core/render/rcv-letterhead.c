/* rcv-letterhead.c - the company's letterhead: its name, address,
 * contact, bank and logo as every letter shows them
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

/* ---- the letterhead ------------------------------------------------------------------ */

/* The logo as an image, made smaller when it is over 600 × 300 pixels (300 dpi over the
 * 50 × 25 mm it may take). */
static cairo_surface_t *
load_logo (GBytes  *bytes,
           GError **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) rgba = NULL;
  cairo_surface_t *surface;
  int width, height, stride, source_stride;
  const guchar *source;
  guchar *target;

  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (pixbuf == NULL)
    return NULL;
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  if (width > 600 || height > 300)
    {
      double scale = MIN (600.0 / width, 300.0 / height);
      GdkPixbuf *smaller = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) (width * scale)),
                                                    MAX (1, (int) (height * scale)),
                                                    GDK_INTERP_HYPER);

      g_object_unref (pixbuf);
      pixbuf = smaller;
    }
  rgba = gdk_pixbuf_add_alpha (pixbuf, FALSE, 0, 0, 0);
  width = gdk_pixbuf_get_width (rgba);
  height = gdk_pixbuf_get_height (rgba);
  source = gdk_pixbuf_read_pixels (rgba);
  source_stride = gdk_pixbuf_get_rowstride (rgba);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  target = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    {
      const guchar *s = source + y * source_stride;
      guint32 *t = (guint32 *) (gpointer) (target + y * stride);

      for (int x = 0; x < width; x++, s += 4)
        {
          guint a = s[3];
          guint r = (s[0] * a + 127) / 255, g = (s[1] * a + 127) / 255, b = (s[2] * a + 127) / 255;

          t[x] = (a << 24) | (r << 16) | (g << 8) | b;
        }
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* Another holder of the letterhead (a print that outlives the window it was started from):
 * each rcv_letterhead_free () lets go of one, the last frees it. */
RcvLetterhead *
rcv_letterhead_ref (RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  g_atomic_int_inc (&head->ref_count);
  return head;
}

/* The letterhead of a company's profile, for as many letters as follow; the logo is decoded
 * here, once. */
RcvLetterhead *
rcv_letterhead_new (const RcvCompanyProfile *profile,
                    const RcvCurrency       *currency,
                    RcvPaper                 paper)
{
  RcvLetterhead *head;
  GBytes *logo;
  g_autoptr(GString) contact = g_string_new (NULL);

  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  head = g_new0 (RcvLetterhead, 1);
  head->ref_count = 1;
  head->paper = paper;
  head->currency = *currency;
  head->name = g_strdup (profile->name);
  head->address = g_strdup (profile->address);
  head->tax_id = g_strdup (profile->tax_id);
  head->email = g_strdup (profile->email);
  head->phone = g_strdup (profile->phone);
  head->bank = g_strdup (profile->bank);
  head->iban = g_strdup (profile->iban);
  head->bic = g_strdup (profile->bic);
  if (head->email[0] != '\0')
    g_string_append (contact, head->email);
  if (head->phone[0] != '\0')
    g_string_append_printf (contact, "%s%s", contact->len > 0 ? " · " : "", head->phone);
  head->contact = g_string_free (g_steal_pointer (&contact), FALSE);

  logo = profile->logo;
  if (logo != NULL)
    {
      g_autoptr(GError) error = NULL;

      head->logo = load_logo (logo, &error);
      if (head->logo == NULL)
        head->logo_problem = g_strdup_printf (_("The logo cannot be shown: %s"), error->message);
    }
  return head;
}

void
rcv_letterhead_free (RcvLetterhead *head)
{
  if (head == NULL || !g_atomic_int_dec_and_test (&head->ref_count))
    return;
  g_free (head->name);
  g_free (head->address);
  g_free (head->tax_id);
  g_free (head->email);
  g_free (head->phone);
  g_free (head->bank);
  g_free (head->iban);
  g_free (head->bic);
  g_free (head->contact);
  g_clear_pointer (&head->logo, cairo_surface_destroy);
  g_free (head->logo_problem);
  g_free (head);
}

RcvPaper
rcv_letterhead_get_paper (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, RCV_PAPER_A4);

  return head->paper;
}

/* The company's address as typed, one line a line. */
const char *
rcv_letterhead_get_address (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  return head->address;
}

/* NULL, or why the stored logo could not be read (the letters are then printed without). */
const char *
rcv_letterhead_get_logo_problem (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  return head->logo_problem;
}

const char *
rcv_letterhead_get_name (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  return head->name;
}

/* "email · phone", as the letters sign with */
const char *
rcv_letterhead_get_contact (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  return head->contact;
}

const RcvCurrency *
rcv_letterhead_get_currency (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  return &head->currency;
}
