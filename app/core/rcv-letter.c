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
 * to. Names, addresses and the level's text are set as plain text, never as markup.
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
#include "rcv-letter-private.h"
#include "rcv-text.h"

#define MM(x) ((x) * 72.0 / 25.4)

#define FONT_FAMILY "Sans"
#define GREY 0.35

typedef struct
{
  double width, height;
  double left, right, top, bottom;   /* margins; top is that of the pages after the first */
  double head_y;                     /* the letterhead's top */
  double return_y;                   /* the return address line (< 0: none) */
  double address_x, address_y, address_width, address_height;
  double info_x, info_y, info_width;
  double text_y;                     /* the subject's top on the first page */
  double folds[2];
  double punch;                      /* < 0: none */
} Geometry;

static const Geometry a4 = {
  MM (210), MM (297), MM (25), MM (20), MM (20), MM (27),
  MM (12), MM (47),
  MM (25), MM (62.7), MM (80), MM (27.3),
  MM (125), MM (50), MM (75),
  MM (98.46),
  { MM (105), MM (210) }, MM (148.5),
};

static const Geometry us_letter = {
  MM (215.9), MM (279.4), MM (25.4), MM (25.4), MM (20), MM (27),
  MM (10), -1,
  MM (25.4), MM (50.8), MM (95), MM (28.6),
  MM (130), MM (50.8), MM (60),
  MM (95),
  { MM (93.13), MM (186.27) }, -1,
};

struct _RcvLetterhead
{
  RcvPaper paper;
  RcvCurrency currency;
  char *name;
  char *address;
  char *tax_id;
  char *email;
  char *phone;
  char *bank;
  char *iban;
  char *bic;
  char *contact;               /* email · phone */
  cairo_surface_t *logo;       /* NULL: none */
  char *logo_problem;          /* why a stored logo is not shown */
};

typedef enum
{
  BLOCK_LINE,                  /* one line of a left-aligned paragraph */
  BLOCK_ROW,                   /* cells side by side: the table, the totals */
  BLOCK_SPACE,
} BlockKind;

typedef struct
{
  PangoLayout *layout;
  double x;
} Cell;

typedef struct
{
  BlockKind kind;
  double height;
  double x;
  PangoLayout *layout;         /* LINE */
  int line;                    /* LINE */
  double baseline;             /* LINE: from the block's top */
  GArray *cells;               /* ROW: Cell */
  gboolean header;             /* ROW: the table's header */
  gboolean in_table;           /* ROW: a row of the table */
  gboolean rule_above;         /* ROW */
  gboolean shaded;             /* ROW */
} Block;

struct _RcvLetterLayout
{
  const Geometry *geometry;
  RcvPaper paper;
  PangoContext *context;
  GArray *blocks;              /* Block */
  GArray *page_starts;         /* guint: the first block of each page */
  Block *table_header;         /* a copy is drawn atop each page the table continues on */
  PangoLayout *head_name;
  PangoLayout *head_lines;
  PangoLayout *return_line;
  PangoLayout *recipient;
  GArray *info;                /* Cell pairs: label, value */
  PangoLayout *footer;
  PangoLayout *running_head;
  cairo_surface_t *logo;
};

/* ---- paper --------------------------------------------------------------------------- */

/* US Letter where the locale's paper is (glibc knows it per country), else A4. */
RcvPaper
rcv_paper_for_locale (void)
{
  const char *name;

#ifdef __GLIBC__
  {
    union { unsigned int word; char *string; } width, height;

    width.string = nl_langinfo (_NL_PAPER_WIDTH);
    height.string = nl_langinfo (_NL_PAPER_HEIGHT);
    if (width.word == 216 && height.word == 279)
      return RCV_PAPER_US_LETTER;
    if (width.word == 210 && height.word == 297)
      return RCV_PAPER_A4;
  }
#endif
  name = setlocale (LC_PAPER, NULL);
  if (name != NULL && (strstr (name, "_US") != NULL || strstr (name, "_CA") != NULL))
    return RCV_PAPER_US_LETTER;
  return RCV_PAPER_A4;
}

gboolean
rcv_paper_from_string (const char *text,
                       RcvPaper   *paper)
{
  g_return_val_if_fail (paper != NULL, FALSE);

  if (text == NULL || text[0] == '\0' || g_str_equal (text, "auto"))
    *paper = rcv_paper_for_locale ();
  else if (g_ascii_strcasecmp (text, "a4") == 0)
    *paper = RCV_PAPER_A4;
  else if (g_ascii_strcasecmp (text, "letter") == 0)
    *paper = RCV_PAPER_US_LETTER;
  else
    return FALSE;
  return TRUE;
}

static const Geometry *
geometry_for (RcvPaper paper)
{
  return paper == RCV_PAPER_US_LETTER ? &us_letter : &a4;
}

/* The paper's size in points. */
void
rcv_paper_get_size (RcvPaper  paper,
                    double   *width,
                    double   *height)
{
  const Geometry *g = geometry_for (paper);

  if (width != NULL)
    *width = g->width;
  if (height != NULL)
    *height = g->height;
}

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

/* Reads the company's profile and logo once, for as many letters as follow. */
RcvLetterhead *
rcv_letterhead_new (RcvDatabase *db,
                    RcvPaper     paper)
{
  RcvLetterhead *head;
  g_autoptr(GBytes) logo = NULL;
  g_autoptr(GString) contact = g_string_new (NULL);

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  head = g_new0 (RcvLetterhead, 1);
  head->paper = paper;
  head->currency = *rcv_database_get_currency (db);
  head->name = rcv_company_get (db, RCV_COMPANY_NAME);
  head->address = rcv_company_get (db, RCV_COMPANY_ADDRESS);
  head->tax_id = rcv_company_get (db, RCV_COMPANY_TAX_ID);
  head->email = rcv_company_get (db, RCV_COMPANY_EMAIL);
  head->phone = rcv_company_get (db, RCV_COMPANY_PHONE);
  head->bank = rcv_company_get (db, RCV_COMPANY_BANK);
  head->iban = rcv_company_get (db, RCV_COMPANY_IBAN);
  head->bic = rcv_company_get (db, RCV_COMPANY_BIC);
  if (head->email[0] != '\0')
    g_string_append (contact, head->email);
  if (head->phone[0] != '\0')
    g_string_append_printf (contact, "%s%s", contact->len > 0 ? " · " : "", head->phone);
  head->contact = g_string_free (g_steal_pointer (&contact), FALSE);

  logo = rcv_company_get_logo (db);
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
  if (head == NULL)
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

/* NULL, or why the stored logo could not be read (the letters are then printed without). */
const char *
rcv_letterhead_get_logo_problem (const RcvLetterhead *head)
{
  g_return_val_if_fail (head != NULL, NULL);

  return head->logo_problem;
}

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

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_object (&block->layout);
  g_clear_pointer (&block->cells, g_array_unref);
}

static void
cell_clear (gpointer data)
{
  Cell *cell = data;

  g_clear_object (&cell->layout);
}

static void
add_space (RcvLetterLayout *self,
           double           height)
{
  Block block = { 0 };

  block.kind = BLOCK_SPACE;
  block.height = height;
  g_array_append_val (self->blocks, block);
}

/* A paragraph, one block per line so that it may break across pages. */
static void
add_paragraph (RcvLetterLayout *self,
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
      block.height = (double) logical.height / PANGO_SCALE;
      block.baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      g_array_append_val (self->blocks, block);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Each paragraph of a text (blank lines separate them) as lines, with a half-line between. */
static void
add_text (RcvLetterLayout *self,
          const char      *text,
          double           size,
          double           grey)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        add_space (self, size * 0.6);
      else
        add_paragraph (self, lines[i], size, FALSE, grey);
    }
}

typedef struct
{
  double width;
  PangoAlignment alignment;
} Column;

static Block *
add_row (RcvLetterLayout  *self,
         const Column     *columns,
         guint             n_columns,
         const char      **texts,
         double            size,
         gboolean          bold)
{
  Block block = { 0 };
  double x = self->geometry->left, height = 0;

  block.kind = BLOCK_ROW;
  block.cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (block.cells, cell_clear);
  for (guint c = 0; c < n_columns; c++)
    {
      Cell cell;

      cell.x = x + 2;
      cell.layout = rcv_text_layout_new (self->context, texts[c] != NULL ? texts[c] : "", size,
                                         bold, columns[c].width - 4, columns[c].alignment);
      height = MAX (height, rcv_layout_height (cell.layout));
      g_array_append_val (block.cells, cell);
      x += columns[c].width;
    }
  block.height = height + 5;   /* 2.5 pt above and below */
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

static char *
format_date (const GDate *date)
{
  return rcv_date_format_locale (date);
}

static char *
money (const RcvLetterhead *head,
       gint64               amount)
{
  return rcv_money_format (amount, &head->currency);
}

static void
add_table (RcvLetterLayout        *self,
           const RcvLetterhead    *head,
           const RcvDunningLetter *letter)
{
  const Geometry *g = self->geometry;
  double content = g->width - g->left - g->right;
  /* number, date, due, days late, open, interest, fees: shares of the width, in 1/165ths */
  static const double shares[] = { 26, 21, 21, 21, 27, 24, 25 };
  Column columns[7];
  const char *header[7];
  gboolean any_interest = letter->interest > 0, any_fees = letter->compensation > 0;
  Block *block;

  for (guint c = 0; c < G_N_ELEMENTS (shares); c++)
    {
      columns[c].width = content * shares[c] / 165.0;
      columns[c].alignment = c >= 3 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    }
  header[0] = _("Invoice");
  header[1] = _("Date");
  header[2] = _("Due");
  header[3] = _("Days late");
  header[4] = _("Open");
  header[5] = _("Interest");
  header[6] = _("Fees");
  block = add_row (self, columns, 7, header, 8.5, TRUE);
  block->header = TRUE;
  block->in_table = TRUE;
  block->shaded = TRUE;

  for (guint i = 0; i < letter->items->len; i++)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);
      g_autofree char *issued = format_date (&item->issue_date);
      g_autofree char *due = format_date (&item->due_date);
      g_autofree char *days = g_strdup_printf ("%d", item->days_late);
      g_autofree char *open = money (head, item->open);
      g_autofree char *interest = any_interest ? money (head, item->interest) : g_strdup ("–");
      g_autofree char *fees = any_fees ? money (head, item->compensation) : g_strdup ("–");
      const char *cells[7] = { item->number, issued, due, days, open, interest, fees };

      block = add_row (self, columns, 7, (const char **) cells, 9, FALSE);
      block->in_table = TRUE;
      block->rule_above = TRUE;
    }
}

static void
add_total_row (RcvLetterLayout     *self,
               const RcvLetterhead *head,
               const char          *label,
               gint64               amount,
               gboolean             bold)
{
  const Geometry *g = self->geometry;
  double content = g->width - g->left - g->right;
  g_autofree char *value = money (head, amount);
  Column columns[3] = {
    { content * 0.45, PANGO_ALIGN_LEFT },
    { content * 0.35, PANGO_ALIGN_RIGHT },
    { content * 0.20, PANGO_ALIGN_RIGHT },
  };
  const char *cells[3] = { "", label, value };
  Block *block = add_row (self, columns, 3, cells, 9.5, bold);

  block->rule_above = bold;
}

static void
add_totals (RcvLetterLayout        *self,
            const RcvLetterhead    *head,
            const RcvDunningLetter *letter)
{
  add_space (self, 4);
  add_total_row (self, head, _("Overdue invoices"), letter->open, FALSE);
  if (letter->interest > 0)
    add_total_row (self, head, _("Interest"), letter->interest, FALSE);
  if (letter->compensation > 0)
    add_total_row (self, head, _("Compensation for recovery costs"), letter->compensation,
                   FALSE);
  if (letter->fee > 0)
    add_total_row (self, head, _("Reminder fee"), letter->fee, FALSE);
  if (letter->credit > 0)
    add_total_row (self, head, _("Less your unapplied credit"), -letter->credit, FALSE);
  add_total_row (self, head, _("Amount due"), letter->total, TRUE);
}

static char *
payment_instructions (const RcvLetterhead    *head,
                      const RcvDunningLetter *letter)
{
  g_autofree char *total = money (head, letter->total);
  g_autofree char *deadline = format_date (&letter->deadline);
  g_autofree char *reference = rcv_dunning_letter_reference (letter);
  GString *out = g_string_new (NULL);

  if (head->iban[0] != '\0')
    {
      /* Translators: the payment instructions: amount, date, account, reference */
      g_string_append_printf (out, _("Please transfer %s by %s to the account below, quoting "
                                     "the reference %s."),
                              total, deadline, reference);
      g_string_append_c (out, '\n');
      if (head->bank[0] != '\0')
        g_string_append_printf (out, "%s: %s · ", _("Bank"), head->bank);
      g_string_append_printf (out, "IBAN: %s", head->iban);
      if (head->bic[0] != '\0')
        g_string_append_printf (out, " · BIC: %s", head->bic);
      g_string_append_printf (out, " · %s: %s", _("Account holder"), head->name);
    }
  else
    g_string_append_printf (out, _("Please pay %s by %s, quoting the reference %s."), total,
                            deadline, reference);
  return g_string_free (out, FALSE);
}

/* How the interest and the fees were reckoned, so that the customer can check them. */
static char *
calculation_basis (const RcvLetterhead    *head,
                   const RcvDunningLetter *letter)
{
  GString *out = g_string_new (NULL);

  if (letter->interest_kind == RCV_INTEREST_FIXED && letter->periods->len > 0)
    {
      g_autofree char *rate = rcv_percent_format (g_array_index (letter->periods,
                                                                 RcvInterestPeriod, 0).rate_bp);

      g_string_append_printf (out, _("Interest: %s a year, simple interest on each invoice’s "
                                     "open amount for each day it is late (open amount × rate × "
                                     "days late ÷ 365), rounded once per invoice."), rate);
      g_string_append_c (out, '\n');
    }
  else if (letter->interest_kind != RCV_INTEREST_NONE && letter->periods->len > 0)
    {
      g_string_append (out, letter->interest_kind == RCV_INTEREST_STATUTORY_UK
                              ? _("Interest: statutory interest, the Bank of England base rate "
                                  "+ 8 points, in force for each half-year")
                              : _("Interest: statutory interest, the European Central Bank "
                                  "reference rate + 8 points, in force for each half-year"));
      g_string_append (out, _(", simple interest on each invoice’s open amount for each day "
                              "it is late (open amount × rate × days late ÷ 365), rounded once "
                              "per invoice. Rates: "));
      for (guint i = 0; i < letter->periods->len; i++)
        {
          const RcvInterestPeriod *p = &g_array_index (letter->periods, RcvInterestPeriod, i);
          g_autofree char *from = format_date (&p->from);
          g_autofree char *to = format_date (&p->to);
          g_autofree char *rate = rcv_percent_format (p->rate_bp);
          g_autofree char *reference = rcv_percent_format (p->reference_bp);

          /* Translators: an interest period: from, to, rate, reference rate */
          g_string_append_printf (out, _("%s to %s: %s (%s + 8)"), from, to, rate, reference);
          g_string_append (out, i + 1 < letter->periods->len ? "; " : ".");
        }
      g_string_append_c (out, '\n');
    }
  if (letter->compensation > 0)
    {
      g_string_append (out, letter->compensation_kind == RCV_COMPENSATION_UK
                              ? _("Compensation: a fixed sum for each late invoice, GBP 40 "
                                  "under GBP 1,000, GBP 70 under GBP 10,000 and GBP 100 from "
                                  "GBP 10,000 (Late Payment of Commercial Debts (Interest) Act "
                                  "1998), claimed once per invoice.")
                              : _("Compensation: a fixed sum of EUR 40 for each late invoice "
                                  "(Directive 2011/7/EU, Article 6), claimed once per invoice."));
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

static void
build_fixed_parts (RcvLetterLayout        *self,
                   const RcvLetterhead    *head,
                   const RcvDunningLetter *letter)
{
  const Geometry *g = self->geometry;
  g_autofree char *address_line = NULL;
  g_autofree char *date = format_date (&letter->date);
  g_autofree char *reference = rcv_dunning_letter_reference (letter);
  g_autofree char *recipient = NULL;
  g_autoptr(GString) head_lines = g_string_new (NULL);
  g_autoptr(GString) footer = g_string_new (head->name);
  g_autoptr(GString) bank = g_string_new (NULL);
  g_autoptr(GString) running = g_string_new (NULL);
  /* isolated (rcv-text.c): the name cannot reorder the address or the running head */
  g_autofree char *name = rcv_text_isolate (letter->name, 0);
  const char *labels[5] = { _("Customer ID"), _("Date"), _("Reference"), _("Email"),
                            _("Phone") };
  const char *values[5] = { letter->code, date, reference, head->email, head->phone };
  g_auto(GStrv) address = g_strsplit (head->address, "\n", -1);
  double logo_width = 0;

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

  if (g->return_y >= 0)
    {
      g_autofree char *text = g_strdup_printf ("%s · %s", head->name, address_line);

      self->return_line = rcv_text_layout_new (self->context, text, 7, FALSE, -1, PANGO_ALIGN_LEFT);
      pango_layout_set_width (self->return_line, (int) (g->address_width * PANGO_SCALE));
      pango_layout_set_ellipsize (self->return_line, PANGO_ELLIPSIZE_END);
    }

  recipient = g_strdup_printf ("%s\n%s", name, letter->address);
  self->recipient = rcv_text_layout_new (self->context, g_strstrip (recipient), 10, FALSE,
                                         g->address_width, PANGO_ALIGN_LEFT);

  self->info = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->info, cell_clear);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      Cell label, value;

      if (values[i] == NULL || values[i][0] == '\0')
        continue;
      label.x = g->info_x;
      label.layout = rcv_text_layout_new (self->context, labels[i], 8.5, FALSE,
                                          g->info_width * 0.42, PANGO_ALIGN_LEFT);
      value.x = g->info_x + g->info_width * 0.44;
      value.layout = rcv_text_layout_new (self->context, values[i], 8.5, FALSE,
                                          g->info_width * 0.56, PANGO_ALIGN_LEFT);
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

  g_string_append_printf (running, "%s · %s · %s", name, letter->title, date);
  self->running_head = rcv_text_layout_new (self->context, running->str, 8, FALSE,
                                            (g->width - g->left - g->right) * 0.8,
                                            PANGO_ALIGN_LEFT);
  pango_layout_set_ellipsize (self->running_head, PANGO_ELLIPSIZE_END);
}

static void
paginate (RcvLetterLayout *self)
{
  const Geometry *g = self->geometry;
  double limit = g->height - g->bottom;
  double header_height = 0;
  double y = g->text_y;
  guint zero = 0;

  g_array_append_val (self->page_starts, zero);
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      if (block->header)
        {
          self->table_header = block;
          header_height = block->height;
        }
      if (y + block->height > limit && y > g->top + MM (8) + header_height + 0.5)
        {
          g_array_append_val (self->page_starts, i);
          y = g->top + MM (8);   /* below the running head */
          if (block->kind == BLOCK_SPACE)
            continue;            /* no space at a page's top */
          if (block->in_table && !block->header)
            y += header_height;
        }
      y += block->height;
    }
}

/* Lays a letter out into pages, measuring its text through the cairo_t's font map. */
RcvLetterLayout *
rcv_letter_layout_new (const RcvLetterhead    *head,
                       const RcvDunningLetter *letter,
                       cairo_t                *cr)
{
  RcvLetterLayout *self;
  cairo_font_options_t *options;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *basis = NULL;

  g_return_val_if_fail (head != NULL && letter != NULL && cr != NULL, NULL);

  self = g_new0 (RcvLetterLayout, 1);
  self->paper = head->paper;
  self->geometry = geometry_for (head->paper);
  self->logo = head->logo != NULL ? cairo_surface_reference (head->logo) : NULL;
  self->context = pango_cairo_create_context (cr);
  pango_cairo_context_set_resolution (self->context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  build_fixed_parts (self, head, letter);

  subject = g_strdup (letter->title);
  add_paragraph (self, subject, 11, TRUE, 0);
  add_space (self, 12);
  body = rcv_dunning_letter_expand (letter, letter->body, head->name, head->contact,
                                    &head->currency);
  add_text (self, body, 10, 0);
  add_space (self, 12);
  add_table (self, head, letter);
  add_totals (self, head, letter);
  add_space (self, 12);
  instructions = payment_instructions (head, letter);
  add_text (self, instructions, 10, 0);
  basis = calculation_basis (head, letter);
  if (basis[0] != '\0')
    {
      add_space (self, 10);
      add_text (self, basis, 7.5, GREY);
    }

  paginate (self);
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

/* Writes the letters into one PDF, each starting on a new page, whole or not at all: the
 * file appears (or replaces the old one) only when every page is written. */
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
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abort = g_cancellable_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  double width, height;
  gboolean ok = TRUE;

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

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (stream == NULL)
    return FALSE;

  rcv_paper_get_size (head->paper, &width, &height);
  surface = cairo_pdf_surface_create_for_stream (write_to_stream, stream, width, height);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, _("Reminder letters"));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, head->name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Receivables");
  cr = cairo_create (surface);

  for (guint i = 0; i < n_letters && ok; i++)
    {
      g_autoptr(RcvLetterLayout) layout = rcv_letter_layout_new (head, letters[i], cr);

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
        progress (i + 1, n_letters, user_data);
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
