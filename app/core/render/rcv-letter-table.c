/* rcv-letter-table.c - a letter's items table, its totals, the payment
 * instructions and how interest and compensation were worked out
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
#include "rcv-reference.h"
#include "rcv-letter-private.h"
#include "rcv-text.h"

/* A row of cells side by side (a table's, the totals'). */
Block *
rcv_letter_layout_add_row (RcvLetterLayout       *self,
                           const RcvLetterColumn *columns,
                           guint                  n_columns,
                           const char           **texts,
                           double                 size,
                           gboolean               bold)
{
  Block block = { 0 };
  double x = self->geometry->left, height = 0;

  block.kind = BLOCK_ROW;
  block.part = self->part;
  block.cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (block.cells, rcv_letter_cell_clear);
  for (guint c = 0; c < n_columns; c++)
    {
      Cell cell;

      cell.x = x + 2;
      cell.layout = rcv_text_layout_new (self->context, texts[c] != NULL ? texts[c] : "", size,
                                         bold, columns[c].width - 4, columns[c].alignment);
      rcv_text_layout_keep_unbroken (cell.layout, self->unbroken, FALSE);
      /* an invoice number kept whole; headers and labels may wrap */
      if (texts[c] != NULL && g_ptr_array_find_with_equal_func (self->unbroken, texts[c],
                                                                g_str_equal, NULL))
        rcv_text_layout_fit_unbroken (cell.layout, self->unbroken, columns[c].width - 4, size, 6.5);
      height = MAX (height, rcv_layout_height (cell.layout));
      g_array_append_val (block.cells, cell);
      x += columns[c].width;
    }
  block.height = height + 5;   /* 2.5 pt above and below */
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

/* Columns sharing the content's width by `shares` (in hundredths), those from `first_right`
 * on aligned to the right (the amounts). */
void
rcv_letter_layout_columns (RcvLetterLayout *self,
                           const double    *shares,
                           guint            n_columns,
                           guint            first_right,
                           RcvLetterColumn *columns)
{
  const Geometry *g = self->geometry;
  double content = g->width - g->left - g->right;

  for (guint c = 0; c < n_columns; c++)
    {
      columns[c].width = content * shares[c] / 100.0;
      columns[c].alignment = c >= first_right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    }
}

/* A table's header row, shaded, repeated atop each page the table continues on. */
Block *
rcv_letter_layout_add_table_header (RcvLetterLayout       *self,
                                    const RcvLetterColumn *columns,
                                    guint                  n_columns,
                                    const char           **texts)
{
  Block *block;

  self->part = RCV_LETTER_PART_TABLE_HEADER;
  block = rcv_letter_layout_add_row (self, columns, n_columns, texts, 8.5, TRUE);
  block->header = TRUE;
  block->keep_with_next = TRUE;   /* never a header alone at a page's foot */
  block->in_table = TRUE;
  block->shaded = TRUE;
  return block;
}

/* Dates in the letter's sentences and its information block: "2 December 2026". */
char *
rcv_letter_format_date (const GDate *date)
{
  return rcv_date_format_long (date);
}

static char *
money (const RcvLetterhead *head,
       gint64               amount)
{
  return rcv_money_format (amount, &head->currency);
}

void
rcv_letter_layout_add_table (RcvLetterLayout        *self,
                             const RcvLetterhead    *head,
                             const RcvDunningLetter *letter)
{
  const Geometry *g = self->geometry;
  double content = g->width - g->left - g->right;
  /* number, date, due, days late, open, interest, fees: shares of the width, in 1/165ths */
  static const double shares[] = { 26, 21, 21, 21, 27, 24, 25 };
  RcvLetterColumn columns[7];
  const char *header[7];
  gboolean any_interest = letter->interest > 0, any_fees = letter->compensation > 0;
  Block *block;

  double number_width = content * shares[0] / 165.0;

  /* an invoice number is never broken: its column widens for the longest, up to 40 % of
   * the width, taken from the other columns in their shares */
  for (guint i = 0; i < letter->items->len; i++)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);
      g_autoptr(PangoLayout) number = rcv_text_layout_new (self->context, item->number, 9,
                                                           FALSE, -1, PANGO_ALIGN_LEFT);

      number_width = MAX (number_width, rcv_text_layout_width (number) + 5);
    }
  number_width = MIN (number_width, content * 0.4);
  for (guint c = 0; c < G_N_ELEMENTS (shares); c++)
    {
      columns[c].width = c == 0 ? number_width
                                : (content - number_width) * shares[c] / (165.0 - shares[0]);
      columns[c].alignment = c >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    }
  header[0] = _("Invoice");
  header[1] = _("Date");
  header[2] = _("Due");
  header[3] = _("Days late");
  header[4] = _("Open");
  header[5] = _("Interest");
  header[6] = _("Fees");
  rcv_letter_layout_add_table_header (self, columns, 7, header);

  self->part = RCV_LETTER_PART_TABLE_ROW;
  for (guint i = 0; i < letter->items->len; i++)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);
      /* the columns are narrow: numeric, but with the year's four digits */
      g_autofree char *issued = rcv_date_format_numeric (&item->issue_date);
      g_autofree char *due = rcv_date_format_numeric (&item->due_date);
      /* not yet due on a courtesy notice: no days late */
      g_autofree char *days = item->days_late >= 1 ? g_strdup_printf ("%d", item->days_late)
                                                   : g_strdup ("–");
      g_autofree char *open = money (head, item->open);
      g_autofree char *interest = any_interest ? money (head, item->interest) : g_strdup ("–");
      g_autofree char *fees = any_fees ? money (head, item->compensation) : g_strdup ("–");
      const char *cells[7] = { item->number, issued, due, days, open, interest, fees };

      block = rcv_letter_layout_add_row (self, columns, 7, (const char **) cells, 9, FALSE);
      block->in_table = TRUE;
      block->rule_above = TRUE;
    }
}

/* The company's account on lines of their own after the payment sentence, each detail kept
 * whole: the letters', the statements' and the invoices' payment details. */
void
rcv_letter_append_account (GString             *out,
                           const RcvLetterhead *head)
{
  g_string_append_printf (out, "\n%s: %s\n", _("Account holder"), head->name);
  if (head->bank[0] != '\0')
    g_string_append_printf (out, "%s: %s · ", _("Bank"), head->bank);
  g_string_append_printf (out, "IBAN: %s", head->iban);
  if (head->bic[0] != '\0')
    g_string_append_printf (out, " · BIC: %s", head->bic);
}

/* A row of the totals: its label and amount at the right. */
void
rcv_letter_layout_add_total_row (RcvLetterLayout     *self,
                                 const RcvLetterhead *head,
                                 const char          *label,
                                 gint64               amount,
                                 gboolean             bold)
{
  const Geometry *g = self->geometry;
  double content = g->width - g->left - g->right;
  g_autofree char *value = money (head, amount);
  RcvLetterColumn columns[3] = {
    { content * 0.45, PANGO_ALIGN_LEFT },
    { content * 0.35, PANGO_ALIGN_RIGHT },
    { content * 0.20, PANGO_ALIGN_RIGHT },
  };
  const char *cells[3] = { "", label, value };
  Block *block = rcv_letter_layout_add_row (self, columns, 3, cells, 9.5, bold);

  block->rule_above = bold;
}

void
rcv_letter_layout_add_totals (RcvLetterLayout        *self,
                              const RcvLetterhead    *head,
                              const RcvDunningLetter *letter)
{
  self->part = RCV_LETTER_PART_TOTALS;
  rcv_letter_layout_add_space (self, 4);
  rcv_letter_layout_add_total_row (self, head, _("Overdue invoices"), letter->open, FALSE);
  if (letter->interest > 0)
    rcv_letter_layout_add_total_row (self, head, _("Interest"), letter->interest, FALSE);
  if (letter->compensation > 0)
    rcv_letter_layout_add_total_row (self, head, _("Compensation for recovery costs"),
                                     letter->compensation, FALSE);
  if (letter->fee > 0)
    rcv_letter_layout_add_total_row (self, head, _("Reminder fee"), letter->fee, FALSE);
  if (letter->credit > 0)
    rcv_letter_layout_add_total_row (self, head, _("Less your unapplied credit"),
                                     -letter->credit, FALSE);
  rcv_letter_layout_add_total_row (self, head, _("Amount due"), letter->total, TRUE);
}

/* What the payer quotes: the RF creditor reference of the letter's invoice when it is about
 * one (`structured` TRUE), which matches the receipt to it for certain; the invoices' numbers
 * for a few (the matching finds them in the remittance text, rcv-bank-match.c); the letter's
 * own reference for more. `numbers` (may be NULL) is TRUE for the numbers. */
#define MAX_QUOTED_NUMBERS 5

char *
rcv_letter_payment_reference (const RcvDunningLetter *letter,
                              gboolean               *structured,
                              gboolean               *numbers)
{
  g_autoptr(GString) list = g_string_new (NULL);

  *structured = FALSE;
  if (numbers != NULL)
    *numbers = FALSE;
  if (letter->items->len == 1)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, 0);
      g_autofree char *ref = rcv_creditor_ref_make (item->number, item->invoice_id);

      *structured = TRUE;
      return rcv_creditor_ref_format (ref);
    }
  if (letter->items->len == 0 || letter->items->len > MAX_QUOTED_NUMBERS)
    return rcv_dunning_letter_reference (letter);
  for (guint i = 0; i < letter->items->len; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "",
                            g_array_index (letter->items, RcvDunningItem, i).number);
  if (numbers != NULL)
    *numbers = TRUE;
  return g_string_free (g_steal_pointer (&list), FALSE);
}

char *
rcv_letter_payment_instructions (const RcvLetterhead    *head,
                                 const RcvDunningLetter *letter)
{
  g_autofree char *total = money (head, letter->total);
  g_autofree char *deadline = rcv_letter_format_date (&letter->deadline);
  gboolean structured = FALSE, numbers = FALSE;
  g_autofree char *reference = rcv_letter_payment_reference (letter, &structured, &numbers);
  GString *out = g_string_new (NULL);

  if (head->iban[0] != '\0')
    {
      if (!numbers)
        /* Translators: the payment instructions: amount, date, then the reference */
        g_string_append_printf (out, _("Please transfer %s by %s to the account below, quoting "
                                       "the reference %s."),
                                total, deadline, reference);
      else
        /* Translators: the payment instructions: amount, date, then the invoice numbers */
        g_string_append_printf (out, _("Please transfer %s by %s to the account below, quoting "
                                       "the invoice numbers %s."),
                                total, deadline, reference);
      rcv_letter_append_account (out, head);
    }
  else if (!numbers)
    g_string_append_printf (out, _("Please pay %s by %s, quoting the reference %s."), total,
                            deadline, reference);
  else
    g_string_append_printf (out, _("Please pay %s by %s, quoting the invoice numbers %s."),
                            total, deadline, reference);
  return g_string_free (out, FALSE);
}

/* "1,000.00 € × 11.27 % × 30 days (1 June 2025 to 30 June 2025) + … ÷ 365 = 26.71 €": one
 * invoice's interest as it was reckoned. */
static void
append_item_basis (GString              *out,
                   const RcvLetterhead  *head,
                   const RcvDunningItem *item)
{
  g_autofree char *open = money (head, item->open);
  g_autofree char *interest = money (head, item->interest);
  g_autoptr(GString) terms = g_string_new (NULL);

  for (guint i = 0; i < item->periods->len; i++)
    {
      const RcvInterestPeriod *p = &g_array_index (item->periods, RcvInterestPeriod, i);
      g_autofree char *from = rcv_letter_format_date (&p->from);
      g_autofree char *to = rcv_letter_format_date (&p->to);
      g_autofree char *rate = rcv_percent_format (p->rate_bp);
      g_autofree char *days = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days",
                                                            (gulong) p->days), p->days);

      if (i > 0)
        g_string_append (terms, " + ");
      /* Translators: one stretch of an invoice's interest: rate, days, from, to:
       * "11.27 % × 30 days (1 June 2025 to 30 June 2025)" */
      g_string_append_printf (terms, _("%s × %s (%s to %s)"), rate, days, from, to);
    }
  /* Translators: an invoice's interest: number, open amount, the stretches, the interest:
   * "R-1: 1,000.00 € × [11.27 % × 30 days (…) + …] ÷ 365 = 26.71 €" */
  g_string_append_printf (out, item->periods->len > 1 ? _("%s: %s × [%s] ÷ 365 = %s")
                                                      : _("%s: %s × %s ÷ 365 = %s"),
                          item->number, open, terms->str, interest);
  g_string_append_c (out, '\n');
}

/* The law the fixed compensation rests on: the statutory regime's, else the EU's or the
 * UK's by the kind of compensation. */
static const char *
compensation_basis (const RcvDunningLetter *letter)
{
  const RcvStatutoryRegime *regime = rcv_statutory_regime (letter->interest_kind);

  if (regime != NULL && regime->compensation == letter->compensation_kind)
    return regime->compensation_basis;
  return rcv_statutory_regime (letter->compensation_kind == RCV_COMPENSATION_UK
                                 ? RCV_INTEREST_STATUTORY_UK
                                 : RCV_INTEREST_STATUTORY_EU)->compensation_basis;
}

/* How the interest and the fees were reckoned, so that the customer can check them: the
 * law and its rule, then each invoice's rate, periods, days and amount. */
char *
rcv_letter_calculation_basis (const RcvLetterhead    *head,
                              const RcvDunningLetter *letter)
{
  GString *out = g_string_new (NULL);

  if (letter->interest > 0)
    {
      const RcvStatutoryRegime *regime = rcv_statutory_regime (letter->interest_kind);

      if (regime != NULL)
        /* Translators: the law and its rule, then how it is applied */
        g_string_append_printf (out, _("Interest: %s; simple interest on each invoice’s open "
                                       "amount for each day it is late, a year of 365 days, "
                                       "rounded once per invoice."), regime->interest_basis);
      else
        g_string_append (out, _("Interest: the agreed annual rate; simple interest on each "
                                "invoice’s open amount for each day it is late, a year of 365 "
                                "days, rounded once per invoice."));
      g_string_append_c (out, '\n');
      for (guint i = 0; i < letter->items->len; i++)
        {
          const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);

          if (item->interest > 0 && item->periods != NULL && item->periods->len > 0)
            append_item_basis (out, head, item);
        }
    }
  if (letter->compensation > 0)
    {
      g_autofree char *amount = money (head, letter->compensation);
      guint n = 0;

      for (guint i = 0; i < letter->items->len; i++)
        n += g_array_index (letter->items, RcvDunningItem, i).compensation > 0;
      /* Translators: the law, then the number of late invoices and the sum claimed */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "Compensation: %s; claimed once for %u late "
                                                "invoice: %s.",
                                                "Compensation: %s; claimed once for each of %u "
                                                "late invoices: %s.", n),
                              compensation_basis (letter), n, amount);
      g_string_append_c (out, '\n');
    }
  if (letter->fee > 0)
    {
      g_autofree char *fee = money (head, letter->fee);

      g_string_append_printf (out, _("Reminder fee: %s for this letter."), fee);
      g_string_append_c (out, '\n');
    }
  if (letter->credit > 0)
    {
      g_autofree char *credit = money (head, letter->credit);

      g_string_append_printf (out, _("Your unapplied credit of %s has been deducted."), credit);
      g_string_append_c (out, '\n');
    }
  if (out->len > 0)
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}
