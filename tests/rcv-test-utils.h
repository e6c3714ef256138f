/* rcv-test-utils.h - helpers shared by the tests: temporary company files, documents, dates
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-database.h"
#include "rcv-ledger.h"

G_BEGIN_DECLS

char        *rcv_test_tmpdir          (void);
RcvDatabase *rcv_test_open_new        (char **out_path);
GDate       *rcv_test_date            (const char *iso);
gint64       rcv_test_customer        (RcvDatabase *db,
                                       const char  *code,
                                       const char  *name);
void         rcv_test_set_email       (RcvDatabase *db,
                                       gint64       customer_id,
                                       const char  *email);
gint64       rcv_test_invoice         (RcvDatabase *db,
                                       gint64       customer_id,
                                       const char  *number,
                                       const char  *issue,
                                       const char  *due,
                                       gint64       amount);
gint64       rcv_test_payment         (RcvDatabase *db,
                                       gint64       customer_id,
                                       const char  *date,
                                       gint64       amount,
                                       gint64       invoice_id,
                                       gboolean     auto_allocate);
gint64       rcv_test_sql_int         (const char *path,
                                       const char *sql);
void         rcv_test_dump            (GString    *out,
                                       const char *path,
                                       const char *sql);
char        *rcv_test_journal_mode    (const char *path);
char        *rcv_test_fingerprint     (const char *path);
char        *rcv_test_file_checksum   (const char *path);
gboolean     rcv_test_holds_lock      (const char *path);
void         rcv_test_damage_index    (const char *path);
void         rcv_test_write_file      (const char *path,
                                       const char *contents);
void         rcv_test_rmdir           (const char *path);
void         rcv_test_release_fonts   (void);
gboolean     rcv_test_have_program    (const char *name);
char        *rcv_test_run             (const char *const *argv);
char        *rcv_test_pdf_text        (const char *pdf,
                                       gboolean    layout);

typedef gboolean (*RcvTestCondition) (gpointer data);
void         rcv_test_wait_until      (RcvTestCondition condition,
                                       gpointer         data);

gboolean     rcv_test_use_locale      (const char *locale,
                                       const char *language);
void         rcv_test_leave_locale    (void);

G_END_DECLS
