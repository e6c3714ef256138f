/* rcv-invoice-document.c - invoices and credit notes read for their documents
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An invoice with its lines, its customer and what is still to pay on it, read in one snapshot
 * of the file, so that a payment another program records meanwhile is in all of it or none. A
 * void document is refused: it counts in no balance and is not sent out again.
 */
#define G_LOG_DOMAIN "rcv-invoice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-invoice-document.h"

static RcvInvoiceDocument *
document_of (RcvDatabase  *db,
             RcvInvoice   *invoice,
             GError      **error)
{
  g_autoptr(RcvInvoice) owned = invoice;
  g_autoptr(RcvInvoiceDocument) document = NULL;

  if (owned == NULL)
    return NULL;
  if (owned->status == RCV_INVOICE_STATUS_VOID)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   owned->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                     ? _("Credit note “%s” is void: it has no document")
                     : _("Invoice “%s” is void: it has no document"), owned->number);
      return NULL;
    }
  document = g_new0 (RcvInvoiceDocument, 1);
  document->customer = rcv_ledger_get_customer (db, owned->customer_id, error);
  if (document->customer == NULL)
    return NULL;
  document->open = owned->total - owned->allocated;
  document->invoice = g_steal_pointer (&owned);
  return g_steal_pointer (&document);
}

/* The document of the invoice or credit note with database ID `invoice_id`. */
RcvInvoiceDocument *
rcv_invoice_document_read (RcvDatabase  *db,
                           gint64        invoice_id,
                           GError      **error)
{
  RcvInvoiceDocument *document;
  gboolean started = FALSE;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  if (!rcv_database_begin_read (db, &started, error))
    return NULL;
  document = document_of (db, rcv_ledger_get_invoice (db, invoice_id, error), error);
  rcv_database_end_read (db, started);
  return document;
}

/* The documents of the invoices and credit notes numbered `numbers` (NULL-terminated), in
 * their order, all or none: an unknown number or a void document is the error. */
GPtrArray *
rcv_invoice_documents_find (RcvDatabase        *db,
                            const char *const  *numbers,
                            GError            **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  gboolean started = FALSE;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (numbers != NULL, NULL);

  if (!rcv_database_begin_read (db, &started, error))
    return NULL;
  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_invoice_document_free);
  for (guint i = 0; numbers[i] != NULL; i++)
    {
      RcvInvoiceDocument *document =
        document_of (db, rcv_ledger_find_invoice (db, numbers[i], error), error);

      if (document == NULL)
        {
          g_clear_pointer (&documents, g_ptr_array_unref);
          break;
        }
      g_ptr_array_add (documents, document);
    }
  rcv_database_end_read (db, started);
  return g_steal_pointer (&documents);
}
