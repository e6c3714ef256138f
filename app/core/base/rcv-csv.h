/* rcv-csv.h - RFC 4180 CSV: a streaming reader that says where each error is, and a writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "rcv-money.h"

G_BEGIN_DECLS

typedef struct _RcvCsvReader RcvCsvReader;

/* The reader's hard limits. The importers' widest row has 8 columns and its longest text
 * RCV_MAX_TEXT_LENGTH (4 000) characters, at most 16 000 bytes; these leave room for that and
 * for a header with a few unknown columns to report, and keep one row within 1 MiB whatever
 * the input. */
#define RCV_CSV_MAX_FIELD_BYTES (64 * 1024)
#define RCV_CSV_MAX_FIELDS 64
#define RCV_CSV_MAX_ROW_BYTES (1024 * 1024)

typedef enum
{
  RCV_CSV_ROW,   /* a record was read */
  RCV_CSV_END,   /* no more records */
  RCV_CSV_ERROR, /* this record is malformed; the reader has skipped it and can go on */
} RcvCsvStatus;

RcvCsvReader *rcv_csv_reader_new_for_path (const char *path,
                                           GError    **error);
RcvCsvReader *rcv_csv_reader_new_for_data (const char *data,
                                           gsize       length,
                                           const char *name);
void          rcv_csv_reader_free         (RcvCsvReader *reader);
RcvCsvStatus  rcv_csv_reader_next         (RcvCsvReader *reader,
                                           GError      **error);
guint         rcv_csv_reader_get_n_fields (RcvCsvReader *reader);
const char   *rcv_csv_reader_get_field    (RcvCsvReader *reader,
                                           guint         index);
guint         rcv_csv_reader_get_line     (RcvCsvReader *reader);
char          rcv_csv_reader_get_separator (RcvCsvReader *reader);
guint64       rcv_csv_reader_get_size     (RcvCsvReader *reader);
const char   *rcv_csv_reader_get_name     (RcvCsvReader *reader);

const char   *rcv_csv_text_of_cell        (const char *cell);
void          rcv_csv_append_field        (GString    *out,
                                           const char *field,
                                           char        separator);
void          rcv_csv_append_money        (GString           *out,
                                           gint64             amount,
                                           const RcvCurrency *currency);
void          rcv_csv_append_row          (GString           *out,
                                           const char *const *fields,
                                           guint              n_fields,
                                           char               separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RcvCsvReader, rcv_csv_reader_free)

G_END_DECLS
