/* test-csv.c - the CSV reader and writer: RFC 4180 and what real files bring
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <glib-unix.h>
#include <string.h>
#include <unistd.h>

#include "rcv-csv.h"
#include "rcv-error.h"

/* Reads every record into "a|b|c" strings; errors become "!line:message". */
static char *
read_all (const char *data,
          gsize       length)
{
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (data, length, "t.csv");
  GString *out = g_string_new (NULL);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      RcvCsvStatus status = rcv_csv_reader_next (reader, &error);

      if (status == RCV_CSV_END)
        break;
      if (status == RCV_CSV_ERROR)
        {
          g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE);
          g_string_append_printf (out, "!%s\n", error->message);
          continue;
        }
      g_string_append_printf (out, "%u:", rcv_csv_reader_get_line (reader));
      for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                rcv_csv_reader_get_field (reader, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

#define READ(s) read_all (s, sizeof (s) - 1)

static void
test_simple (void)
{
  g_autofree char *r = READ ("a,b,c\n1,2,3\n");
  g_assert_cmpstr (r, ==, "1:a|b|c\n2:1|2|3\n");
}

static void
test_no_final_newline (void)
{
  g_autofree char *r = READ ("a,b\n1,2");
  g_assert_cmpstr (r, ==, "1:a|b\n2:1|2\n");
}

static void
test_crlf_and_cr (void)
{
  g_autofree char *crlf = READ ("a,b\r\n1,2\r\n3,4\r\n");
  g_autofree char *cr = READ ("a,b\r1,2\r");

  g_assert_cmpstr (crlf, ==, "1:a|b\n2:1|2\n3:3|4\n");
  g_assert_cmpstr (cr, ==, "1:a|b\n1:1|2\n");
}

static void
test_bom (void)
{
  g_autofree char *r = READ ("\xEF\xBB\xBFid,name\n1,x\n");
  g_assert_cmpstr (r, ==, "1:id|name\n2:1|x\n");
}

static void
test_semicolon (void)
{
  const char data[] = "id;amount;note\n1;12,50;\"a;b\"\n";
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_data (data, sizeof data - 1, "t.csv");
  g_autofree char *r = READ ("id;amount;note\n1;12,50;\"a;b\"\n");

  g_assert_cmpint (rcv_csv_reader_next (reader, NULL), ==, RCV_CSV_ROW);
  g_assert_cmpint (rcv_csv_reader_get_separator (reader), ==, ';');
  g_assert_cmpstr (r, ==, "1:id|amount|note\n2:1|12,50|a;b\n");
}

static void
test_quotes (void)
{
  g_autofree char *r = READ ("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\n"
                             "\"two\nlines\",2,3\nlast,\"\",z\n");

  g_assert_cmpstr (r, ==,
                   "1:a|b|c\n2:x, y|say \"hi\"|\n3:two\nlines|2|3\n5:last||z\n");
}

static void
test_empty_fields_and_blank_lines (void)
{
  g_autofree char *r = READ ("a,b,c\n\n,,\n\r\n1,,3\n\n");
  g_assert_cmpstr (r, ==, "1:a|b|c\n3:||\n5:1||3\n");
}

static void
test_unicode (void)
{
  g_autofree char *r = READ ("id,name\n1,Müller & Söhne\n2,中村デザイン\n3,\"Café \"\"Lumière\"\"\"\n");
  g_assert_cmpstr (r, ==, "1:id|name\n2:1|Müller & Söhne\n3:2|中村デザイン\n4:3|Café \"Lumière\"\n");
}

static void
test_unterminated_quote (void)
{
  g_autofree char *r = READ ("a,b\n1,\"open\n2,3\n");

  /* the error points at the quote that opened the field */
  g_assert_cmpstr (r, ==,
                   "1:a|b\n!t.csv:2:3: a quoted field is never closed (its quote opens here)\n");
}

static void
test_quote_inside_unquoted (void)
{
  g_autofree char *r = READ ("a,b\n1,x\"y\n2,ok\n");

  /* reported, skipped, and the next row still read */
  g_assert_nonnull (strstr (r, "!t.csv:2:4: a quote inside an unquoted field"));
  g_assert_nonnull (strstr (r, "3:2|ok\n"));
}

static void
test_text_after_quote (void)
{
  g_autofree char *r = READ ("a,b\n\"x\"y,2\n3,4\n");

  g_assert_nonnull (strstr (r, "!t.csv:2:4: text after the closing quote"));
  g_assert_nonnull (strstr (r, "3:3|4\n"));
}

static void
test_invalid_utf8 (void)
{
  g_autofree char *r = READ ("a,b\n1,\xff\xfe\n2,ok\n");

  g_assert_nonnull (strstr (r, "!t.csv:2:1: field 2 is not valid UTF-8 text"));
  g_assert_nonnull (strstr (r, "3:2|ok\n"));
}

static void
test_nul_byte (void)
{
  const char data[] = "a,b\n1,x\0y\n2,ok\n";
  g_autofree char *r = read_all (data, sizeof data - 1);

  g_assert_nonnull (strstr (r, "NUL byte"));
  g_assert_nonnull (strstr (r, "3:2|ok\n"));
}

static void
test_empty (void)
{
  g_autofree char *r = read_all ("", 0);
  g_assert_cmpstr (r, ==, "");
}

static void
test_from_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "rcv-test-csv.csv", NULL);
  g_autoptr(RcvCsvReader) reader = NULL;
  GString *big = g_string_new ("\xEF\xBB\xBFn;v\r\n");

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (big, "%u;\"%u,5\"\r\n", i, i);
  g_assert_true (g_file_set_contents (path, big->str, (gssize) big->len, &error));
  g_string_free (big, TRUE);

  reader = rcv_csv_reader_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rcv_csv_reader_next (reader, NULL), ==, RCV_CSV_ROW);
  g_assert_cmpstr (rcv_csv_reader_get_field (reader, 0), ==, "n");
  for (guint i = 0; i < 50000; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%u,5", i);
      g_assert_cmpint (rcv_csv_reader_next (reader, NULL), ==, RCV_CSV_ROW);
      g_assert_cmpstr (rcv_csv_reader_get_field (reader, 1), ==, expected);
      g_assert_cmpuint (rcv_csv_reader_get_line (reader), ==, i + 2);
    }
  g_assert_cmpint (rcv_csv_reader_next (reader, NULL), ==, RCV_CSV_END);
  g_remove (path);

  g_clear_pointer (&reader, rcv_csv_reader_free);
  reader = rcv_csv_reader_new_for_path ("/nonexistent/x.csv", &error);
  g_assert_null (reader);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

static void
test_writer_round_trip (void)
{
  const char *const fields[] = { "plain", "with,comma", "with \"quote\"", "two\nlines", "",
                                 " padded ", "Müller", "a;b" };
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(RcvCsvReader) reader = NULL;

  rcv_csv_append_row (out, fields, G_N_ELEMENTS (fields), ',');
  g_assert_cmpstr (out->str, ==,
                   "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",,\" padded \","
                   "Müller,a;b\n");

  reader = rcv_csv_reader_new_for_data (out->str, out->len, "w.csv");
  g_assert_cmpint (rcv_csv_reader_next (reader, NULL), ==, RCV_CSV_ROW);
  g_assert_cmpuint (rcv_csv_reader_get_n_fields (reader), ==, G_N_ELEMENTS (fields));
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_assert_cmpstr (rcv_csv_reader_get_field (reader, i), ==, fields[i]);
}

/* Reads the records of a file into "line:a|b" strings as read_all () does. */
static char *
read_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvCsvReader) reader = rcv_csv_reader_new_for_path (path, &error);
  GString *out = g_string_new (NULL);

  g_assert_no_error (error);
  for (;;)
    {
      g_autoptr(GError) row_error = NULL;
      RcvCsvStatus status = rcv_csv_reader_next (reader, &row_error);

      if (status == RCV_CSV_END)
        break;
      if (status == RCV_CSV_ERROR)
        {
          g_string_append_printf (out, "!%s\n", row_error->message);
          continue;
        }
      g_string_append_printf (out, "%u:", rcv_csv_reader_get_line (reader));
      for (guint i = 0; i < rcv_csv_reader_get_n_fields (reader); i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "",
                                rcv_csv_reader_get_field (reader, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* A line of many short fields is refused at the row limit, and the rest of it is skipped
 * without being kept: the next line reads as usual. 3 MB stand for the 400 MB of the issue. */
static void
test_line_limit (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "rcv-test-long-line.csv", NULL);
  g_autoptr(GString) data = g_string_new ("a,b\n");
  g_autofree char *r = NULL;

  while (data->len < 3 * 1024 * 1024)
    g_string_append (data, "x,");
  g_string_append (data, "x\n1,2\n");
  g_assert_true (g_file_set_contents (path, data->str, (gssize) data->len, &error));
  g_assert_no_error (error);

  r = read_path (path);
  g_assert_true (g_str_has_prefix (r, "1:a|b\n!"));
  g_assert_nonnull (strstr (r, "rcv-test-long-line.csv:2:"));
  g_assert_true (g_str_has_suffix (r, "fields: the rest of the line is skipped\n3:1|2\n"));
  g_remove (path);
}

static void
test_row_limits (void)
{
  g_autoptr(GString) data = g_string_new (NULL);
  g_autofree char *r = NULL;
  g_autofree char *long_field = g_strnfill (RCV_CSV_MAX_FIELD_BYTES + 1, 'y');
  g_autofree char *half_row = g_strnfill (RCV_CSV_MAX_FIELD_BYTES, 'z');

  /* 64 fields are a row, 65 are refused */
  for (guint i = 0; i < RCV_CSV_MAX_FIELDS; i++)
    g_string_append (data, i > 0 ? ",f" : "f");
  g_string_append (data, "\n");
  for (guint i = 0; i < RCV_CSV_MAX_FIELDS + 1; i++)
    g_string_append (data, i > 0 ? ",g" : "g");
  g_string_append_printf (data, "\n\"%s\",1\n", long_field);
  /* fields each within their limit, together over the row's */
  for (guint i = 0; i < RCV_CSV_MAX_ROW_BYTES / RCV_CSV_MAX_FIELD_BYTES + 1; i++)
    g_string_append_printf (data, "%s%s", i > 0 ? "," : "", half_row);
  g_string_append (data, "\nend\n");

  r = read_all (data->str, data->len);
  {
    g_auto(GStrv) lines = g_strsplit (r, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 6);
    g_assert_true (g_str_has_prefix (lines[0], "1:f|f|"));
    g_assert_cmpstr (lines[1], ==,
                     "!t.csv:2:128: a row of more than 64 fields: the rest of the line is skipped");
    g_assert_true (g_str_has_prefix (lines[2], "!t.csv:3:"));
    g_assert_true (g_str_has_suffix (lines[2], "a field longer than 64 KiB: the rest of the line "
                                               "is skipped"));
    g_assert_true (g_str_has_prefix (lines[3], "!t.csv:4:"));
    g_assert_true (g_str_has_suffix (lines[3], "a row longer than 1 MiB: the rest of the line is "
                                               "skipped"));
    g_assert_cmpstr (lines[4], ==, "5:end");
  }
}

typedef struct
{
  int fd;
  const char *data;
  gsize length;
} PipeWriter;

static gpointer
write_pipe (gpointer user_data)
{
  PipeWriter *writer = user_data;
  gsize done = 0;

  while (done < writer->length)
    {
      gssize n = write (writer->fd, writer->data + done, MIN (writer->length - done, 1000));

      g_assert_cmpint (n, >, 0);
      done += (gsize) n;
    }
  close (writer->fd);
  return NULL;
}

/* A pipe (as `<(…)` gives) cannot seek: the BOM and the separator's look-ahead must not lose
 * what they looked at. */
static void
test_pipe (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) data = g_string_new ("\xEF\xBB\xBFn;v\n");
  g_autoptr(GString) expected = g_string_new ("1:n|v\n");
  g_autoptr(GThread) thread = NULL;
  g_autofree char *path = NULL;
  g_autofree char *r = NULL;
  PipeWriter writer;
  int fds[2];

  for (guint i = 0; i < 2000; i++)
    {
      g_string_append_printf (data, "%u;\"%u,5\"\n", i, i);
      g_string_append_printf (expected, "%u:%u|%u,5\n", i + 2, i, i);
    }
  g_assert_true (g_unix_open_pipe (fds, FD_CLOEXEC, &error));
  g_assert_no_error (error);
  writer = (PipeWriter) { fds[1], data->str, data->len };
  thread = g_thread_new ("pipe-writer", write_pipe, &writer);

  path = g_strdup_printf ("/dev/fd/%d", fds[0]);
  r = read_path (path);
  g_thread_join (g_steal_pointer (&thread));
  close (fds[0]);
  g_assert_cmpstr (r, ==, expected->str);
}

/* Text that a spreadsheet would run as a formula is written after a quote; amounts are not
 * text and keep their sign; the reader's side takes exactly that quote off again. */
static void
test_formula_cells (void)
{
  const char *const texts[] = { "=HYPERLINK(\"http://x\")", "+1", "-x", "@SUM(A1)", "\tTab",
                                "'=quoted", "''+two", "'plain", "'", "a=b", "", "-" };
  const char *const written[] = { "'=HYPERLINK(\"http://x\")", "'+1", "'-x",
                                  "'@SUM(A1)", "'\tTab", "''=quoted", "'''+two", "'plain",
                                  "'", "a=b", "", "'-" };
  RcvCurrency eur = { "EUR", 2 };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(RcvCsvReader) reader = NULL;

      rcv_csv_append_field (out, texts[i], ',');
      if (strchr (texts[i], '"') == NULL)
        g_assert_cmpstr (out->str, ==, written[i]);
      g_string_append (out, ",end\n");
      reader = rcv_csv_reader_new_for_data (out->str, out->len, "f.csv");
      g_assert_cmpint (rcv_csv_reader_next (reader, NULL), ==, RCV_CSV_ROW);
      g_assert_cmpstr (rcv_csv_reader_get_field (reader, 0), ==, written[i]);
      g_assert_cmpstr (rcv_csv_text_of_cell (rcv_csv_reader_get_field (reader, 0)), ==, texts[i]);
    }

  {
    g_autoptr(GString) out = g_string_new ("C1");

    rcv_csv_append_money (out, -1250, &eur);
    g_assert_cmpstr (out->str, ==, "C1,-12.50");
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/simple", test_simple);
  g_test_add_func ("/core/csv/no-final-newline", test_no_final_newline);
  g_test_add_func ("/core/csv/crlf-and-cr", test_crlf_and_cr);
  g_test_add_func ("/core/csv/bom", test_bom);
  g_test_add_func ("/core/csv/semicolon", test_semicolon);
  g_test_add_func ("/core/csv/quotes", test_quotes);
  g_test_add_func ("/core/csv/empty-fields-and-blank-lines", test_empty_fields_and_blank_lines);
  g_test_add_func ("/core/csv/unicode", test_unicode);
  g_test_add_func ("/core/csv/unterminated-quote", test_unterminated_quote);
  g_test_add_func ("/core/csv/quote-inside-unquoted", test_quote_inside_unquoted);
  g_test_add_func ("/core/csv/text-after-quote", test_text_after_quote);
  g_test_add_func ("/core/csv/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/core/csv/nul-byte", test_nul_byte);
  g_test_add_func ("/core/csv/empty", test_empty);
  g_test_add_func ("/core/csv/from-file", test_from_file);
  g_test_add_func ("/core/csv/writer-round-trip", test_writer_round_trip);
  g_test_add_func ("/core/csv/line-limit", test_line_limit);
  g_test_add_func ("/core/csv/row-limits", test_row_limits);
  g_test_add_func ("/core/csv/pipe", test_pipe);
  g_test_add_func ("/core/csv/formula-cells", test_formula_cells);

  return g_test_run ();
}
