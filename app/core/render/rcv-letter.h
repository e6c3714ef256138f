/* rcv-letter.h - reminder letters laid out with Pango on any cairo_t: PDF, print, preview
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "rcv-company.h"
#include "rcv-database.h"
#include "rcv-dunning.h"
#include "rcv-enum.h"

G_BEGIN_DECLS

/* The company's side of every letter: its profile, logo, currency and paper. */
typedef struct _RcvLetterhead RcvLetterhead;
/* One letter laid out into pages. */
typedef struct _RcvLetterLayout RcvLetterLayout;

/* What may keep a letter from reaching its addressee through a window envelope. */
typedef enum
{
  RCV_ADDRESS_PROBLEM_NONE           = 0,
  RCV_ADDRESS_PROBLEM_MISSING        = 1 << 0,   /* no address at all */
  RCV_ADDRESS_PROBLEM_NO_TOWN        = 1 << 1,   /* no line with a postcode and a town */
  RCV_ADDRESS_PROBLEM_NO_COUNTRY     = 1 << 2,   /* abroad, or cannot tell, and no country */
  RCV_ADDRESS_PROBLEM_LINE_TOO_LONG  = 1 << 3,   /* a line wraps, even in the smallest print */
  RCV_ADDRESS_PROBLEM_TOO_MANY_LINES = 1 << 4,   /* taller than the window: the end is cut */
} RcvAddressProblem;

/* Called after each letter written: done of total. */
typedef void (*RcvProgressFunc) (guint    done,
                                 guint    total,
                                 gpointer user_data);

/* The i-th of a batch of documents (letters, statements) laid out on `cr`. */
typedef RcvLetterLayout *(*RcvDocumentLayoutFunc) (const RcvLetterhead *head,
                                                   gconstpointer        data,
                                                   guint                i,
                                                   cairo_t             *cr);

RcvPaper         rcv_paper_for_locale          (void);
gboolean         rcv_paper_from_option         (const char *text,
                                                RcvPaper   *paper);
void             rcv_paper_get_size            (RcvPaper  paper,
                                                double   *width,
                                                double   *height);

RcvLetterhead   *rcv_letterhead_new            (const RcvCompanyProfile *profile,
                                                const RcvCurrency       *currency,
                                                RcvPaper                 paper);
RcvLetterhead   *rcv_letterhead_ref            (RcvLetterhead *head);
void             rcv_letterhead_free           (RcvLetterhead *head);
RcvPaper         rcv_letterhead_get_paper      (const RcvLetterhead *head);
const char      *rcv_letterhead_get_logo_problem (const RcvLetterhead *head);
const char      *rcv_letterhead_get_name       (const RcvLetterhead *head);
const char      *rcv_letterhead_get_contact    (const RcvLetterhead *head);
const RcvCurrency *rcv_letterhead_get_currency (const RcvLetterhead *head);

RcvLetterLayout *rcv_letter_layout_new         (const RcvLetterhead    *head,
                                                const RcvDunningLetter *letter,
                                                cairo_t                *cr);
guint            rcv_letter_layout_get_n_pages (const RcvLetterLayout *layout);
void             rcv_letter_layout_get_size    (const RcvLetterLayout *layout,
                                                double                *width,
                                                double                *height);
void             rcv_letter_layout_draw_page   (const RcvLetterLayout *layout,
                                                cairo_t               *cr,
                                                guint                  page);
void             rcv_letter_layout_free        (RcvLetterLayout *layout);

RcvAddressProblem rcv_letter_check_address    (const RcvLetterhead    *head,
                                                const RcvDunningLetter *letter);
RcvAddressProblem *rcv_letters_check_addresses (const RcvLetterhead           *head,
                                                const RcvDunningLetter *const *letters,
                                                guint                          n_letters);
char            *rcv_address_problem_describe  (RcvAddressProblem problems);

gboolean         rcv_letters_write_pdf         (const RcvLetterhead           *head,
                                                const RcvDunningLetter *const *letters,
                                                guint                          n_letters,
                                                const char                    *path,
                                                guint                         *n_pages,
                                                RcvProgressFunc                progress,
                                                gpointer                       user_data,
                                                GCancellable                  *cancellable,
                                                GError                       **error);

GBytes          *rcv_document_pdf_bytes        (const RcvLetterhead           *head,
                                                RcvDocumentLayoutFunc          func,
                                                gconstpointer                  data,
                                                const char                    *title,
                                                const GDate                   *date,
                                                GError                       **error);
GBytes          *rcv_letter_pdf_bytes          (const RcvLetterhead           *head,
                                                const RcvDunningLetter        *letter,
                                                GError                       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvLetterhead, rcv_letterhead_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvLetterLayout, rcv_letter_layout_free)

G_END_DECLS
