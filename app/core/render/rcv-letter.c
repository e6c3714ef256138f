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
#include "rcv-letter.h"
#include "rcv-letter-private.h"
#include "rcv-text.h"

#define MM(x) ((x) * 72.0 / 25.4)

#define FONT_FAMILY "Sans"
#define GREY 0.35

/* The return address above the window: its size, and the smallest still readable. */
#define RETURN_SIZE 7.0
#define RETURN_MIN_SIZE 6.0

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
  gboolean keep_with_next;     /* never a page break between this block and the next */
  RcvLetterPart part;
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
  double return_size;
  PangoLayout *recipient;
  double recipient_size;
  RcvLetterPart part;          /* of the blocks being added */
  GPtrArray *unbroken;         /* char *: texts never broken across lines */
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

/* The --paper option: a nick in any case ("A4", "letter"), or "auto", empty or none for the
 * locale's. */
gboolean
rcv_paper_from_option (const char *text,
                       RcvPaper   *paper)
{
  g_autofree char *nick = NULL;
  int value;

  g_return_val_if_fail (paper != NULL, FALSE);

  if (text == NULL || text[0] == '\0' || g_str_equal (text, "auto"))
    {
      *paper = rcv_paper_for_locale ();
      return TRUE;
    }
  nick = g_ascii_strdown (text, -1);
  if (!rcv_enum_from_nick (RCV_TYPE_PAPER, nick, &value))
    return FALSE;
  *paper = value;
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

/* The address field in the window, below the return address: its width and height. */
void
rcv_paper_get_window (RcvPaper  paper,
                      double   *width,
                      double   *height)
{
  const Geometry *g = geometry_for (paper);

  *width = g->address_width;
  *height = g->address_height;
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

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
add_unbroken_range (PangoAttrList *attrs,
                    gsize          start,
                    gsize          end)
{
  PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
  /* should a span wider than the line break all the same, no hyphen is added to it */
  attr = pango_attr_insert_hyphens_new (FALSE);
  attr->start_index = (guint) start;
  attr->end_index = (guint) end;
  pango_attr_list_insert (attrs, attr);
}

/* Where an e-mail address ends: white space, or the isolates around a name. */
static gboolean
is_address_end (gunichar c)
{
  return c == 0 || g_unichar_isspace (c) || c == 0x2068 || c == 0x2069 || c == 0x00A0;
}

/* Keeps each of `words` (an IBAN, a reference, an invoice number) and every e-mail address
 * in the layout's text on one line: no line break and no hyphen inside them. With
 * `split_addresses`, an e-mail address may break after its "@", and nowhere else. */
static void
keep_unbroken (PangoLayout *layout,
               GPtrArray   *words,
               gboolean     split_addresses)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *old = pango_layout_get_attributes (layout);
  PangoAttrList *attrs = old != NULL ? pango_attr_list_copy (old) : pango_attr_list_new ();

  for (guint i = 0; words != NULL && i < words->len; i++)
    {
      const char *word = g_ptr_array_index (words, i);
      gsize length = strlen (word);

      if (length < 2 || (split_addresses && strchr (word, '@') != NULL))
        continue;
      for (const char *p = strstr (text, word); p != NULL; p = strstr (p + length, word))
        add_unbroken_range (attrs, p - text, p - text + length);
    }
  /* e-mail addresses wherever they are, a level's own text included */
  for (const char *at = strchr (text, '@'); at != NULL; at = strchr (at + 1, '@'))
    {
      const char *start = at, *end = at + 1;

      for (const char *prev = g_utf8_find_prev_char (text, start);
           prev != NULL && !is_address_end (g_utf8_get_char (prev));
           prev = g_utf8_find_prev_char (text, prev))
        start = prev;
      while (!is_address_end (g_utf8_get_char (end)))
        end = g_utf8_next_char (end);
      while (end > at + 1 && strchr (".,;:)!?", end[-1]) != NULL)
        end--;
      if (split_addresses)
        {
          add_unbroken_range (attrs, start - text, at + 1 - text);
          add_unbroken_range (attrs, at + 1 - text, end - text);
        }
      else
        add_unbroken_range (attrs, start - text, end - text);
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

static gboolean
fits (PangoLayout *layout,
      double       width,
      gboolean     one_line)
{
  return layout_width (layout) <= width + 0.01 &&
         (!one_line || pango_layout_get_line_count (layout) <= 1);
}

/* Sets the layout in the largest size from `size` down to `min_size` (in half points) at which
 * it is no wider than `width` (and on one line, if asked); FALSE, in `min_size`, when there
 * is none. */
static gboolean
shrink_to_width (PangoLayout          *layout,
                 PangoFontDescription *font,
                 double                width,
                 gboolean              one_line,
                 double                size,
                 double                min_size)
{
  for (double points = size; points >= min_size - 0.01; points -= 0.5)
    {
      pango_font_description_set_absolute_size (font, points * PANGO_SCALE);
      pango_layout_set_font_description (layout, font);
      if (fits (layout, width, one_line))
        return TRUE;
    }
  return FALSE;
}

static void
set_no_hyphens (PangoLayout *layout)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

/* Makes a one-line layout of unbroken text fit `width`: smaller print down to `min_size`; then an
 * e-mail address may break after its "@" (again as large as fits); and only when even that
 * is too wide, the text breaks anywhere (without hyphens), rather than run off the page. */
static void
fit_unbroken (PangoLayout *layout,
              GPtrArray   *words,
              double       width,
              double       size,
              double       min_size)
{
  PangoFontDescription *font;

  if (fits (layout, width, TRUE))
    return;
  font = pango_font_description_copy (pango_layout_get_font_description (layout));
  if (!shrink_to_width (layout, font, width, TRUE, size - 0.5, min_size))
    {
      set_no_hyphens (layout);
      keep_unbroken (layout, words, TRUE);
      if (!shrink_to_width (layout, font, width, FALSE, size, min_size))
        {
          /* broken all the same: in the size of its neighbours */
          pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
          pango_layout_set_font_description (layout, font);
          set_no_hyphens (layout);
        }
    }
  pango_font_description_free (font);
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
  block.part = self->part;
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
  keep_unbroken (layout, self->unbroken, FALSE);
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
  block.part = self->part;
  block.cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (block.cells, cell_clear);
  for (guint c = 0; c < n_columns; c++)
    {
      Cell cell;

      cell.x = x + 2;
      cell.layout = rcv_text_layout_new (self->context, texts[c] != NULL ? texts[c] : "", size,
                                         bold, columns[c].width - 4, columns[c].alignment);
      keep_unbroken (cell.layout, self->unbroken, FALSE);
      /* an invoice number kept whole; headers and labels may wrap */
      if (texts[c] != NULL && g_ptr_array_find_with_equal_func (self->unbroken, texts[c],
                                                                g_str_equal, NULL))
        fit_unbroken (cell.layout, self->unbroken, columns[c].width - 4, size, 6.5);
      height = MAX (height, rcv_layout_height (cell.layout));
      g_array_append_val (block.cells, cell);
      x += columns[c].width;
    }
  block.height = height + 5;   /* 2.5 pt above and below */
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

/* Dates in the letter's sentences and its information block: "2 December 2026". */
static char *
format_date (const GDate *date)
{
  return rcv_date_format_long (date);
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

  double number_width = content * shares[0] / 165.0;

  /* an invoice number is never broken: its column widens for the longest, up to 40 % of
   * the width, taken from the other columns in their shares */
  for (guint i = 0; i < letter->items->len; i++)
    {
      const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);
      g_autoptr(PangoLayout) number = rcv_text_layout_new (self->context, item->number, 9,
                                                           FALSE, -1, PANGO_ALIGN_LEFT);

      number_width = MAX (number_width, layout_width (number) + 5);
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
  self->part = RCV_LETTER_PART_TABLE_HEADER;
  block = add_row (self, columns, 7, header, 8.5, TRUE);
  block->header = TRUE;
  block->keep_with_next = TRUE;   /* never a header alone at a page's foot */
  block->in_table = TRUE;
  block->shaded = TRUE;

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
  self->part = RCV_LETTER_PART_TOTALS;
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
      /* the account on lines of its own, each detail kept whole */
      g_string_append_printf (out, "\n%s: %s\n", _("Account holder"), head->name);
      if (head->bank[0] != '\0')
        g_string_append_printf (out, "%s: %s · ", _("Bank"), head->bank);
      g_string_append_printf (out, "IBAN: %s", head->iban);
      if (head->bic[0] != '\0')
        g_string_append_printf (out, " · BIC: %s", head->bic);
    }
  else
    g_string_append_printf (out, _("Please pay %s by %s, quoting the reference %s."), total,
                            deadline, reference);
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
      g_autofree char *from = format_date (&p->from);
      g_autofree char *to = format_date (&p->to);
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
static char *
calculation_basis (const RcvLetterhead    *head,
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

          keep_unbroken (layout, NULL, FALSE);
          if (layout_width (layout) <= g->address_width)
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
                   const RcvDunningLetter *letter)
{
  const Geometry *g = self->geometry;
  g_autofree char *address_line = NULL;
  g_autofree char *date = format_date (&letter->date);
  g_autofree char *reference = rcv_dunning_letter_reference (letter);
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
  keep_unbroken (self->head_lines, self->unbroken, FALSE);

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
      label_width = MAX (label_width, layout_width (label) + MM (3));
    }
  label_width = MIN (label_width, g->info_width * 0.45);
  self->info = g_array_new (FALSE, TRUE, sizeof (Cell));
  g_array_set_clear_func (self->info, cell_clear);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      double value_width = g->info_width - label_width;
      Cell label, value;

      if (values[i] == NULL || values[i][0] == '\0')
        continue;
      label.x = g->info_x;
      label.layout = rcv_text_layout_new (self->context, labels[i], 8.5, FALSE,
                                          label_width - MM (1), PANGO_ALIGN_LEFT);
      fit_unbroken (label.layout, NULL, label_width - MM (1), 8.5, 7);
      value.x = g->info_x + label_width;
      value.layout = rcv_text_layout_new (self->context, values[i], 8.5, FALSE, value_width,
                                          PANGO_ALIGN_LEFT);
      keep_unbroken (value.layout, self->unbroken, FALSE);
      fit_unbroken (value.layout, self->unbroken, value_width, 8.5, 7);
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
  keep_unbroken (self->footer, self->unbroken, FALSE);

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

static void
paginate (RcvLetterLayout *self)
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
static void
keep_together (RcvLetterLayout *self,
               guint            first,
               guint            end)
{
  for (guint i = first; i + 1 < end && i + 1 < self->blocks->len; i++)
    g_array_index (self->blocks, Block, i).keep_with_next = TRUE;
}

static void
add_unbroken (RcvLetterLayout *self,
              char            *text)
{
  if (text != NULL && text[0] != '\0')
    g_ptr_array_add (self->unbroken, text);
  else
    g_free (text);
}

/* Lays a letter out into pages, measuring its text through the cairo_t's font map. */
RcvLetterLayout *
rcv_letter_layout_new (const RcvLetterhead    *head,
                       const RcvDunningLetter *letter,
                       cairo_t                *cr)
{
  RcvLetterLayout *self;
  g_autofree char *body = NULL;
  g_autofree char *closing = NULL;
  g_autofree char *instructions = NULL;
  g_autofree char *basis = NULL;
  guint tail;

  g_return_val_if_fail (head != NULL && letter != NULL && cr != NULL, NULL);

  self = g_new0 (RcvLetterLayout, 1);
  self->paper = head->paper;
  self->geometry = geometry_for (head->paper);
  self->logo = head->logo != NULL ? cairo_surface_reference (head->logo) : NULL;
  self->context = rcv_letter_context_new (cr);

  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));

  self->unbroken = g_ptr_array_new_with_free_func (g_free);
  add_unbroken (self, g_strdup (head->email));
  add_unbroken (self, g_strdup (head->phone));
  add_unbroken (self, g_strdup (head->iban));
  add_unbroken (self, g_strdup (head->bic));
  add_unbroken (self, g_strdup (head->tax_id));
  add_unbroken (self, rcv_dunning_letter_reference (letter));
  add_unbroken (self, format_date (&letter->date));
  add_unbroken (self, format_date (&letter->deadline));
  add_unbroken (self, rcv_money_format (letter->total, &head->currency));
  for (guint i = 0; i < letter->items->len; i++)
    add_unbroken (self, g_strdup (g_array_index (letter->items, RcvDunningItem, i).number));

  build_fixed_parts (self, head, letter);

  self->part = RCV_LETTER_PART_SUBJECT;
  add_paragraph (self, letter->title, 11, TRUE, 0);
  add_space (self, 12);
  keep_together (self, 0, self->blocks->len + 1);   /* the subject with the first line */

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
  add_text (self, body, 10, 0);
  add_space (self, 12);
  add_table (self, head, letter);

  /* the last row, the totals, the payment details and the closing: one piece */
  tail = self->blocks->len - 1;
  add_totals (self, head, letter);
  self->part = RCV_LETTER_PART_PAYMENT;
  add_space (self, 12);
  instructions = payment_instructions (head, letter);
  add_text (self, instructions, 10, 0);
  if (closing != NULL)
    {
      self->part = RCV_LETTER_PART_CLOSING;
      add_space (self, 12);
      add_text (self, closing, 10, 0);
    }
  keep_together (self, tail, self->blocks->len);

  basis = calculation_basis (head, letter);
  if (basis[0] != '\0')
    {
      guint first_basis = self->blocks->len;
      const Geometry *g = self->geometry;
      double tail_height = 0;

      self->part = RCV_LETTER_PART_BASIS;
      add_space (self, 10);
      add_text (self, basis, 7.5, GREY);
      /* the basis is never split, so that no line of it stands alone on a page; with the
       * tail it goes to the next page whole when both fit on one page, else on its own */
      for (guint i = tail; i < self->blocks->len; i++)
        tail_height += g_array_index (self->blocks, Block, i).height;
      if (g->top + MM (8) + tail_height + MM (10) <= g->height - g->bottom)
        keep_together (self, tail, self->blocks->len);
      else
        keep_together (self, first_basis + 1, self->blocks->len);
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
  *width = layout->return_line != NULL ? layout_width (layout->return_line) : 0;
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
