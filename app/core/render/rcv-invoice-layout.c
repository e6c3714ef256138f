/* rcv-invoice-layout.c - an invoice or credit note as a document, laid out as the letters are
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The letter's paper, letterhead (with the company's tax ID in the footer), window address,
 * information block (the number as the document's reference), footer and pagination
 * (rcv-letter.c), with an invoice's flow: its notes, its lines (quantity, unit price, tax
 * rate, net amount; the header repeated atop each page the lines continue on), the net total,
 * the tax by rate on the net it is charged on, the total; then what is still to pay with the
 * invoice's RF creditor reference to quote (ISO 11649, what the Bank page matches by for
 * certain) and the EPC QR code; or that nothing is due. A credit note shows its amounts as
 * the credit they are. The amounts are those stored: nothing is rounded here.
 */
#define G_LOG_DOMAIN "rcv-letter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-error.h"
#include "rcv-invoice-layout.h"
#include "rcv-letter-layout-private.h"
#include "rcv-reference.h"

typedef struct
{
  gint tax_bp;
  gint64 net;
  gint64 tax;
} RateTotal;

void
rcv_invoice_document_free (RcvInvoiceDocument *document)
{
  if (document == NULL)
    return;
  g_clear_pointer (&document->invoice, rcv_invoice_free);
  g_clear_pointer (&document->customer, rcv_customer_free);
  g_free (document);
}

/* The RF creditor reference the payer quotes, grouped in fours ("RF26 2025 0003"). */
char *
rcv_invoice_payment_reference (const RcvInvoice *invoice)
{
  g_autofree char *reference = NULL;

  g_return_val_if_fail (invoice != NULL, NULL);

  reference = rcv_creditor_ref_make (invoice->number, invoice->id);
  return rcv_creditor_ref_format (reference);
}

static char *
money (const RcvLetterhead *head,
       gint64               amount)
{
  return rcv_money_format (amount, &head->currency);
}

/* A credit note's amounts are stored negative; its document shows them as the credit. */
static gint64
shown (const RcvInvoice *invoice,
       gint64            amount)
{
  return invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE ? -amount : amount;
}

static void
add_lines (RcvLetterLayout     *self,
           const RcvLetterhead *head,
           const RcvInvoice    *invoice)
{
  RcvLetterColumn columns[6];
  const char *header[6] = { C_("invoice document", "Pos."), _("Description"), _("Quantity"),
                            _("Unit price"), C_("invoice document", "Tax"),
                            C_("invoice document", "Amount") };
  /* position, description, quantity, unit price, tax rate, amount */
  static const double shares[6] = { 7, 39, 11, 15, 10, 18 };
  Block *block;

  rcv_letter_layout_columns (self, shares, 6, 2, columns);
  rcv_letter_layout_add_table_header (self, columns, 6, header);

  self->part = RCV_LETTER_PART_TABLE_ROW;
  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);
      gint64 line_net = shown (invoice, line->net);
      gint64 line_quantity = line->quantity_milli;
      gint64 line_price = line->unit_price;
      g_autofree char *position = NULL;
      g_autofree char *quantity = NULL;
      g_autofree char *price = NULL;
      g_autofree char *rate = rcv_percent_format (line->tax_bp);
      g_autofree char *net = money (head, line_net);
      const char *cells[6];

      /* a credit note's line is stored as a negative quantity or a negative price: shown as
       * the quantity credited at the price that gives its amount */
      if (invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE)
        {
          line_quantity = ABS (line_quantity);
          line_price = line_net < 0 ? -ABS (line_price) : ABS (line_price);
        }
      position = g_strdup_printf ("%u", i + 1);
      quantity = rcv_decimal_format (line_quantity, 3, TRUE);
      price = money (head, line_price);
      cells[0] = position;
      cells[1] = line->description;
      cells[2] = quantity;
      cells[3] = price;
      cells[4] = rate;
      cells[5] = net;
      block = rcv_letter_layout_add_row (self, columns, 6, cells, 9, FALSE);
      block->in_table = TRUE;
      block->rule_above = i > 0;
    }
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  const RateTotal *x = a, *y = b;

  return (y->tax_bp > x->tax_bp) - (y->tax_bp < x->tax_bp);   /* the highest rate first */
}

/* The lines' net and tax by tax rate: what the tax is charged on, as the stored lines sum. */
static GArray *
rates_of (const RcvInvoice *invoice)
{
  GArray *rates = g_array_new (FALSE, TRUE, sizeof (RateTotal));

  for (guint i = 0; i < invoice->lines->len; i++)
    {
      const RcvInvoiceLine *line = &g_array_index (invoice->lines, RcvInvoiceLine, i);
      RateTotal *found = NULL;

      for (guint r = 0; r < rates->len && found == NULL; r++)
        if (g_array_index (rates, RateTotal, r).tax_bp == line->tax_bp)
          found = &g_array_index (rates, RateTotal, r);
      if (found == NULL)
        {
          RateTotal fresh = { line->tax_bp, 0, 0 };

          g_array_append_val (rates, fresh);
          found = &g_array_index (rates, RateTotal, rates->len - 1);
        }
      found->net += line->net;
      found->tax += line->tax;
    }
  g_array_sort (rates, compare_rates);
  return rates;
}

static void
add_totals (RcvLetterLayout          *self,
            const RcvLetterhead      *head,
            const RcvInvoiceDocument *document)
{
  const RcvInvoice *invoice = document->invoice;
  g_autoptr(GArray) rates = rates_of (invoice);
  gint64 net = 0;

  for (guint r = 0; r < rates->len; r++)
    net += g_array_index (rates, RateTotal, r).net;
  self->part = RCV_LETTER_PART_TOTALS;
  rcv_letter_layout_add_space (self, 4);
  rcv_letter_layout_add_total_row (self, head, C_("invoice document", "Net amount"),
                                   shown (invoice, net), FALSE);
  for (guint r = 0; r < rates->len; r++)
    {
      const RateTotal *rate = &g_array_index (rates, RateTotal, r);
      g_autofree char *percent = rcv_percent_format (rate->tax_bp);
      g_autofree char *on = money (head, shown (invoice, rate->net));
      /* Translators: an invoice's tax at one rate: the rate, the net amount it is charged on */
      g_autofree char *label = g_strdup_printf (C_("invoice document", "Tax %s on %s"), percent,
                                                on);

      rcv_letter_layout_add_total_row (self, head, label, shown (invoice, rate->tax), FALSE);
    }
  rcv_letter_layout_add_total_row (self, head,
                                   invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE
                                     ? C_("invoice document", "Total credit")
                                     : C_("invoice document", "Total"),
                                   shown (invoice, invoice->total), TRUE);
  if (invoice->kind == RCV_INVOICE_KIND_INVOICE && document->open != invoice->total)
    {
      rcv_letter_layout_add_total_row (self, head, C_("invoice document", "Settled so far"),
                                       document->open - invoice->total, FALSE);
      rcv_letter_layout_add_total_row (self, head, C_("invoice document", "Still to pay"),
                                       MAX (document->open, 0), TRUE);
    }
}

static void
add_payment (RcvLetterLayout          *self,
             const RcvLetterhead      *head,
             const RcvInvoiceDocument *document)
{
  const RcvInvoice *invoice = document->invoice;
  g_autoptr(GString) text = g_string_new (NULL);

  self->part = RCV_LETTER_PART_PAYMENT;
  rcv_letter_layout_add_space (self, 12);
  if (invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE)
    {
      g_autofree char *credit = money (head, -invoice->total);

      /* Translators: a credit note's payment details; %s is its amount */
      g_string_append_printf (text, _("This credit note reduces what you owe us by %s: "
                                      "there is nothing to pay."), credit);
      rcv_letter_layout_add_text (self, text->str, 10, 0);
      return;
    }
  if (document->open <= 0)
    {
      rcv_letter_layout_add_text (self, _("This invoice is paid: nothing is due. Thank you."),
                                  10, 0);
      return;
    }
  {
    g_autofree char *reference = rcv_invoice_payment_reference (invoice);
    g_autofree char *amount = money (head, document->open);
    g_autofree char *due = rcv_letter_format_date (&invoice->due_date);

    if (head->iban[0] != '\0')
      {
        /* Translators: an invoice's payment details: amount, due date, its RF reference */
        g_string_append_printf (text, _("Please transfer %s by %s to the account below, "
                                        "quoting the reference %s."), amount, due, reference);
        rcv_letter_append_account (text, head);
      }
    else
      g_string_append_printf (text, _("Please pay %s by %s, quoting the reference %s."), amount,
                              due, reference);
    rcv_letter_layout_add_unbroken (self, g_strdup (reference));
    rcv_letter_layout_add_unbroken (self, g_strdup (due));
    rcv_letter_layout_add_unbroken (self, g_strdup (amount));
    rcv_letter_layout_add_text (self, text->str, 10, 0);
    rcv_letter_layout_add_epc_code (self, head, document->open, reference, TRUE);
  }
}

/* Lays an invoice or credit note out into pages, measuring its text through the cairo_t's
 * font map. */
RcvLetterLayout *
rcv_invoice_layout_new (const RcvLetterhead      *head,
                        const RcvInvoiceDocument *document,
                        cairo_t                  *cr)
{
  const RcvInvoice *invoice;
  RcvDunningLetter letter = { 0 };
  g_autofree char *title = NULL;
  RcvLetterLayout *self;
  gboolean credit;
  guint tail;

  g_return_val_if_fail (head != NULL && document != NULL && cr != NULL, NULL);
  g_return_val_if_fail (document->invoice != NULL && document->customer != NULL, NULL);

  invoice = document->invoice;
  credit = invoice->kind == RCV_INVOICE_KIND_CREDIT_NOTE;
  /* the letter's parts need only who it goes to, its date and its title */
  letter.customer_id = document->customer->id;
  letter.code = document->customer->code;
  letter.name = document->customer->name;
  letter.address = document->customer->address;
  letter.email = document->customer->email;
  letter.date = invoice->issue_date;
  /* Translators: a document's title: "Invoice 2026-0158", "Credit Note CN-12" */
  title = g_strdup_printf (credit ? C_("invoice document", "Credit Note %s")
                                  : C_("invoice document", "Invoice %s"), invoice->number);
  letter.title = title;
  self = rcv_letter_layout_begin (head, &letter,
                                  credit ? C_("invoice document", "Credit note no.")
                                         : C_("invoice document", "Invoice no."),
                                  invoice->number, cr);

  self->part = RCV_LETTER_PART_SUBJECT;
  rcv_letter_layout_add_paragraph (self, title, 11, TRUE, 0);
  rcv_letter_layout_add_space (self, 12);
  rcv_letter_layout_keep_together (self, 0, self->blocks->len + 1);
  self->part = RCV_LETTER_PART_BODY;
  if (invoice->description != NULL && invoice->description[0] != '\0')
    {
      rcv_letter_layout_add_text (self, invoice->description, 10, 0);
      rcv_letter_layout_add_space (self, 10);
    }
  add_lines (self, head, invoice);
  /* the last line, the totals and the payment details: one piece */
  tail = self->blocks->len - 1;
  add_totals (self, head, document);
  add_payment (self, head, document);
  rcv_letter_layout_keep_together (self, tail, self->blocks->len);
  rcv_letter_layout_finish (self);
  return self;
}

static RcvLetterLayout *
invoice_layout (const RcvLetterhead *head,
                gconstpointer        data,
                guint                i,
                cairo_t             *cr)
{
  const RcvInvoiceDocument *const *documents = data;

  return rcv_invoice_layout_new (head, documents[i], cr);
}

/* Writes the documents into one PDF, each starting on a new page, whole or not at all. */
gboolean
rcv_invoices_write_pdf (const RcvLetterhead             *head,
                        const RcvInvoiceDocument *const *documents,
                        guint                            n_documents,
                        const char                      *path,
                        guint                           *n_pages,
                        GError                         **error)
{
  g_return_val_if_fail (head != NULL && path != NULL, FALSE);
  g_return_val_if_fail (documents != NULL || n_documents == 0, FALSE);

  if (n_documents == 0)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("There are no invoices to write"));
      return FALSE;
    }
  return rcv_documents_write_pdf (head, n_documents, invoice_layout, documents,
                                  n_documents == 1 ? documents[0]->invoice->number
                                                   : C_("invoice document", "Invoices"),
                                  path, n_pages, NULL, NULL, NULL, error);
}

/* One invoice as a PDF in memory, dated by its issue date (the same bytes each time). */
GBytes *
rcv_invoice_pdf_bytes (const RcvLetterhead      *head,
                       const RcvInvoiceDocument *document,
                       GError                  **error)
{
  const RcvInvoiceDocument *documents[1] = { document };

  g_return_val_if_fail (head != NULL && document != NULL, NULL);

  return rcv_document_pdf_bytes (head, invoice_layout, documents, document->invoice->number,
                                 &document->invoice->issue_date, error);
}
