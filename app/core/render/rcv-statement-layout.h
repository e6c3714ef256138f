/* rcv-statement-layout.h - a customer's statement of account, laid out as the letters are
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-account-statement.h"
#include "rcv-letter.h"

G_BEGIN_DECLS

RcvLetterLayout *rcv_statement_layout_new   (const RcvLetterhead       *head,
                                             const RcvAccountStatement *statement,
                                             cairo_t                   *cr);
char            *rcv_statement_reference    (const RcvAccountStatement *statement);
char            *rcv_statement_payment_reference (const RcvAccountStatement *statement,
                                                  gboolean                  *structured,
                                                  gboolean                  *numbers);
gboolean         rcv_statements_write_pdf   (const RcvLetterhead              *head,
                                             const RcvAccountStatement *const *statements,
                                             guint                             n_statements,
                                             const char                       *path,
                                             guint                            *n_pages,
                                             RcvProgressFunc                   progress,
                                             gpointer                          user_data,
                                             GCancellable                     *cancellable,
                                             GError                          **error);

GBytes          *rcv_statement_pdf_bytes    (const RcvLetterhead       *head,
                                             const RcvAccountStatement *statement,
                                             GError                   **error);

G_END_DECLS
