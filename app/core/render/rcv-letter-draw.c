/* rcv-letter-draw.c - a laid-out letter drawn on a cairo_t, page by page,
 * and letters written into one PDF
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
#include "rcv-epc-qr.h"
#include "rcv-letter-layout-private.h"
#include "rcv-letter-private.h"
#include "rcv-text.h"

/* ---- drawing ------------------------------------------------------------------------- */

static void
show (cairo_t     *cr,
      PangoLayout *layout,
      double       x,
      double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (cairo_t     *cr,
          const Block *block,
          double       left,
          double       width,
          double       y)
{
  if (block->shaded)
    {
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      cairo_rectangle (cr, left, y, width, block->height);
      cairo_fill (cr);
    }
  if (block->rule_above)
    {
      cairo_set_source_rgb (cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, left, y);
      cairo_line_to (cr, left + width, y);
      cairo_stroke (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint c = 0; c < block->cells->len; c++)
    {
      const Cell *cell = &g_array_index (block->cells, Cell, c);
      show (cr, cell->layout, cell->x, y + 2.5);
    }
}

static void
draw_first_page_parts (const RcvLetterLayout *self,
                       cairo_t               *cr)
{
  const Geometry *g = self->geometry;
  double y;

  /* the letterhead: name and lines at the left, the logo at the right */
  cairo_set_source_rgb (cr, 0, 0, 0);
  show (cr, self->head_name, g->left, g->head_y);
  cairo_set_source_rgb (cr, GREY, GREY, GREY);
  show (cr, self->head_lines, g->left, g->head_y + rcv_layout_height (self->head_name) + 2);
  if (self->logo != NULL)
    {
      double w = cairo_image_surface_get_width (self->logo);
      double h = cairo_image_surface_get_height (self->logo);
      double scale = MIN (MM (50) / w, MM (25) / h);

      cairo_save (cr);
      cairo_translate (cr, g->width - g->right - w * scale, g->head_y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, self->logo, 0, 0);
      cairo_paint (cr);
      cairo_restore (cr);
    }

  /* the window: return address, then the recipient, kept inside its field */
  if (self->return_line != NULL)
    {
      cairo_set_source_rgb (cr, GREY, GREY, GREY);
      show (cr, self->return_line, g->address_x, g->return_y);
    }
  cairo_save (cr);
  cairo_rectangle (cr, g->address_x, g->address_y, g->address_width, g->address_height);
  cairo_clip (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  show (cr, self->recipient, g->address_x, g->address_y);
  cairo_restore (cr);

  /* the information block */
  y = g->info_y;
  for (guint i = 0; i + 1 < self->info->len; i += 2)
    {
      const Cell *label = &g_array_index (self->info, Cell, i);
      const Cell *value = &g_array_index (self->info, Cell, i + 1);

      cairo_set_source_rgb (cr, GREY, GREY, GREY);
      show (cr, label->layout, label->x, y);
      cairo_set_source_rgb (cr, 0, 0, 0);
      show (cr, value->layout, value->x, y);
      y += MAX (rcv_layout_height (label->layout), rcv_layout_height (value->layout)) + 1.5;
    }

  /* fold and punch marks at the left edge */
  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  for (guint i = 0; i < G_N_ELEMENTS (g->folds); i++)
    {
      cairo_move_to (cr, MM (4), g->folds[i]);
      cairo_line_to (cr, MM (8), g->folds[i]);
    }
  if (g->punch > 0)
    {
      cairo_move_to (cr, MM (4), g->punch);
      cairo_line_to (cr, MM (10), g->punch);
    }
  cairo_stroke (cr);
}

/* Draws one page (0-based) with its top left corner at the cairo_t's origin, in points. */
void
rcv_letter_layout_draw_page (const RcvLetterLayout *self,
                             cairo_t               *cr,
                             guint                  page)
{
  const Geometry *g;
  guint first, end;
  double y, width;

  g_return_if_fail (self != NULL && cr != NULL);
  g_return_if_fail (page < self->page_starts->len);

  g = self->geometry;
  width = g->width - g->left - g->right;
  first = g_array_index (self->page_starts, guint, page);
  end = page + 1 < self->page_starts->len ? g_array_index (self->page_starts, guint, page + 1)
                                          : self->blocks->len;

  cairo_save (cr);
  if (page == 0)
    {
      draw_first_page_parts (self, cr);
      y = g->text_y;
    }
  else
    {
      cairo_set_source_rgb (cr, GREY, GREY, GREY);
      show (cr, self->running_head, g->left, g->top);
      y = g->top + MM (8);
      if (first < end && self->table_header != NULL)
        {
          const Block *block = &g_array_index (self->blocks, Block, first);

          if (block->in_table && !block->header)
            {
              draw_row (cr, self->table_header, g->left, width, y);
              y += self->table_header->height;
            }
        }
    }

  for (guint i = first; i < end; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      if (i == first && page > 0 && block->kind == BLOCK_SPACE)
        continue;
      switch (block->kind)
        {
        case BLOCK_LINE:
          {
            PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, block->line);

            /* black, or the paragraph's own foreground attribute */
            cairo_set_source_rgb (cr, 0, 0, 0);
            cairo_move_to (cr, block->x, y + block->baseline);
            pango_cairo_show_layout_line (cr, line);
          }
          break;
        case BLOCK_ROW:
          draw_row (cr, block, g->left, width, y);
          break;
        case BLOCK_QR:
          rcv_epc_qr_draw (cr, block->payload, block->x, y, block->height);
          cairo_set_source_rgb (cr, GREY, GREY, GREY);
          cairo_move_to (cr, block->x + block->height + MM (2), y + MM (3));
          pango_cairo_show_layout (cr, block->layout);
          break;
        case BLOCK_SPACE:
        default:
          break;
        }
      y += block->height;
    }

  /* the footer: the company's line, and the page number when there is more than one */
  cairo_set_source_rgb (cr, GREY, GREY, GREY);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, g->left, g->height - MM (17));
  cairo_line_to (cr, g->width - g->right, g->height - MM (17));
  cairo_stroke (cr);
  show (cr, self->footer, g->left, g->height - MM (15.5));
  if (self->page_starts->len > 1)
    {
      /* Translators: the page number at the foot of a letter: "Page 1 of 2" */
      g_autofree char *text = g_strdup_printf (_("Page %u of %u"), page + 1,
                                               self->page_starts->len);
      g_autoptr(PangoLayout) number = rcv_text_layout_new (self->context, text, 8, FALSE,
                                                           width * 0.2, PANGO_ALIGN_RIGHT);

      show (cr, number, g->left + width * 0.8, g->height - MM (15.5));
    }
  cairo_restore (cr);
}

/* ---- PDF ----------------------------------------------------------------------------- */

static cairo_status_t
write_to_stream (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  GOutputStream *stream = closure;

  return g_output_stream_write_all (stream, data, length, NULL, NULL, NULL)
           ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Writes n documents into one PDF, each laid out by `func` and starting on a new page, whole
 * or not at all: the file appears (or replaces the old one) only when every page is
 * written. */
gboolean
rcv_documents_write_pdf (const RcvLetterhead  *head,
                         guint                 n_documents,
                         RcvDocumentLayoutFunc func,
                         gconstpointer         data,
                         const char           *title,
                         const char           *path,
                         guint                *n_pages,
                         RcvProgressFunc       progress,
                         gpointer              user_data,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = g_cancellable_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  gboolean ok = TRUE;

  if (n_pages != NULL)
    *n_pages = 0;
  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  rcv_paper_get_size (head->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, head->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Receivables");
  cr = cairo_create (surface);

  for (guint i = 0; i < n_documents && ok; i++)
    {
      g_autoptr(RcvLetterLayout) layout = func (head, data, i, cr);

      for (guint page = 0; page < rcv_letter_layout_get_n_pages (layout); page++)
        {
          rcv_letter_layout_draw_page (layout, cr, page);
          cairo_show_page (cr);
          if (n_pages != NULL)
            (*n_pages)++;
        }
      if (cairo_status (cr) != CAIRO_STATUS_SUCCESS ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else if (progress != NULL)
        progress (i + 1, n_documents, user_data);
    }

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (ok && status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), path,
                   cairo_status_to_string (status));
      ok = FALSE;
    }
  if (!ok)
    {
      /* closing with a cancelled cancellable leaves the old file, or none, in place */
      g_cancellable_cancel (abort);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abort, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
}

static RcvLetterLayout *
letter_layout (const RcvLetterhead *head,
               gconstpointer        data,
               guint                i,
               cairo_t             *cr)
{
  const RcvDunningLetter *const *letters = data;

  return rcv_letter_layout_new (head, letters[i], cr);
}

/* Writes the letters into one PDF, each starting on a new page, whole or not at all. */
gboolean
rcv_letters_write_pdf (const RcvLetterhead           *head,
                       const RcvDunningLetter *const *letters,
                       guint                          n_letters,
                       const char                    *path,
                       guint                         *n_pages,
                       RcvProgressFunc                progress,
                       gpointer                       user_data,
                       GCancellable                  *cancellable,
                       GError                       **error)
{
  g_return_val_if_fail (head != NULL && path != NULL, FALSE);
  g_return_val_if_fail (letters != NULL || n_letters == 0, FALSE);

  if (n_pages != NULL)
    *n_pages = 0;
  if (n_letters == 0)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("There are no letters to write"));
      return FALSE;
    }
  return rcv_documents_write_pdf (head, n_letters, letter_layout, letters,
                                  _("Reminder letters"), path, n_pages, progress, user_data,
                                  cancellable, error);
}

static cairo_status_t
write_to_bytes (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* One document as a PDF in memory: an e-mail's attachment. Dated `date` (the document's), so
 * that the same document gives the same bytes. */
GBytes *
rcv_document_pdf_bytes (const RcvLetterhead  *head,
                        RcvDocumentLayoutFunc func,
                        gconstpointer         data,
                        const char           *title,
                        const GDate          *date,
                        GError              **error)
{
  char created[32];
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(RcvLetterLayout) layout = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;

  g_return_val_if_fail (head != NULL && func != NULL, NULL);

  rcv_paper_get_size (head->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_bytes, bytes, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, head->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Receivables");
  g_snprintf (created, sizeof created, "%04u-%02u-%02uT00:00:00", (guint) g_date_get_year (date),
              (guint) g_date_get_month (date), (guint) g_date_get_day (date));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, created);
  cr = cairo_create (surface);
  layout = func (head, data, 0, cr);
  for (guint page = 0; page < rcv_letter_layout_get_n_pages (layout); page++)
    {
      rcv_letter_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The PDF could not be made: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* A letter as a PDF in memory. */
GBytes *
rcv_letter_pdf_bytes (const RcvLetterhead    *head,
                      const RcvDunningLetter *letter,
                      GError                **error)
{
  const RcvDunningLetter *letters[1] = { letter };

  return rcv_document_pdf_bytes (head, letter_layout, letters, letter->title, &letter->date,
                                 error);
}
