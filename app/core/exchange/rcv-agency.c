/* rcv-agency.c - the file a collection agency gets with an account: a PDF summary (the
 * creditor, the debtor, the figures, the open invoices and the account's story) and a CSV of
 * the open invoices, each with its history (reminders, payments, credit notes, disputes)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-agency"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "rcv-agency.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-company.h"
#include "rcv-csv.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-ledger.h"
#include "rcv-letter-private.h"
#include "rcv-open-items.h"

#define MM(x) ((x) * 72.0 / 25.4)
#define TIMELINE_LIMIT 200

typedef struct
{
  RcvOpenItem *item;        /* borrowed from the file's items */
  gint days_overdue;
  gboolean disputed;
  guint reminders;
  GDate last_reminder;      /* invalid: none */
  GString *history;         /* "2026-02-07 reminder 1; 2026-03-01 payment 50.00" */
} Invoice;

struct _RcvAgencyFile
{
  GDate as_of;
  RcvCurrency currency;
  char *company;            /* the creditor: name, address, email, phone */
  char *company_address;
  char *company_email;
  char *company_phone;
  RcvCustomer *customer;
  RcvCollectionsAccount *account;
  RcvCollectionsRecord *record;
  GPtrArray *items;         /* RcvOpenItem */
  GArray *invoices;         /* Invoice */
  GPtrArray *events;        /* RcvCollectionsEvent, newest first */
};

static void
invoice_clear (gpointer data)
{
  Invoice *invoice = data;

  g_string_free (invoice->history, TRUE);
}

void
rcv_agency_file_free (RcvAgencyFile *file)
{
  if (file == NULL)
    return;
  g_free (file->company);
  g_free (file->company_address);
  g_free (file->company_email);
  g_free (file->company_phone);
  g_clear_pointer (&file->customer, rcv_customer_free);
  g_clear_pointer (&file->account, rcv_collections_account_free);
  g_clear_pointer (&file->record, rcv_collections_record_free);
  g_clear_pointer (&file->items, g_ptr_array_unref);
  g_clear_pointer (&file->invoices, g_array_unref);
  g_clear_pointer (&file->events, g_ptr_array_unref);
  g_free (file);
}

/* An invoice's history, oldest first: what the CSV's last column says. */
#define HISTORY_SQL \
  "SELECT l.date, 0, li.level, NULL FROM letter_items li JOIN letters l ON l.id = li.letter_id" \
  " WHERE li.invoice_id = ?1 AND li.level > 0" \
  " UNION ALL SELECT a.effective_date, 1, a.amount, p.reference FROM allocations a" \
  "  JOIN payments p ON p.id = a.payment_id WHERE a.invoice_id = ?1" \
  " UNION ALL SELECT a.effective_date, 2, a.amount, c.number FROM allocations a" \
  "  JOIN invoices c ON c.id = a.credit_note_id WHERE a.invoice_id = ?1" \
  " UNION ALL SELECT opened_on, 3, 0, reason FROM disputes WHERE invoice_id = ?1" \
  " UNION ALL SELECT resolved_on, 4, 0, NULL FROM disputes" \
  "  WHERE invoice_id = ?1 AND resolved_on IS NOT NULL" \
  " ORDER BY 1, 2"

static gboolean
load_history (RcvDatabase       *db,
              Invoice           *invoice,
              const RcvCurrency *currency,
              GError           **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, HISTORY_SQL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, invoice->item->id);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      const char *date = rcv_statement_column_text (stmt, 0);
      gint64 value = rcv_statement_column_int64 (stmt, 2);
      const char *text = rcv_statement_column_text (stmt, 3);
      g_autofree char *amount = rcv_money_format_plain (value, currency);

      if (invoice->history->len > 0)
        g_string_append (invoice->history, "; ");
      g_string_append_printf (invoice->history, "%s ", date);
      switch (rcv_statement_column_int (stmt, 1))
        {
        case 0:
          g_string_append_printf (invoice->history, _("reminder %d"), (int) value);
          invoice->reminders++;
          g_date_clear (&invoice->last_reminder, 1);
          g_date_set_julian (&invoice->last_reminder, rcv_iso_to_julian (date));
          break;
        case 1:
          g_string_append_printf (invoice->history, _("payment %s"), amount);
          if (text != NULL && *text != '\0')
            g_string_append_printf (invoice->history, " (%s)", text);
          break;
        case 2:
          g_string_append_printf (invoice->history, _("credit note %s %s"), text, amount);
          break;
        case 3:
          {
            RcvDisputeReason reason = rcv_enum_from_nick_or (RCV_TYPE_DISPUTE_REASON, text,
                                                             RCV_DISPUTE_OTHER);

            g_string_append_printf (invoice->history, _("disputed (%s)"),
                                    rcv_dispute_reason_label (reason));
          }
          break;
        default:
          g_string_append (invoice->history, _("dispute resolved"));
          break;
        }
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

/* Reads everything the agency's files say about an account as of a date, once for both. */
RcvAgencyFile *
rcv_agency_file_new (RcvDatabase  *db,
                     gint64        customer_id,
                     const GDate  *as_of,
                     GError      **error)
{
  g_autoptr(RcvAgencyFile) file = NULL;
  guint32 as_of_julian;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  file = g_new0 (RcvAgencyFile, 1);
  as_of_julian = g_date_get_julian (as_of);
  file->as_of = *as_of;
  file->company = rcv_company_get (db, RCV_COMPANY_NAME);
  file->company_address = rcv_company_get (db, RCV_COMPANY_ADDRESS);
  file->company_email = rcv_company_get (db, RCV_COMPANY_EMAIL);
  file->company_phone = rcv_company_get (db, RCV_COMPANY_PHONE);
  file->currency = *rcv_database_get_currency (db);
  file->customer = rcv_ledger_get_customer (db, customer_id, error);
  if (file->customer == NULL)
    return NULL;
  file->account = rcv_collections_report_for (db, as_of, customer_id, error);
  if (file->account == NULL)
    return NULL;
  file->record = rcv_collections_get_record (db, customer_id, as_of, error);
  if (file->record == NULL)
    return NULL;
  file->items = rcv_open_items_list (db, customer_id, RCV_INVOICE_KIND_INVOICE, error);
  if (file->items == NULL)
    return NULL;
  file->events = rcv_collections_timeline (db, customer_id, as_of, TIMELINE_LIMIT, error);
  if (file->events == NULL)
    return NULL;

  file->invoices = g_array_new (FALSE, TRUE, sizeof (Invoice));
  g_array_set_clear_func (file->invoices, invoice_clear);
  for (guint i = 0; i < file->items->len; i++)
    {
      Invoice invoice = { 0 };
      guint32 due;

      invoice.item = g_ptr_array_index (file->items, i);
      due = g_date_get_julian (&invoice.item->due_date);
      invoice.days_overdue = due < as_of_julian ? (gint) (as_of_julian - due) : 0;
      invoice.disputed = rcv_collections_get_dispute (db, invoice.item->id, NULL, NULL, NULL);
      invoice.history = g_string_new (NULL);
      g_array_append_val (file->invoices, invoice);
      if (!load_history (db, &g_array_index (file->invoices, Invoice, i), &file->currency,
                         error))
        return NULL;
    }
  return g_steal_pointer (&file);
}

/* ---- CSV ---- */

char *
rcv_agency_file_to_csv (const RcvAgencyFile *file)
{
  GString *out = g_string_new (RCV_AGENCY_CSV_HEADER "\n");

  for (guint i = 0; i < file->invoices->len; i++)
    {
      const Invoice *invoice = &g_array_index (file->invoices, Invoice, i);
      char issued[RCV_ISO_DATE_LEN], due[RCV_ISO_DATE_LEN], last[RCV_ISO_DATE_LEN] = "";

      rcv_date_to_iso (&invoice->item->issue_date, issued);
      rcv_date_to_iso (&invoice->item->due_date, due);
      if (g_date_valid (&invoice->last_reminder))
        rcv_date_to_iso (&invoice->last_reminder, last);
      rcv_csv_append_field (out, invoice->item->number, ',');
      g_string_append_printf (out, ",%s,%s", issued, due);
      rcv_csv_append_money (out, invoice->item->total, &file->currency);
      rcv_csv_append_money (out, invoice->item->open, &file->currency);
      g_string_append_printf (out, ",%d,%s,%u,%s,", invoice->days_overdue,
                              invoice->disputed ? "yes" : "no", invoice->reminders, last);
      rcv_csv_append_field (out, invoice->history->str, ',');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
rcv_agency_csv (RcvDatabase  *db,
                gint64        customer_id,
                const GDate  *as_of,
                GError      **error)
{
  g_autoptr(RcvAgencyFile) file = rcv_agency_file_new (db, customer_id, as_of, error);

  return file != NULL ? rcv_agency_file_to_csv (file) : NULL;
}

/* ---- PDF: a flow of paragraphs and rows, a new page when the next one does not fit ---- */

typedef struct
{
  cairo_t *cr;
  PangoContext *context;
  double width, height, left, top, right, bottom;
  double y;
  guint page;
  char *running_head;
} Pager;

typedef struct
{
  double share;             /* of the text width */
  PangoAlignment alignment;
} Column;

static void
pager_running_head (Pager *pager)
{
  g_autoptr(PangoLayout) layout = NULL;
  g_autofree char *text = g_strdup_printf (_("%s · page %u"), pager->running_head,
                                           pager->page + 1);

  layout = rcv_text_layout_new (pager->context, text, 7.5, FALSE,
                                pager->width - pager->left - pager->right, PANGO_ALIGN_RIGHT);
  cairo_set_source_rgb (pager->cr, 0.35, 0.35, 0.35);
  cairo_move_to (pager->cr, pager->left, MM (10));
  pango_cairo_show_layout (pager->cr, layout);
}

/* Makes room for `height`, on a new page when this one is full. */
static void
pager_room (Pager  *pager,
            double  height)
{
  if (pager->y + height <= pager->height - pager->bottom || pager->y <= pager->top)
    return;
  cairo_show_page (pager->cr);
  pager->page++;
  pager->y = pager->top;
  pager_running_head (pager);
}

static void
pager_text (Pager      *pager,
            const char *text,
            double      size,
            gboolean    bold,
            double      grey)
{
  g_autoptr(PangoLayout) layout = rcv_text_layout_new (pager->context, text, size, bold,
                                                       pager->width - pager->left - pager->right,
                                                       PANGO_ALIGN_LEFT);
  double height = rcv_layout_height (layout);

  pager_room (pager, height);
  cairo_set_source_rgb (pager->cr, grey, grey, grey);
  cairo_move_to (pager->cr, pager->left, pager->y);
  pango_cairo_show_layout (pager->cr, layout);
  pager->y += height + size * 0.35;
}

static void
pager_row (Pager         *pager,
           const Column  *columns,
           guint          n_columns,
           const char   **texts,
           double         size,
           gboolean       header)
{
  double content = pager->width - pager->left - pager->right;
  PangoLayout *layouts[8];
  double height = 0, x = pager->left;

  g_assert (n_columns <= G_N_ELEMENTS (layouts));
  for (guint c = 0; c < n_columns; c++)
    {
      layouts[c] = rcv_text_layout_new (pager->context, texts[c], size, header,
                                        content * columns[c].share - 4, columns[c].alignment);
      height = MAX (height, rcv_layout_height (layouts[c]));
    }
  height += 5;
  pager_room (pager, height);
  if (header)
    {
      cairo_set_source_rgb (pager->cr, 0.92, 0.92, 0.92);
      cairo_rectangle (pager->cr, pager->left, pager->y, content, height);
      cairo_fill (pager->cr);
    }
  else
    {
      cairo_set_source_rgb (pager->cr, 0.75, 0.75, 0.75);
      cairo_set_line_width (pager->cr, 0.5);
      cairo_move_to (pager->cr, pager->left, pager->y);
      cairo_line_to (pager->cr, pager->left + content, pager->y);
      cairo_stroke (pager->cr);
    }
  cairo_set_source_rgb (pager->cr, 0, 0, 0);
  for (guint c = 0; c < n_columns; c++)
    {
      cairo_move_to (pager->cr, x + 2, pager->y + 2.5);
      pango_cairo_show_layout (pager->cr, layouts[c]);
      x += content * columns[c].share;
      g_object_unref (layouts[c]);
    }
  pager->y += height;
}

static void
pager_heading (Pager      *pager,
               const char *text)
{
  pager->y += 8;
  pager_room (pager, 40);   /* a heading is not left alone at the foot of a page */
  pager_text (pager, text, 11, TRUE, 0);
}

/* Label and value pairs as a two-column table without rules. */
static void
pager_facts (Pager       *pager,
             const char **facts)
{
  double content = pager->width - pager->left - pager->right;

  for (guint i = 0; facts[i] != NULL; i += 2)
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      double height;

      if (facts[i + 1] == NULL || *facts[i + 1] == '\0')
        continue;
      label = rcv_text_layout_new (pager->context, facts[i], 9, FALSE, content * 0.35,
                                   PANGO_ALIGN_LEFT);
      value = rcv_text_layout_new (pager->context, facts[i + 1], 9, FALSE, content * 0.63,
                                   PANGO_ALIGN_LEFT);
      height = MAX (rcv_layout_height (label), rcv_layout_height (value)) + 2;
      pager_room (pager, height);
      cairo_set_source_rgb (pager->cr, 0.35, 0.35, 0.35);
      cairo_move_to (pager->cr, pager->left, pager->y);
      pango_cairo_show_layout (pager->cr, label);
      cairo_set_source_rgb (pager->cr, 0, 0, 0);
      cairo_move_to (pager->cr, pager->left + content * 0.37, pager->y);
      pango_cairo_show_layout (pager->cr, value);
      pager->y += height;
    }
}

static void
draw_file (const RcvAgencyFile *file,
           Pager               *pager)
{
  const RcvCollectionsAccount *account = file->account;
  const RcvCollectionsRecord *record = file->record;
  const RcvCustomer *customer = file->customer;
  const char *company = file->company;
  const char *company_address = file->company_address;
  const char *company_email = file->company_email;
  const char *company_phone = file->company_phone;
  g_autofree char *date = rcv_date_format_locale (&file->as_of);
  g_autofree char *open = rcv_money_format (account->open, &file->currency);
  g_autofree char *disputed = rcv_money_format (account->disputed, &file->currency);
  g_autofree char *oldest = g_strdup_printf ("%d", account->oldest_days);
  g_autofree char *promises = g_strdup_printf ("%u", account->broken_promises);
  g_autofree char *instalments = g_strdup_printf ("%u", account->missed_instalments);
  g_autofree char *handed = NULL;
  g_autofree char *commission = NULL;
  g_autofree char *average = rcv_collections_average_late (&account->payer);
  g_autoptr(GString) creditor = g_string_new (company);
  g_autoptr(GString) debtor = g_string_new (customer->name);
  guint reminders = 0;
  g_autofree char *n_reminders = NULL;
  static const Column invoice_columns[] = {
    { 0.17, PANGO_ALIGN_LEFT }, { 0.14, PANGO_ALIGN_LEFT }, { 0.14, PANGO_ALIGN_LEFT },
    { 0.16, PANGO_ALIGN_RIGHT }, { 0.16, PANGO_ALIGN_RIGHT }, { 0.10, PANGO_ALIGN_RIGHT },
    { 0.13, PANGO_ALIGN_LEFT },
  };
  static const Column event_columns[] = {
    { 0.16, PANGO_ALIGN_LEFT }, { 0.40, PANGO_ALIGN_LEFT }, { 0.44, PANGO_ALIGN_LEFT },
  };

  if (record->agency != NULL)
    {
      handed = rcv_date_format_locale (&record->handed_over_on);
      commission = rcv_percent_format (record->commission_bp);
    }
  for (guint i = 0; i < file->invoices->len; i++)
    reminders = MAX (reminders, g_array_index (file->invoices, Invoice, i).reminders);
  n_reminders = g_strdup_printf ("%u", reminders);
  if (*company_address != '\0')
    g_string_append_printf (creditor, "\n%s", company_address);
  if (*company_email != '\0' || *company_phone != '\0')
    g_string_append_printf (creditor, "\n%s%s%s", company_email,
                            *company_email != '\0' && *company_phone != '\0' ? " · " : "",
                            company_phone);
  if (customer->address != NULL && *customer->address != '\0')
    g_string_append_printf (debtor, "\n%s", customer->address);
  if (customer->email != NULL && *customer->email != '\0')
    g_string_append_printf (debtor, "\n%s", customer->email);
  if (customer->phone != NULL && *customer->phone != '\0')
    g_string_append_printf (debtor, "\n%s", customer->phone);

  pager_text (pager, company, 15, TRUE, 0);
  pager_text (pager, _("Account for collection"), 13, TRUE, 0);
  {
    g_autofree char *line = g_strdup_printf (_("%s (customer ID %s), as of %s"), customer->name,
                                             customer->code, date);

    pager_text (pager, line, 9.5, FALSE, 0.35);
  }

  {
    const char *facts[] = {
      _("Creditor"), creditor->str,
      _("Debtor"), debtor->str,
      _("Agency"), record->agency,
      _("Handed over on"), handed,
      _("Commission"), commission,
      _("Responsible"), record->responsible,
      _("Why it does not pay"), rcv_nonpayment_label (record->nonpayment),
      NULL,
    };

    pager_heading (pager, _("Parties"));
    pager_facts (pager, facts);
  }
  {
    const char *facts[] = {
      _("Open"), open,
      _("Of which disputed"), disputed,
      _("Oldest undisputed invoice, days overdue"), oldest,
      _("Reminders sent"), n_reminders,
      _("Broken promises"), promises,
      _("Missed instalments"), instalments,
      _("Average days late (12 months)"), average,
      NULL,
    };

    pager_heading (pager, _("Figures"));
    pager_facts (pager, facts);
  }

  pager_heading (pager, _("Open invoices"));
  if (file->invoices->len == 0)
    pager_text (pager, _("No invoice is open."), 9, FALSE, 0.35);
  else
    {
      const char *header[] = { _("Invoice"), _("Date"), _("Due"), _("Total"), _("Open"),
                               _("Days"), _("Disputed") };

      pager_row (pager, invoice_columns, G_N_ELEMENTS (invoice_columns), header, 8.5, TRUE);
    }
  for (guint i = 0; i < file->invoices->len; i++)
    {
      const Invoice *invoice = &g_array_index (file->invoices, Invoice, i);
      g_autofree char *issued = rcv_date_format_locale (&invoice->item->issue_date);
      g_autofree char *due = rcv_date_format_locale (&invoice->item->due_date);
      g_autofree char *total = rcv_money_format (invoice->item->total, &file->currency);
      g_autofree char *left = rcv_money_format (invoice->item->open, &file->currency);
      g_autofree char *days = g_strdup_printf ("%d", invoice->days_overdue);
      const char *cells[] = { invoice->item->number, issued, due, total, left, days,
                              invoice->disputed ? _("Yes") : "" };

      pager_row (pager, invoice_columns, G_N_ELEMENTS (invoice_columns), cells, 9, FALSE);
    }

  pager_heading (pager, _("History"));
  if (file->events->len == 0)
    pager_text (pager, _("Nothing recorded yet."), 9, FALSE, 0.35);
  for (guint i = 0; i < file->events->len; i++)
    {
      const RcvCollectionsEvent *event = g_ptr_array_index (file->events, i);
      g_autofree char *when = rcv_date_format_locale (&event->date);
      const char *cells[] = { when, event->title, event->detail };

      pager_row (pager, event_columns, G_N_ELEMENTS (event_columns), cells, 8.5, FALSE);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The summary, written whole or not at all. */
gboolean
rcv_agency_file_write_pdf (const RcvAgencyFile  *file,
                           RcvPaper              paper,
                           const char           *path,
                           GError              **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  Pager pager = { 0 };

  rcv_paper_get_size (paper, &pager.width, &pager.height);
  pager.left = MM (22);
  pager.right = MM (20);
  pager.top = MM (18);
  pager.bottom = MM (18);
  pager.y = pager.top;
  pager.running_head = g_strdup_printf ("%s · %s", file->customer->name,
                                        _("Account for collection"));
  surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, pager.width,
                                                 pager.height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, pager.running_head);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Receivables");
  pager.cr = cairo_create (surface);
  pager.context = pango_cairo_create_context (pager.cr);
  draw_file (file, &pager);
  g_object_unref (pager.context);
  cairo_show_page (pager.cr);
  status = cairo_status (pager.cr);
  cairo_destroy (pager.cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  g_free (pager.running_head);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
rcv_agency_export (RcvDatabase  *db,
                   gint64        customer_id,
                   const GDate  *as_of,
                   RcvPaper      paper,
                   const char   *pdf_path,
                   const char   *csv_path,
                   GError      **error)
{
  g_autoptr(RcvAgencyFile) file = rcv_agency_file_new (db, customer_id, as_of, error);

  if (file == NULL)
    return FALSE;
  if (pdf_path != NULL && !rcv_agency_file_write_pdf (file, paper, pdf_path, error))
    return FALSE;
  return csv_path == NULL || rcv_agency_file_write_csv (file, csv_path, error);
}

/* The CSV, written whole or not at all. */
gboolean
rcv_agency_file_write_csv (const RcvAgencyFile  *file,
                           const char           *path,
                           GError              **error)
{
  g_autofree char *csv = rcv_agency_file_to_csv (file);

  return g_file_set_contents_full (path, csv, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

typedef struct
{
  gint64 customer_id;
  GDate as_of;
  RcvPaper paper;
  char *pdf_path;
  char *csv_path;
} ExportData;

static void
export_data_free (gpointer pointer)
{
  ExportData *data = pointer;

  g_free (data->pdf_path);
  g_free (data->csv_path);
  g_free (data);
}

static gpointer
export_in_thread (RcvDatabase   *connection,
                  gpointer       pointer,
                  GCancellable  *cancellable,
                  GError       **error)
{
  ExportData *data = pointer;

  if (!rcv_agency_export (connection, data->customer_id, &data->as_of, data->paper,
                          data->pdf_path, data->csv_path, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

/* rcv_agency_export() in a worker thread, on a read connection of its own. */
void
rcv_agency_export_async (RcvDatabase         *db,
                         gint64               customer_id,
                         const GDate         *as_of,
                         RcvPaper             paper,
                         const char          *pdf_path,
                         const char          *csv_path,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  ExportData *data;

  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  data = g_new0 (ExportData, 1);
  data->customer_id = customer_id;
  data->as_of = *as_of;
  data->paper = paper;
  data->pdf_path = g_strdup (pdf_path);
  data->csv_path = g_strdup (csv_path);
  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, export_in_thread, data,
                         export_data_free, NULL, rcv_agency_export_async, cancellable, callback,
                         user_data);
}

gboolean
rcv_agency_export_finish (RcvDatabase   *db,
                          GAsyncResult  *result,
                          GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_agency_export_async, error) != NULL;
}
