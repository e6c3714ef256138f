/* rcv-letter.c - reminder letters laid out with Pango on any cairo_t: PDF, print, preview
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One layout code for the PDF file, the print page and the preview: everything is measured
 * in points (1/72 inch) on a Pango context of 72 dpi with unhinted metrics, so a letter breaks
 * into the same pages wherever it is drawn.
 *
 * The first page is placed for a window envelope: on A4 as DIN 5008 form B (the address
 * field 45 mm from the top and 20 mm from the left, 85 × 45 mm, its first 17.7 mm for the
 * return address; the information block at 125 mm; the text from 98.46 mm; fold marks at
 * 105 and 210 mm and the punch mark at 148.5 mm), on US Letter for a #10 envelope (the
 * address 2 in from the top and 1 in from the left, folds in thirds).
 *
 * The text flows as blocks (a line of a paragraph, a row of the table, a space): a block that
 * does not fit starts a new page, and the table's header is repeated on every page it runs
 * to. Blocks that must stay together are chained (keep_with_next): the table's header with
 * its first row, and the last row with the totals, the payment details and the closing, so
 * that the payment details never stand alone on a page and the letter is signed under them.
 * Names, addresses and the level's text are set as plain text, never as markup; e-mail
 * addresses, IBANs, references and invoice numbers are never broken across lines.
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
#include "rcv-epc-qr.h"
#include "rcv-letter.h"
#include "rcv-letter-layout-private.h"
#include "rcv-letter-private.h"
#include "rcv-text.h"

/* The return address above the window: its size, and the smallest still readable. */
#define RETURN_SIZE 7.0
#define RETURN_MIN_SIZE 6.0

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_clear_pointer (&block->cells, g_array_unref);
  g_clear_pointer (&block->payload, g_free);
}

void
rcv_letter_cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->layout);
}

void
rcv_letter_layout_add_space (RcvLetterLayout *self,
                             double           height)
{
  Block block = { 0 };

  block.kind = BLOCK_SPACE;
  block.height = height;
  block.part = self->part;
  g_array_append_val (self->blocks, block);
}

/* A paragraph, one block per line so that it may break across pages. */
void
rcv_letter_layout_add_paragraph (RcvLetterLayout *self,
               const char      *text,
               double           size,
               gboolean         bold,
               double           grey)
{
  const Geometry *g = self->geometry;
  g_autoptr(PangoLayout) layout = rcv_text_layout_new (self->context, text, size, bold,
                                                       g->width - g->left - g->right,
                                                       PANGO_ALIGN_LEFT);
  PangoLayoutIter *iter;
  int line = 0;

  if (grey > 0)
    {
      PangoAttrList *attrs = pango_attr_list_new ();
      guint16 level = (guint16) (grey * 65535);

      pango_attr_list_insert (attrs, pango_attr_foreground_new (level, level, level));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  rcv_text_layout_keep_unbroken (layout, self->unbroken, FALSE);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoRectangle logical;
      Block block = { 0 };

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      block.kind = BLOCK_LINE;
      block.x = g->left;
      block.layout = g_object_ref (layout);
      block.line = line++;
      block.part = self->part;
      block.height = (double) logical.height / PANGO_SCALE;
      block.baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      g_array_append_val (self->blocks, block);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Each paragraph of a text (blank lines separate them) as lines, with a half-line between. */
void
rcv_letter_layout_add_text (RcvLetterLayout *self,
          const char      *text,
          double           size,
          double           grey)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        rcv_letter_layout_add_space (self, size * 0.6);
      else
        rcv_letter_layout_add_paragraph (self, lines[i], size, FALSE, grey);
    }
}

/* Under the payment details, for a transfer in euro to the company's IBAN: the EPC QR code
 * ("GiroCode") a payer's banking app reads, the amount and the reference (an RF creditor
 * reference when `structured`, else a text) filled in, with its caption beside it. */
void
rcv_letter_layout_add_epc_code (RcvLetterLayout     *self,
                                const RcvLetterhead *head,
                                gint64               amount,
                                const char          *reference,
                                gboolean             structured)
{
  g_autofree char *payload = rcv_epc_payload (head->bic, head->name, head->iban, amount,
                                              &head->currency, NULL,
                                              structured ? reference : NULL,
                                              structured ? NULL : reference);
  const Geometry *g = self->geometry;
  Block block = { 0 };
  g_autoptr(PangoLayout) caption = NULL;

  if (payload == NULL)
    return;
  rcv_letter_layout_add_space (self, 6);
  block.kind = BLOCK_QR;
  block.height = MM (28);
  block.x = g->left - MM (1.5);   /* the code's quiet zone stands in the margin */
  block.part = self->part;
  block.payload = g_steal_pointer (&payload);
  caption = rcv_text_layout_new (self->context,
                                 _("Scan the code with your banking app: the transfer is "
                                       "filled in."),
                                 8, FALSE, g->width - g->left - g->right - MM (32),
                                 PANGO_ALIGN_LEFT);
  block.layout = g_steal_pointer (&caption);
  g_array_append_val (self->blocks, block);
}

/* The return address ("Company · Street 1 · 10115 Berlin · Country") on one line inside the
 * window's width: in smaller print, down to RETURN_MIN_SIZE; then without the company's
 * country (the last line, after the town's); only then shortened in the middle, where the
 * ellipsis shows it. Never cut off silently at the window's edge. */
static void
fit_return_line (RcvLetterLayout     *self,
                 const RcvLetterhead *head)
{
  const Geometry *g = self->geometry;
  g_auto(GStrv) lines = rcv_letter_address_lines (head->address);
  guint n = g_strv_length (lines);
  gboolean country = rcv_letter_address_has_country ((const char *const *) lines);
  g_autofree char *last = NULL;

  for (guint drop = 0; drop <= (country ? 1u : 0u); drop++)
    {
      g_autoptr(GString) text = g_string_new (head->name);

      for (guint i = 0; i + drop < n; i++)
        g_string_append_printf (text, "%s%s", text->len > 0 ? " · " : "", lines[i]);
      for (double size = RETURN_SIZE; size >= RETURN_MIN_SIZE - 0.01; size -= 0.5)
        {
          g_autoptr(PangoLayout) layout = rcv_text_layout_new (self->context, text->str, size,
                                                               FALSE, -1, PANGO_ALIGN_LEFT);

          rcv_text_layout_keep_unbroken (layout, NULL, FALSE);
          if (rcv_text_layout_width (layout) <= g->address_width)
            {
              self->return_line = g_steal_pointer (&layout);
              self->return_size = size;
              return;
            }
        }
      g_free (last);
      last = g_string_free (g_steal_pointer (&text), FALSE);
    }
  self->return_line = rcv_text_layout_new (self->context, last, RETURN_MIN_SIZE, FALSE, -1,
                                           PANGO_ALIGN_LEFT);
  pango_layout_set_width (self->return_line, (int) (g->address_width * PANGO_SCALE));
  pango_layout_set_ellipsize (self->return_line, PANGO_ELLIPSIZE_MIDDLE);
  self->return_size = RETURN_MIN_SIZE;
}

static void
build_fixed_parts (RcvLetterLayout        *self,
                   const RcvLetterhead    *head,
                   const RcvDunningLetter *letter,
                   const char             *reference_label,
                   const char             *reference)
{
  const Geometry *g = self->geometry;
  g_autofree char *address_line = NULL;
  g_autofree char *date = rcv_letter_format_date (&letter->date);
  g_autoptr(GString) head_lines = g_string_new (NULL);
  g_autoptr(GString) footer = g_string_new (head->name);
  g_autoptr(GString) bank = g_string_new (NULL);
  g_autoptr(GString) running = g_string_new (NULL);
  /* isolated (rcv-text.c): the name cannot reorder the address or the running head */
  g_autofree char *name = rcv_text_isolate (letter->name, 0);
  /* the letter's own reference ("Unser Zeichen" in DIN 5008), not the one the payer quotes,
   * which the payment details give */
  const char *labels[5] = { _("Customer ID"), _("Date"),
                            reference_label != NULL ? reference_label
                                                    : C_("letter", "Our reference"),
                            _("Email"), _("Phone") };
  const char *values[5] = { letter->code, date, reference, head->email, head->phone };
  g_auto(GStrv) address = g_strsplit (head->address, "\n", -1);
  double logo_width = 0, label_width = 0;

  address_line = g_strjoinv (" · ", address);
  if (self->logo != NULL)
    logo_width = MIN (MM (50), cairo_image_surface_get_width (self->logo) * MM (25) /
                                 cairo_image_surface_get_height (self->logo));

  self->head_name = rcv_text_layout_new (self->context, head->name, 15, TRUE,
                                         g->width - g->left - g->right - logo_width - MM (5),
                                         PANGO_ALIGN_LEFT);
  g_string_append (head_lines, address_line);
  if (head->contact[0] != '\0')
    g_string_append_printf (head_lines, "\n%s", head->contact);
  self->head_lines = rcv_text_layout_new (self->context, head_lines->str, 8.5, FALSE,
                                          g->width - g->left - g->right - logo_width - MM (5),
                                          PANGO_ALIGN_LEFT);
  rcv_text_layout_keep_unbroken (self->head_lines, self->unbroken, FALSE);

  if (g->return_y >= 0)
    fit_return_line (self, head);

  rcv_letter_fit_recipient (self->context, g->address_width, g->address_height, letter,
                            &self->recipient, &self->recipient_size);

  /* the labels' column as wide as its longest label, so that the values (an e-mail address
   * is long) have the rest */
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      g_autoptr(PangoLayout) label = NULL;

      if (values[i] == NULL || values[i][0] == '\0')
        continue;
      label = rcv_text_layout_new (self->context, labels[i], 8.5, FALSE, -1, PANGO_ALIGN_LEFT);
      label_width = MAX (label_width, rcv_text_layout_width (label) + MM (3));
    }
  label_width = MIN (label_width, g->info_width * 0.45);
  self->info = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->info, rcv_letter_cell_clear);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      double value_width = g->info_width - label_width;
      Cell label, value;

      if (values[i] == NULL || values[i][0] == '\0')
        continue;
      label.x = g->info_x;
      label.layout = rcv_text_layout_new (self->context, labels[i], 8.5, FALSE,
                                          label_width - MM (1), PANGO_ALIGN_LEFT);
      rcv_text_layout_fit_unbroken (label.layout, NULL, label_width - MM (1), 8.5, 7);
      value.x = g->info_x + label_width;
      value.layout = rcv_text_layout_new (self->context, values[i], 8.5, FALSE, value_width,
                                          PANGO_ALIGN_LEFT);
      rcv_text_layout_keep_unbroken (value.layout, self->unbroken, FALSE);
      rcv_text_layout_fit_unbroken (value.layout, self->unbroken, value_width, 8.5, 7);
      g_array_append_val (self->info, label);
      g_array_append_val (self->info, value);
    }

  /* the footer: the company and its tax ID, then its bank */
  if (head->tax_id[0] != '\0')
    g_string_append_printf (footer, " · %s: %s", _("Tax ID"), head->tax_id);
  if (head->bank[0] != '\0')
    g_string_append (bank, head->bank);
  if (head->iban[0] != '\0')
    g_string_append_printf (bank, "%sIBAN: %s", bank->len > 0 ? " · " : "", head->iban);
  if (head->bic[0] != '\0')
    g_string_append_printf (bank, "%sBIC: %s", bank->len > 0 ? " · " : "", head->bic);
  if (bank->len > 0)
    g_string_append_printf (footer, "\n%s", bank->str);
  self->footer = rcv_text_layout_new (self->context, footer->str, 7, FALSE,
                                      (g->width - g->left - g->right) * 0.8, PANGO_ALIGN_LEFT);
  rcv_text_layout_keep_unbroken (self->footer, self->unbroken, FALSE);

  g_string_append_printf (running, "%s · %s · %s", name, letter->title, date);
  self->running_head = rcv_text_layout_new (self->context, running->str, 8, FALSE,
                                            (g->width - g->left - g->right) * 0.8,
                                            PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (self->running_head, PANGO_ELLIPSIZE_END);
}

/* The height of the chain of blocks that starts at `first` (up to the first block not kept
 * with its next), and its last block. */
static double
chain_height (RcvLetterLayout *self,
              guint            first,
              guint           *last)
{
  double height = 0;
  guint i;

  for (i = first; i < self->blocks->len; i++)
    {
      const Block *block = &g_array_index (self->blocks, Block, i);

      height += block->height;
      if (!block->keep_with_next)
        break;
    }
  *last = MIN (i, self->blocks->len - 1);
  return height;
}

void
rcv_letter_layout_finish (RcvLetterLayout *self)
{
  const Geometry *g = self->geometry;
  double limit = g->height - g->bottom;
  double top = g->top + MM (8);          /* below the running head */
  double header_height = 0;
  double y = g->text_y;
  guint zero = 0, chain_end = 0;
  gboolean in_chain = FALSE;

  g_array_append_val (self->page_starts, zero);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double needed = block->height;
      double page_top;

      if (block->header)
        {
          self->table_header = block;
          header_height = block->height;
        }
      /* a chain that fits on a fresh page is not split: it starts the next page whole */
      if (!in_chain || i > chain_end)
        {
          double chain = chain_height (self, i, &chain_end);
          double fresh = top + (block->in_table && !block->header ? header_height : 0);

          in_chain = chain_end > i;
          if (in_chain && fresh + chain <= limit)
            needed = chain;
        }
      page_top = top + (block->in_table && !block->header ? header_height : 0);
      if (y + needed > limit && y > page_top + 0.5)
        {
          g_array_append_val (self->page_starts, i);
          y = page_top;
          if (block->kind == BLOCK_SPACE)
            continue;            /* no space at a page's top */
        }
      y += block->height;
    }
}

/* Splits a level's text into its body and its closing ("Kind regards\n{company}"), which
 * the letter sets under the table and the payment details, where it is signed. The closing
 * is the last paragraph (after the last blank line) when there is more than one and it has at
 * most three lines, of which the last is the signature "{company}" (as in every built-in text,
 * "Veuillez agréer nos salutations distinguées.\n{company}" too) or the first is a short
 * phrase (40 characters at most, without a placeholder): a text that ends in a sentence of
 * its own has no closing to move. */
static void
split_closing (const char  *text,
               char       **body,
               char       **closing)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  const char *blank = g_strrstr (trimmed, "\n\n");
  g_auto(GStrv) lines = NULL;

  *body = NULL;
  *closing = NULL;
  if (blank != NULL)
    {
      guint n;

      lines = g_strsplit (blank + 2, "\n", -1);
      n = g_strv_length (lines);
      if (n >= 1 && n <= 3 && lines[0][0] != '\0' &&
          ((n >= 2 && g_str_equal (g_strstrip (lines[n - 1]), "{company}")) ||
           (g_utf8_strlen (lines[0], -1) <= 40 && strchr (lines[0], '{') == NULL)))
        {
          *body = g_strndup (trimmed, blank - trimmed);
          *closing = g_strdup (blank + 2);
          return;
        }
    }
  *body = g_steal_pointer (&trimmed);
}

/* Never a page break inside the blocks first … last - 1 and the next. */
void
rcv_letter_layout_keep_together (RcvLetterLayout *self,
               guint            first,
               guint            end)
{
  for (guint i = first; i + 1 < end && i + 1 < self->blocks->len; i++)
    g_array_index (self->blocks, Block, i).keep_with_next = TRUE;
}

/* Takes `text`: never broken across lines (an IBAN, a number, an amount). */
void
rcv_letter_layout_add_unbroken (RcvLetterLayout *self,
                                char            *text)
{
  if (text != NULL && text[0] != '\0')
    g_ptr_array_add (self->unbroken, text);
  else
    g_free (text);
}

/* A document on the letter's paper, with its letterhead, recipient, information block
 * (`reference` as its own reference, under `reference_label`, NULL: "Our reference"), footer and running head: its flow is added by the
 * caller, then rcv_letter_layout_finish () breaks it into pages. */
RcvLetterLayout *
rcv_letter_layout_begin (const RcvLetterhead    *head,
                         const RcvDunningLetter *letter,
                         const char             *reference_label,
                         const char             *reference,
                         cairo_t                *cr)
{
  RcvLetterLayout *self;

  g_return_val_if_fail (head != NULL && letter != NULL && cr != NULL, NULL);

  self = g_new0 (RcvLetterLayout, 1);
  self->paper = head->paper;
  self->geometry = rcv_paper_get_geometry (head->paper);
  self->logo = head->logo != NULL ? cairo_surface_reference (head->logo) : NULL;
  self->context = rcv_letter_context_new (cr);

  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  self->unbroken = g_ptr_array_new_with_free_func (g_free);
  rcv_letter_layout_add_unbroken (self, g_strdup (head->email));
  rcv_letter_layout_add_unbroken (self, g_strdup (head->phone));
  rcv_letter_layout_add_unbroken (self, g_strdup (head->iban));
  rcv_letter_layout_add_unbroken (self, g_strdup (head->bic));
  rcv_letter_layout_add_unbroken (self, g_strdup (head->tax_id));
  rcv_letter_layout_add_unbroken (self, g_strdup (reference));
  rcv_letter_layout_add_unbroken (self, rcv_letter_format_date (&letter->date));
  build_fixed_parts (self, head, letter, reference_label, reference);
  return self;
}

/* Lays a letter out into pages, measuring its text through the cairo_t's font map. */
RcvLetterLayout *
rcv_letter_layout_new (const RcvLetterhead    *head,
                       const RcvDunningLetter *letter,
                       cairo_t                *cr)
{
  RcvLetterLayout *self;
  g_autofree char *reference = NULL;
  g_autofree char *body = NULL;
  g_autofree char *closing = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *basis = NULL;
  guint tail;

  g_return_val_if_fail (head != NULL && letter != NULL && cr != NULL, NULL);

  reference = rcv_dunning_letter_reference (letter);
  self = rcv_letter_layout_begin (head, letter, NULL, reference, cr);
  rcv_letter_layout_add_unbroken (self, rcv_letter_format_date (&letter->deadline));
  rcv_letter_layout_add_unbroken (self, rcv_money_format (letter->total, &head->currency));
  for (guint i = 0; i < letter->items->len; i++)
    rcv_letter_layout_add_unbroken (self, g_strdup (g_array_index (letter->items,
                                                                   RcvDunningItem, i).number));

  self->part = RCV_LETTER_PART_SUBJECT;
  rcv_letter_layout_add_paragraph (self, letter->title, 11, TRUE, 0);
  rcv_letter_layout_add_space (self, 12);
  rcv_letter_layout_keep_together (self, 0, self->blocks->len + 1);   /* the subject with the first line */

  self->part = RCV_LETTER_PART_BODY;
  {
    g_autofree char *text = NULL;
    g_autofree char *end = NULL;

    split_closing (letter->body, &text, &end);
    body = rcv_dunning_letter_expand (letter, text, head->name, head->contact,
                                      &head->currency);
    if (end != NULL)
      closing = rcv_dunning_letter_expand (letter, end, head->name, head->contact,
                                           &head->currency);
  }
  rcv_letter_layout_add_text (self, body, 10, 0);
  rcv_letter_layout_add_space (self, 12);
  rcv_letter_layout_add_table (self, head, letter);

  /* the last row, the totals, the payment details and the closing: one piece */
  tail = self->blocks->len - 1;
  rcv_letter_layout_add_totals (self, head, letter);
  self->part = RCV_LETTER_PART_PAYMENT;
  rcv_letter_layout_add_space (self, 12);
  instructions = rcv_letter_payment_instructions (head, letter);
  rcv_letter_layout_add_text (self, instructions, 10, 0);
  {
    gboolean structured = FALSE;
    g_autofree char *quoted = rcv_letter_payment_reference (letter, &structured, NULL);

    rcv_letter_layout_add_epc_code (self, head, letter->total, quoted, structured);
  }
  if (closing != NULL)
    {
      self->part = RCV_LETTER_PART_CLOSING;
      rcv_letter_layout_add_space (self, 12);
      rcv_letter_layout_add_text (self, closing, 10, 0);
    }
  rcv_letter_layout_keep_together (self, tail, self->blocks->len);

  basis = rcv_letter_calculation_basis (head, letter);
  if (basis[0] != '\0')
    {
      guint first_basis = self->blocks->len;
      const Geometry *g = self->geometry;
      double tail_height = 0;

      self->part = RCV_LETTER_PART_BASIS;
      rcv_letter_layout_add_space (self, 10);
      rcv_letter_layout_add_text (self, basis, 7.5, GREY);
      /* the basis is never split, so that no line of it stands alone on a page; with the
       * tail it goes to the next page whole when both fit on one page, else on its own */
      for (guint i = tail; i < self->blocks->len; i++)
        tail_height += g_array_index (self->blocks, Block, i).height;
      if (g->top + MM (8) + tail_height + MM (10) <= g->height - g->bottom)
        rcv_letter_layout_keep_together (self, tail, self->blocks->len);
      else
        rcv_letter_layout_keep_together (self, first_basis + 1, self->blocks->len);
    }

  rcv_letter_layout_finish (self);
  return self;
}

/* The paper's size in points. */
void
rcv_letter_layout_get_size (const RcvLetterLayout *self,
                            double                *width,
                            double                *height)
{
  g_return_if_fail (self != NULL);

  rcv_paper_get_size (self->paper, width, height);
}

guint
rcv_letter_layout_get_n_pages (const RcvLetterLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->page_starts->len;
}

void
rcv_letter_layout_free (RcvLetterLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_pointer (&self->unbroken, g_ptr_array_unref);
  g_clear_object (&self->head_name);
  g_clear_object (&self->head_lines);
  g_clear_object (&self->return_line);
  g_clear_object (&self->recipient);
  g_clear_pointer (&self->info, g_array_unref);
  g_clear_object (&self->footer);
  g_clear_object (&self->running_head);
  g_clear_pointer (&self->logo, cairo_surface_destroy);
  g_clear_object (&self->context);
  g_free (self);
}

/* The texts of the recipient's block and the running head, as handed to Pango, for tests. */
void
rcv_letter_layout_get_texts (const RcvLetterLayout  *layout,
                             const char            **recipient,
                             const char            **running_head)
{
  g_return_if_fail (layout != NULL);

  *recipient = pango_layout_get_text (layout->recipient);
  *running_head = pango_layout_get_text (layout->running_head);
}

/* For tests: the blocks of the letter's flow in order, without the spaces, each with its
 * page; a table header repeated atop a page is listed there as a header of its own. */
GArray *
rcv_letter_layout_get_blocks (const RcvLetterLayout *layout)
{
  const Geometry *g;
  GArray *out;

  g_return_val_if_fail (layout != NULL, NULL);

  g = layout->geometry;
  out = g_array_new (FALSE, TRUE, sizeof (RcvLetterBlockInfo));
  for (guint page = 0; page < layout->page_starts->len; page++)
    {
      guint first = g_array_index (layout->page_starts, guint, page);
      guint end = page + 1 < layout->page_starts->len
                    ? g_array_index (layout->page_starts, guint, page + 1) : layout->blocks->len;
      double y = page == 0 ? g->text_y : g->top + MM (8);

      for (guint i = first; i < end; i++)
        {
          const Block *block = &g_array_index (layout->blocks, Block, i);
          RcvLetterBlockInfo info = { block->part, page, y, block->height };

          if (i == first && page > 0 && block->kind == BLOCK_SPACE)
            continue;
          if (i == first && page > 0 && block->in_table && !block->header &&
              layout->table_header != NULL)
            {
              RcvLetterBlockInfo header = { RCV_LETTER_PART_TABLE_HEADER, page, y,
                                            layout->table_header->height };

              g_array_append_val (out, header);
              y += header.height;
              info.y = y;
            }
          if (block->kind != BLOCK_SPACE)
            g_array_append_val (out, info);
          y += block->height;
        }
    }
  return out;
}

/* For tests: the return address line as set, its width, its size, the window's width, and
 * whether it is shortened by an ellipsis. */
void
rcv_letter_layout_get_return_line (const RcvLetterLayout  *layout,
                                   const char            **text,
                                   double                 *width,
                                   double                 *size,
                                   double                 *window_width,
                                   gboolean               *ellipsized)
{
  g_return_if_fail (layout != NULL);

  *text = layout->return_line != NULL ? pango_layout_get_text (layout->return_line) : NULL;
  *width = layout->return_line != NULL ? rcv_text_layout_width (layout->return_line) : 0;
  *size = layout->return_size;
  *window_width = layout->geometry->address_width;
  *ellipsized = layout->return_line != NULL && pango_layout_is_ellipsized (layout->return_line);
}

/* For tests: the size the recipient's name and address are set in. */
double
rcv_letter_layout_get_recipient_size (const RcvLetterLayout *layout)
{
  g_return_val_if_fail (layout != NULL, 0);

  return layout->recipient_size;
}

/* ---- checking an address ------------------------------------------------------------- */

/* What is wrong with an address, in sentences for the person about to print, one a line;
 * NULL when nothing is. */
char *
rcv_address_problem_describe (RcvAddressProblem problems)
{
  GString *out;

  if (problems == RCV_ADDRESS_PROBLEM_NONE)
    return NULL;
  out = g_string_new (NULL);
  if (problems & RCV_ADDRESS_PROBLEM_MISSING)
    g_string_append_printf (out, "%s\n", _("The customer has no postal address."));
  if (problems & RCV_ADDRESS_PROBLEM_NO_TOWN)
    g_string_append_printf (out, "%s\n", _("The address has no line with a postcode and a "
                                           "town."));
  if (problems & RCV_ADDRESS_PROBLEM_NO_COUNTRY)
    g_string_append_printf (out, "%s\n", _("The address names no country, and its postcode "
                                           "is not written like the company’s own: add the "
                                           "country if the letter goes abroad."));
  if (problems & RCV_ADDRESS_PROBLEM_LINE_TOO_LONG)
    g_string_append_printf (out, "%s\n", _("A line of the name or address is too long for the "
                                           "envelope window and is wrapped."));
  if (problems & RCV_ADDRESS_PROBLEM_TOO_MANY_LINES)
    g_string_append_printf (out, "%s\n", _("The name and address do not fit the envelope "
                                           "window, even in small print: the name is "
                                           "shortened."));
  g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

