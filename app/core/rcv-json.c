/* rcv-json.c - a small streaming JSON writer (audit values, CLI output)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are written as exact decimal numbers (“1234.50”), never through a double.
 */
#define G_LOG_DOMAIN "rcv-json"

#include "config.h"

#include "rcv-json.h"

struct _RcvJsonWriter
{
  GString *out;
  GArray *has_items;  /* gboolean per open container */
  gboolean pretty;
  gboolean after_key;
};

RcvJsonWriter *
rcv_json_writer_new (gboolean pretty)
{
  RcvJsonWriter *writer = g_new0 (RcvJsonWriter, 1);

  writer->out = g_string_new (NULL);
  writer->has_items = g_array_new (FALSE, FALSE, sizeof (gboolean));
  writer->pretty = pretty;
  return writer;
}

void
rcv_json_writer_free (RcvJsonWriter *writer)
{
  if (writer == NULL)
    return;
  g_string_free (writer->out, TRUE);
  g_array_unref (writer->has_items);
  g_free (writer);
}

char *
rcv_json_writer_free_to_string (RcvJsonWriter *writer)
{
  char *result;

  g_return_val_if_fail (writer != NULL, NULL);

  if (writer->pretty)
    g_string_append_c (writer->out, '\n');
  result = g_string_free (writer->out, FALSE);
  writer->out = NULL;
  g_array_unref (writer->has_items);
  g_free (writer);
  return result;
}

static void
newline (RcvJsonWriter *writer)
{
  if (!writer->pretty)
    return;
  g_string_append_c (writer->out, '\n');
  for (guint i = 0; i < writer->has_items->len; i++)
    g_string_append (writer->out, "  ");
}

/* Commas and indentation before a value or a key. */
static void
before_item (RcvJsonWriter *writer)
{
  gboolean *has_items;

  if (writer->after_key)
    {
      writer->after_key = FALSE;
      return;
    }
  if (writer->has_items->len == 0)
    return;

  has_items = &g_array_index (writer->has_items, gboolean, writer->has_items->len - 1);
  if (*has_items)
    g_string_append_c (writer->out, ',');
  *has_items = TRUE;
  newline (writer);
}

static void
open_container (RcvJsonWriter *writer,
                char           bracket)
{
  gboolean no = FALSE;

  before_item (writer);
  g_string_append_c (writer->out, bracket);
  g_array_append_val (writer->has_items, no);
}

static void
close_container (RcvJsonWriter *writer,
                 char           bracket)
{
  gboolean had_items;

  g_return_if_fail (writer->has_items->len > 0);

  had_items = g_array_index (writer->has_items, gboolean, writer->has_items->len - 1);
  g_array_set_size (writer->has_items, writer->has_items->len - 1);
  if (had_items)
    newline (writer);
  g_string_append_c (writer->out, bracket);
}

void
rcv_json_begin_object (RcvJsonWriter *writer)
{
  open_container (writer, '{');
}

void
rcv_json_end_object (RcvJsonWriter *writer)
{
  close_container (writer, '}');
}

void
rcv_json_begin_array (RcvJsonWriter *writer)
{
  open_container (writer, '[');
}

void
rcv_json_end_array (RcvJsonWriter *writer)
{
  close_container (writer, ']');
}

void
rcv_json_append_escaped (GString    *out,
                         const char *value)
{
  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
        }
    }
  g_string_append_c (out, '"');
}

void
rcv_json_key (RcvJsonWriter *writer,
              const char    *key)
{
  before_item (writer);
  rcv_json_append_escaped (writer->out, key);
  g_string_append (writer->out, writer->pretty ? ": " : ":");
  writer->after_key = TRUE;
}

void
rcv_json_string (RcvJsonWriter *writer,
                 const char    *value)
{
  before_item (writer);
  if (value == NULL)
    g_string_append (writer->out, "null");
  else
    rcv_json_append_escaped (writer->out, value);
}

void
rcv_json_int (RcvJsonWriter *writer,
              gint64         value)
{
  before_item (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
rcv_json_bool (RcvJsonWriter *writer,
               gboolean       value)
{
  before_item (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
rcv_json_null (RcvJsonWriter *writer)
{
  before_item (writer);
  g_string_append (writer->out, "null");
}

void
rcv_json_money (RcvJsonWriter     *writer,
                gint64             amount,
                const RcvCurrency *currency)
{
  before_item (writer);
  rcv_money_append_plain (writer->out, amount, currency);
}
