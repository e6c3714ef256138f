/* fuzz-csv.c - libFuzzer harness: the CSV reader, alone and through the importer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is read record by record with the reader's API (every field touched, as the
 * importer would), then imported into the run's company file as customers, invoices or
 * payments, whichever its header looks like. A crash, a sanitizer report, a critical or a
 * leak is a failure.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rcv-csv.h"
#include "rcv-error.h"
#include "rcv-import.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
read_records (const char *text,
              gsize       length)
{
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (text, length, "fuzz.csv");

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      RcvCsvStatus status = rcv_csv_reader_next (reader, &error);
      gsize total = 0;

      if (status == RCV_CSV_END)
        break;
      if (status == RCV_CSV_ERROR)
        {
          g_assert_nonnull (error);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (rcv_csv_reader_get_n_fields (reader), <=, RCV_CSV_MAX_FIELDS);
      for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
        {
          const char *field = rcv_csv_reader_get_field (reader, i);

          g_assert_true (g_utf8_validate (field, -1, NULL));
          total += strlen (field);
          g_assert_cmpuint (strlen (field), <=, RCV_CSV_MAX_FIELD_BYTES);
        }
      g_assert_cmpuint (total, <=, RCV_CSV_MAX_ROW_BYTES);
    }
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RcvImportReport) report = rcv_import_report_new ();
  g_autoptr(RcvCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = (const char *) data;
  const char *newline = memchr (data, '\n', size);
  g_autofree char *header = g_strndup (text, newline != NULL ? (gsize) (newline - text) : size);
  RcvImportKind kind = RCV_IMPORT_CUSTOMERS;

  read_records (text, size);

  if (strstr (header, "issue_date") != NULL || strstr (header, "number") == header)
    kind = RCV_IMPORT_INVOICES;
  else if (strstr (header, "date") != NULL)
    kind = RCV_IMPORT_PAYMENTS;
  reader = rcv_csv_reader_new_for_data (text, size, "fuzz.csv");
  if (!rcv_import_csv (fuzz_company (), kind, reader, report, &error))
    {
      g_assert_nonnull (error);
      /* bad input is the file's; anything else would be the company file failing */
      g_assert_true (error->domain == RCV_INPUT_ERROR);
    }
  return 0;
}
