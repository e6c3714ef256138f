/* rcv-letter-layout-private.h - what the files of a letter's layout share: the paper's
 * geometry, the letterhead, the blocks of the flow (rcv-paper.c, rcv-letterhead.c,
 * rcv-text-layout.c, rcv-letter.c, rcv-letter-table.c, rcv-letter-draw.c)
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "rcv-letter.h"
#include "rcv-letter-private.h"

G_BEGIN_DECLS

#define MM(x) ((x) * 72.0 / 25.4)

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

struct _RcvLetterhead
{
  gint ref_count;              /* a print in progress holds one (rcv-document-print.c) */
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
  BLOCK_QR,                    /* the EPC QR code beside its caption */
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
  char *payload;               /* QR: what the code says (rcv-epc-qr.c) */
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


/* rcv-paper.c */
const Geometry *rcv_paper_get_geometry (RcvPaper paper);

/* rcv-text-layout.c */
double rcv_text_layout_width (PangoLayout *layout);
void rcv_text_layout_keep_unbroken (PangoLayout *layout,
                                    GPtrArray   *words,
                                    gboolean     split_addresses);
void rcv_text_layout_fit_unbroken (PangoLayout *layout,
                                   GPtrArray   *words,
                                   double       width,
                                   double       size,
                                   double       min_size);

/* rcv-letter-table.c */
char *rcv_letter_format_date (const GDate *date);
typedef struct
{
  double width;
  PangoAlignment alignment;
} RcvLetterColumn;
Block *rcv_letter_layout_add_row (RcvLetterLayout       *self,
                                  const RcvLetterColumn *columns,
                                  guint                  n_columns,
                                  const char           **texts,
                                  double                 size,
                                  gboolean               bold);
void rcv_letter_layout_add_table (RcvLetterLayout        *self,
                                  const RcvLetterhead    *head,
                                  const RcvDunningLetter *letter);
void rcv_letter_layout_columns (RcvLetterLayout *self,
                                const double    *shares,
                                guint            n_columns,
                                guint            first_right,
                                RcvLetterColumn *columns);
Block *rcv_letter_layout_add_table_header (RcvLetterLayout       *self,
                                           const RcvLetterColumn *columns,
                                           guint                  n_columns,
                                           const char           **texts);
void rcv_letter_layout_add_total_row (RcvLetterLayout     *self,
                                      const RcvLetterhead *head,
                                      const char          *label,
                                      gint64               amount,
                                      gboolean             bold);
void rcv_letter_append_account (GString             *out,
                                const RcvLetterhead *head);
void rcv_letter_layout_add_totals (RcvLetterLayout        *self,
                                   const RcvLetterhead    *head,
                                   const RcvDunningLetter *letter);
char *rcv_letter_payment_reference   (const RcvDunningLetter *letter,
                                      gboolean               *structured,
                                      gboolean               *numbers);
char *rcv_letter_payment_instructions (const RcvLetterhead    *head,
                                       const RcvDunningLetter *letter);
char *rcv_letter_calculation_basis (const RcvLetterhead    *head,
                                    const RcvDunningLetter *letter);

/* rcv-letter.c: a document's flow, for the letter and the statement (rcv-statement-layout.c) */
void rcv_letter_cell_clear (gpointer data);
RcvLetterLayout *rcv_letter_layout_begin (const RcvLetterhead    *head,
                                          const RcvDunningLetter *letter,
                                          const char             *reference_label,
                                          const char             *reference,
                                          cairo_t                *cr);
void rcv_letter_layout_add_space (RcvLetterLayout *self,
                                  double           height);
void rcv_letter_layout_add_paragraph (RcvLetterLayout *self,
                                      const char      *text,
                                      double           size,
                                      gboolean         bold,
                                      double           grey);
void rcv_letter_layout_add_text (RcvLetterLayout *self,
                                 const char      *text,
                                 double           size,
                                 double           grey);
void rcv_letter_layout_add_unbroken (RcvLetterLayout *self,
                                     char            *text);
void rcv_letter_layout_keep_together (RcvLetterLayout *self,
                                      guint            first,
                                      guint            end);
void rcv_letter_layout_add_epc_code (RcvLetterLayout     *self,
                                     const RcvLetterhead *head,
                                     gint64               amount,
                                     const char          *reference,
                                     gboolean             structured);
void rcv_letter_layout_finish (RcvLetterLayout *self);

/* rcv-letter-draw.c: documents of any kind into one PDF */
gboolean rcv_documents_write_pdf (const RcvLetterhead  *head,
                                  guint                 n_documents,
                                  RcvDocumentLayoutFunc func,
                                  gconstpointer         data,
                                  const char           *title,
                                  const char           *path,
                                  guint                *n_pages,
                                  RcvProgressFunc       progress,
                                  gpointer              user_data,
                                  GCancellable         *cancellable,
                                  GError              **error);

G_END_DECLS
