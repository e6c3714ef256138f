/* rcv-statement-layout.c - a customer's statement of account, laid out as the letters are
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The letter's paper, letterhead, window address, information block, footer and pagination
 * (rcv-letter.c), with a statement's flow: the period, the balance brought forward, each
 * document with the balance after it, the closing balance; the invoices still open with their
 * days overdue and the open amount by age (the company's buckets); the credit not applied; and
 * what to pay, quoting the RF creditor reference of the one invoice open or the open invoices'
 * numbers, with the EPC QR code, or that nothing is due.
 */
#define G_LOG_DOMAIN "rcv-letter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-letter-layout-private.h"
#include "rcv-reference.h"
#include "rcv-statement-layout.h"

#define MAX_QUOTED_NUMBERS 5

static char *
money (const RcvLetterhead *head,
       gint64               amount)
{
  return rcv_money_format (amount, &head->currency);
}

/* The statement's own reference: the customer's ID, the date, "S". */
char *
rcv_statement_reference (const RcvAccountStatement *statement)
{
  g_return_val_if_fail (statement != NULL, NULL);

  return g_strdup_printf ("%s-%04u%02u%02u-S", statement->code,
                          (guint) g_date_get_year (&statement->as_of),
                          (guint) g_date_get_month (&statement->as_of),
                          (guint) g_date_get_day (&statement->as_of));
}

/* What the payer quotes: the RF reference of the one invoice open (`structured`), the numbers
 * of up to five (`numbers`, may be NULL), the statement's reference beyond. */
char *
rcv_statement_payment_reference (const RcvAccountStatement *statement,
                                 gboolean                  *structured,
                                 gboolean                  *numbers)
{
  g_autoptr(GString) list = g_string_new (NULL);

  g_return_val_if_fail (statement != NULL && structured != NULL, NULL);

  *structured = FALSE;
  if (numbers != NULL)
    *numbers = FALSE;
  if (statement->items->len == 1)
    {
      const RcvStatementItem *item = &g_array_index (statement->items, RcvStatementItem, 0);
      g_autofree char *ref = rcv_creditor_ref_make (item->number, item->invoice_id);

      *structured = TRUE;
      return rcv_creditor_ref_format (ref);
    }
  if (statement->items->len == 0 || statement->items->len > MAX_QUOTED_NUMBERS)
    return rcv_statement_reference (statement);
  for (guint i = 0; i < statement->items->len; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                            g_array_index (statement->items, RcvStatementItem, i).number);
  if (numbers != NULL)
    *numbers = TRUE;
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static const char *
line_kind (const RcvStatementLine *line)
{
  switch (line->kind)
    {
    case RCV_STATEMENT_INVOICE:
      return C_("statement", "Invoice");
    case RCV_STATEMENT_CREDIT_NOTE:
      return C_("statement", "Credit note");
    case RCV_STATEMENT_PAYMENT:
    default:
      return C_("statement", "Payment");
    }
}

static void
add_documents (RcvLetterLayout           *self,
               const RcvLetterhead       *head,
               const RcvAccountStatement *statement)
{
  RcvLetterColumn columns[6];
  const char *header[6] = { _("Date"), C_("statement", "Document"), C_("statement", "Details"),
                            _("Due"), C_("statement", "Amount"), C_("statement", "Balance") };
  g_autofree char *opening = money (head, statement->opening);
  g_autofree char *closing = money (head, statement->closing);
  g_autofree char *closing_date = rcv_date_format_numeric (&statement->as_of);
  /* date, document, details, due, amount, balance */
  static const double shares[6] = { 13, 15, 30, 13, 14.5, 14.5 };
  Block *block;

  rcv_letter_layout_columns (self, shares, 6, 4, columns);
  rcv_letter_layout_add_table_header (self, columns, 6, header);

  self->part = RCV_LETTER_PART_TABLE_ROW;
  {
    g_autofree char *from = rcv_date_format_numeric (&statement->from);
    const char *cells[6] = { from, "", C_("statement", "Balance brought forward"), "", "",
                             opening };

    block = rcv_letter_layout_add_row (self, columns, 6, cells, 9, FALSE);
    block->in_table = TRUE;
  }
  for (guint i = 0; i < statement->lines->len; i++)
    {
      const RcvStatementLine *line = &g_array_index (statement->lines, RcvStatementLine, i);
      g_autofree char *date = rcv_date_format_numeric (&line->date);
      g_autofree char *due = g_date_valid (&line->due_date)
                               ? rcv_date_format_numeric (&line->due_date) : g_strdup ("");
      g_autofree char *amount = money (head, line->amount);
      g_autofree char *balance = money (head, line->balance);
      g_autoptr(GString) details = g_string_new (line_kind (line));
      const char *cells[6];

      if (line->method != NULL && line->method[0] != '\0')
        g_string_append_printf (details, " (%s)", line->method);
      if (line->applied != NULL)
        /* Translators: after a payment or credit note on a statement: the invoices it settled */
        g_string_append_printf (details, ", %s", line->applied);
      cells[0] = date;
      cells[1] = line->number;
      cells[2] = details->str;
      cells[3] = due;
      cells[4] = amount;
      cells[5] = balance;
      block = rcv_letter_layout_add_row (self, columns, 6, cells, 9, FALSE);
      block->in_table = TRUE;
      block->rule_above = TRUE;
    }
  {
    /* Translators: the statement's last row; %s is the date */
    g_autofree char *label = g_strdup_printf (C_("statement", "Balance on %s"), closing_date);
    const char *cells[6] = { "", "", label, "", "", closing };

    self->part = RCV_LETTER_PART_TOTALS;
    block = rcv_letter_layout_add_row (self, columns, 6, cells, 9.5, TRUE);
    block->rule_above = TRUE;
  }
}

/* The invoices open, with their days overdue, then the open amount by age. */
static void
add_open_items (RcvLetterLayout           *self,
                const RcvLetterhead       *head,
                const RcvAccountStatement *statement)
{
  const Geometry *g = self->geometry;
  double content = g->width - g->left - g->right;
  RcvLetterColumn columns[5] = {
    { content * 0.30, PANGO_ALIGN_LEFT }, { content * 0.17, PANGO_ALIGN_LEFT },
    { content * 0.17, PANGO_ALIGN_LEFT }, { content * 0.16, PANGO_ALIGN_RIGHT },
    { content * 0.20, PANGO_ALIGN_RIGHT },
  };
  const char *header[5] = { C_("statement", "Open invoice"), _("Date"), _("Due"),
                            C_("statement", "Days overdue"), _("Open") };
  RcvLetterColumn age_columns[RCV_AGING_MAX_BUCKETS];
  const char *age_header[RCV_AGING_MAX_BUCKETS];
  const char *age_cells[RCV_AGING_MAX_BUCKETS];
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  Block *block;
  guint first = self->blocks->len;

  self->part = RCV_LETTER_PART_BODY;
  rcv_letter_layout_add_space (self, 14);
  self->part = RCV_LETTER_PART_TABLE_HEADER;
  /* not the table header repeated atop a page: that one is the documents' (rcv-letter.c) */
  block = rcv_letter_layout_add_row (self, columns, 5, header, 8.5, TRUE);
  block->keep_with_next = TRUE;
  block->shaded = TRUE;
  self->part = RCV_LETTER_PART_TABLE_ROW;
  for (guint i = 0; i < statement->items->len; i++)
    {
      const RcvStatementItem *item = &g_array_index (statement->items, RcvStatementItem, i);
      g_autofree char *issued = rcv_date_format_numeric (&item->issue_date);
      g_autofree char *due = rcv_date_format_numeric (&item->due_date);
      g_autofree char *days = item->days_overdue >= 1 ? g_strdup_printf ("%d", item->days_overdue)
                                                      : g_strdup ("–");
      g_autofree char *open = money (head, item->open);
      const char *cells[5] = { item->number, issued, due, days, open };

      block = rcv_letter_layout_add_row (self, columns, 5, cells, 9, FALSE);
      block->rule_above = TRUE;
    }
  if (statement->items->len == 0)
    {
      const char *cells[5] = { C_("statement", "None"), "", "", "", "" };

      rcv_letter_layout_add_row (self, columns, 5, cells, 9, FALSE);
    }

  /* the open amount by age, in the company's buckets */
  rcv_letter_layout_add_space (self, 8);
  for (guint b = 0; b < statement->n_buckets; b++)
    {
      char *label = rcv_aging_bucket_label (statement->boundaries, statement->n_boundaries, b);
      char *amount = money (head, statement->buckets[b]);

      age_columns[b].width = content / statement->n_buckets;
      age_columns[b].alignment = PANGO_ALIGN_RIGHT;
      age_header[b] = label;
      age_cells[b] = amount;
      g_ptr_array_add (texts, label);
      g_ptr_array_add (texts, amount);
    }
  block = rcv_letter_layout_add_row (self, age_columns, statement->n_buckets, age_header, 8.5,
                                     TRUE);
  block->shaded = TRUE;
  block->keep_with_next = TRUE;
  rcv_letter_layout_add_row (self, age_columns, statement->n_buckets, age_cells, 9, FALSE);
  rcv_letter_layout_keep_together (self, first, self->blocks->len);
}

static void
add_payment (RcvLetterLayout           *self,
             const RcvLetterhead       *head,
             const RcvAccountStatement *statement)
{
  g_autofree char *closing = money (head, statement->closing);
  g_autoptr(GString) text = g_string_new (NULL);
  guint first;

  self->part = RCV_LETTER_PART_PAYMENT;
  rcv_letter_layout_add_space (self, 12);
  first = self->blocks->len;
  if (statement->unapplied < 0)
    {
      g_autofree char *credit = money (head, -statement->unapplied);

      /* Translators: a statement's credit not yet set against invoices */
      g_string_append_printf (text, _("Payments and credits of %s are not yet set against an "
                                      "invoice; they are counted in the balance."), credit);
      g_string_append (text, "\n\n");
    }
  if (statement->closing > 0)
    {
      gboolean structured = FALSE, numbers = FALSE;
      g_autofree char *reference = rcv_statement_payment_reference (statement, &structured,
                                                                    &numbers);

      if (head->iban[0] != '\0')
        {
          if (numbers)
            /* Translators: a statement's payment details: the balance, the invoice numbers */
            g_string_append_printf (text, _("Please transfer the balance of %s to the account "
                                            "below, quoting the invoice numbers %s."), closing,
                                    reference);
          else
            /* Translators: a statement's payment details: the balance, the reference */
            g_string_append_printf (text, _("Please transfer the balance of %s to the account "
                                            "below, quoting the reference %s."), closing,
                                    reference);
          rcv_letter_append_account (text, head);
        }
      else if (numbers)
        g_string_append_printf (text, _("Please pay the balance of %s, quoting the invoice "
                                        "numbers %s."), closing, reference);
      else
        g_string_append_printf (text, _("Please pay the balance of %s, quoting the reference "
                                        "%s."), closing, reference);
      rcv_letter_layout_add_unbroken (self, g_strdup (reference));
      rcv_letter_layout_add_text (self, text->str, 10, 0);
      rcv_letter_layout_add_epc_code (self, head, statement->closing, reference, structured);
    }
  else
    {
      if (statement->closing < 0)
        {
          g_autofree char *favour = money (head, -statement->closing);

          g_string_append_printf (text, _("The balance of %s is in your favour: nothing is "
                                          "due."), favour);
        }
      else
        g_string_append (text, _("Your account is settled: nothing is due."));
      rcv_letter_layout_add_text (self, text->str, 10, 0);
    }
  rcv_letter_layout_keep_together (self, first, self->blocks->len);
}

/* Lays a statement out into pages, measuring its text through the cairo_t's font map. */
RcvLetterLayout *
rcv_statement_layout_new (const RcvLetterhead       *head,
                          const RcvAccountStatement *statement,
                          cairo_t                   *cr)
{
  RcvDunningLetter letter = { 0 };
  g_autofree char *reference = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *period = NULL;
  RcvLetterLayout *self;

  g_return_val_if_fail (head != NULL && statement != NULL && cr != NULL, NULL);

  /* the letter's parts need only who it goes to, its date and its title */
  letter.customer_id = statement->customer_id;
  letter.code = statement->code;
  letter.name = statement->name;
  letter.address = statement->address;
  letter.email = statement->email;
  letter.date = statement->as_of;
  letter.title = (char *) C_("statement", "Statement of Account");
  reference = rcv_statement_reference (statement);
  self = rcv_letter_layout_begin (head, &letter, NULL, reference, cr);
  for (guint i = 0; i < statement->lines->len; i++)
    rcv_letter_layout_add_unbroken (self, g_strdup (g_array_index (statement->lines,
                                                                   RcvStatementLine, i).number));
  for (guint i = 0; i < statement->items->len; i++)
    rcv_letter_layout_add_unbroken (self, g_strdup (g_array_index (statement->items,
                                                                   RcvStatementItem, i).number));

  self->part = RCV_LETTER_PART_SUBJECT;
  rcv_letter_layout_add_paragraph (self, letter.title, 11, TRUE, 0);
  rcv_letter_layout_add_space (self, 12);
  rcv_letter_layout_keep_together (self, 0, self->blocks->len + 1);
  self->part = RCV_LETTER_PART_BODY;
  from = rcv_letter_format_date (&statement->from);
  to = rcv_letter_format_date (&statement->as_of);
  /* Translators: a statement's first sentence: the period's first and last day */
  period = g_strdup_printf (_("Your account with us from %s to %s: every invoice, credit note "
                              "and payment, and the balance after each."), from, to);
  rcv_letter_layout_add_text (self, period, 10, 0);
  rcv_letter_layout_add_space (self, 10);
  add_documents (self, head, statement);
  add_open_items (self, head, statement);
  add_payment (self, head, statement);
  rcv_letter_layout_finish (self);
  return self;
}

static RcvLetterLayout *
statement_layout (const RcvLetterhead *head,
                  gconstpointer        data,
                  guint                i,
                  cairo_t             *cr)
{
  const RcvAccountStatement *const *statements = data;

  return rcv_statement_layout_new (head, statements[i], cr);
}

/* Writes the statements into one PDF, each starting on a new page, whole or not at all. */
gboolean
rcv_statements_write_pdf (const RcvLetterhead              *head,
                          const RcvAccountStatement *const *statements,
                          guint                             n_statements,
                          const char                       *path,
                          guint                            *n_pages,
                          RcvProgressFunc                   progress,
                          gpointer                          user_data,
                          GCancellable                     *cancellable,
                          GError                          **error)
{
  g_return_val_if_fail (head != NULL && path != NULL, FALSE);
  g_return_val_if_fail (statements != NULL || n_statements == 0, FALSE);

  if (n_statements == 0)
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("There are no statements to write: no customer owes or is owed "
                             "anything"));
      return FALSE;
    }
  return rcv_documents_write_pdf (head, n_statements, statement_layout, statements,
                                  C_("statement", "Statements of account"), path, n_pages,
                                  progress, user_data, cancellable, error);
}

/* A statement as a PDF in memory. */
GBytes *
rcv_statement_pdf_bytes (const RcvLetterhead       *head,
                         const RcvAccountStatement *statement,
                         GError                   **error)
{
  const RcvAccountStatement *statements[1] = { statement };

  return rcv_document_pdf_bytes (head, statement_layout, statements,
                                 C_("statement", "Statement of Account"), &statement->as_of,
                                 error);
}
