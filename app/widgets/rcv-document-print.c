/* rcv-document-print.c - letters and statements printed through the GTK print dialog
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A batch of documents, each laid out by the caller's function on the printer's cairo_t and
 * drawn by the letter's code page after page (invoices too): laid out a few at a time (the "paginate"
 * signal), so that a batch of a thousand never holds up the window; the document drawn last is
 * kept for its next pages. The paper is the letterhead's, the whole page is the letter's.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include "rcv-document-print.h"

typedef struct
{
  RcvLetterhead *head;             /* a reference: the print may outlive its window */
  guint n_documents;
  RcvDocumentLayoutFunc func;
  gpointer data;
  GDestroyNotify data_free;
  GArray *first_pages;             /* guint: each document's first page in the whole print */
  guint n_laid_out;
  guint n_pages;
  RcvLetterLayout *layout;         /* the document last drawn */
  guint layout_index;
} Printing;

static void
printing_free (gpointer pointer)
{
  Printing *printing = pointer;

  if (printing->data_free != NULL)
    printing->data_free (printing->data);
  g_clear_pointer (&printing->head, rcv_letterhead_free);
  g_array_unref (printing->first_pages);
  g_clear_pointer (&printing->layout, rcv_letter_layout_free);
  g_free (printing);
}

static gboolean
on_paginate (GtkPrintOperation *operation,
             GtkPrintContext   *context,
             Printing          *printing)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  for (guint n = 0; n < 25 && printing->n_laid_out < printing->n_documents; n++)
    {
      g_autoptr(RcvLetterLayout) layout = printing->func (printing->head, printing->data,
                                                          printing->n_laid_out, cr);

      g_array_append_val (printing->first_pages, printing->n_pages);
      printing->n_pages += rcv_letter_layout_get_n_pages (layout);
      printing->n_laid_out++;
    }
  if (printing->n_laid_out < printing->n_documents)
    return FALSE;
  gtk_print_operation_set_n_pages (operation, (int) printing->n_pages);
  return TRUE;
}

static void
on_draw_page (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              Printing          *printing)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint page = (guint) page_nr;
  guint low = 0, high = printing->first_pages->len;

  /* the last document whose first page is at or before this one */
  while (high - low > 1)
    {
      guint middle = (low + high) / 2;

      if (g_array_index (printing->first_pages, guint, middle) <= page)
        low = middle;
      else
        high = middle;
    }
  if (printing->layout == NULL || printing->layout_index != low)
    {
      g_clear_pointer (&printing->layout, rcv_letter_layout_free);
      printing->layout = printing->func (printing->head, printing->data, low, cr);
      printing->layout_index = low;
    }
  rcv_letter_layout_draw_page (printing->layout, cr,
                               page - g_array_index (printing->first_pages, guint, low));
}

/* Prints n documents through the print dialog, or (for the tests) exports them to a PDF file
 * through the same operation (`action` EXPORT, `export_path`). Takes `data`, which must be the
 * print's own (freed by `data_free` when the print ends: the window it came from may be closed
 * before), and a reference to `head`. `on_done`, when given, is connected to the operation's
 * "done" for as long as `done_object` lives. */
GtkPrintOperationResult
rcv_document_print (GtkWindow               *parent,
                    RcvLetterhead           *head,
                    guint                    n_documents,
                    RcvDocumentLayoutFunc    func,
                    gpointer                 data,
                    GDestroyNotify           data_free,
                    const char              *job_name,
                    GtkPrintOperationAction  action,
                    const char              *export_path,
                    GCallback                on_done,
                    gpointer                 done_object,
                    GError                 **error)
{
  g_autoptr(GtkPrintOperation) print = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) paper = NULL;
  Printing *printing = g_new0 (Printing, 1);

  printing->head = head != NULL ? rcv_letterhead_ref (head) : NULL;
  printing->n_documents = n_documents;
  printing->func = func;
  printing->data = data;
  printing->data_free = data_free;
  printing->first_pages = g_array_new (FALSE, FALSE, sizeof (guint));
  if (n_documents == 0 || head == NULL)
    {
      printing_free (printing);
      return GTK_PRINT_OPERATION_RESULT_CANCEL;
    }

  paper = gtk_paper_size_new (rcv_letterhead_get_paper (head) == RCV_PAPER_US_LETTER
                                ? GTK_PAPER_NAME_LETTER : GTK_PAPER_NAME_A4);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_print_operation_set_default_page_setup (print, setup);
  gtk_print_operation_set_unit (print, GTK_UNIT_POINTS);
  gtk_print_operation_set_use_full_page (print, TRUE);
  gtk_print_operation_set_job_name (print, job_name);
  gtk_print_operation_set_show_progress (print, TRUE);
  gtk_print_operation_set_allow_async (print, action != GTK_PRINT_OPERATION_ACTION_EXPORT);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (print, export_path);
  g_object_set_data_full (G_OBJECT (print), "rcv-printing", printing, printing_free);
  g_signal_connect (print, "paginate", G_CALLBACK (on_paginate), printing);
  g_signal_connect (print, "draw-page", G_CALLBACK (on_draw_page), printing);
  if (on_done != NULL)
    g_signal_connect_object (print, "done", on_done, done_object, 0);
  return gtk_print_operation_run (print, action, parent, error);
}
