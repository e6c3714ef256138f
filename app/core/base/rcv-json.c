/* rcv-json.c - a small streaming JSON writer (audit values, CLI output) and a reader
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are written as exact decimal numbers (“1234.50”), never through a double. The
 * reader (RFC 8259, for files people edit: policy sets) keeps numbers as their text and
 * says where a file goes wrong: its name, the line and the column.
 */
#define G_LOG_DOMAIN "rcv-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-text.h"

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

/* ---- reader --------------------------------------------------------------------------- */

#define MAX_DEPTH 64

typedef struct
{
  const char *name;
  const char *start;
  const char *p;
  const char *end;
  guint line;
  const char *line_start;
  guint depth;
  const char *counted_to;   /* the column of counted_to is counted_column */
  guint counted_column;
  guint n_values;
} Parser;

/* Every node asks for its column, so it is counted on from where the last count stopped, not
 * from the line's start: a file on one line is read in linear time, not quadratic. */
static guint
column_of (Parser     *parser,
           const char *at)
{
  if (parser->counted_to < parser->line_start || at < parser->counted_to)
    {
      parser->counted_to = parser->line_start;
      parser->counted_column = 1;
    }
  parser->counted_column += (guint) g_utf8_strlen (parser->counted_to, at - parser->counted_to);
  parser->counted_to = at;
  return parser->counted_column;
}

static void G_GNUC_PRINTF (3, 4)
parse_error (Parser     *parser,
             GError    **error,
             const char *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a file's problem: "file:line:column: what is wrong" */
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE, _("%s:%u:%u: %s"), parser->name,
               parser->line, column_of (parser, parser->p), message);
}

static void
skip_space (Parser *parser)
{
  while (parser->p < parser->end)
    {
      char c = *parser->p;

      if (c == '\n')
        {
          parser->line++;
          parser->line_start = parser->p + 1;
        }
      else if (c != ' ' && c != '\t' && c != '\r')
        return;
      parser->p++;
    }
}

static const char *
found_text (Parser *parser)
{
  if (parser->p >= parser->end)
    return _("the end of the file");
  return NULL;
}

static void
unexpected (Parser     *parser,
            const char *expected,
            GError    **error)
{
  const char *end = found_text (parser);

  if (end != NULL)
    parse_error (parser, error, _("expected %s, found %s"), expected, end);
  else
    {
      char found[8] = { 0 };
      const char *next = g_utf8_next_char (parser->p);

      memcpy (found, parser->p, MIN ((gsize) (next - parser->p), sizeof found - 1));
      parse_error (parser, error, _("expected %s, found “%s”"), expected, found);
    }
}

static RcvJsonNode *
node_new (Parser      *parser,
          RcvJsonType  type)
{
  RcvJsonNode *node = g_new0 (RcvJsonNode, 1);

  node->type = type;
  node->line = parser->line;
  node->column = column_of (parser, parser->p);
  return node;
}

void
rcv_json_node_free (RcvJsonNode *node)
{
  if (node == NULL)
    return;
  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->keys, g_ptr_array_unref);
  g_free (node);
}

static gboolean
hex4 (const char *p,
      gunichar   *value)
{
  *value = 0;
  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + (gunichar) digit;
    }
  return TRUE;
}

static char *
parse_string (Parser  *parser,
              GError **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  parser->p++;   /* the opening quote */
  while (parser->p < parser->end)
    {
      unsigned char c = (unsigned char) *parser->p;

      if (c == '"')
        {
          parser->p++;
          return g_string_free (g_steal_pointer (&out), FALSE);
        }
      if (c < 0x20)
        {
          parse_error (parser, error, c == '\n' ? _("the text is not closed by a quote")
                                                 : _("a control character in a text"));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, (char) c);
          parser->p++;
          continue;
        }

      if (parser->p + 1 >= parser->end)
        break;
      switch (parser->p[1])
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar value, low;

            if (parser->end - parser->p < 6 || !hex4 (parser->p + 2, &value))
              {
                parse_error (parser, error, _("“\\u” is not followed by four hexadecimal digits"));
                return NULL;
              }
            if (value >= 0xD800 && value <= 0xDBFF)
              {
                if (parser->end - parser->p < 12 || parser->p[6] != '\\' || parser->p[7] != 'u' ||
                    !hex4 (parser->p + 8, &low) || low < 0xDC00 || low > 0xDFFF)
                  {
                    parse_error (parser, error, _("an unpaired UTF-16 surrogate"));
                    return NULL;
                  }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00);
                parser->p += 6;
              }
            else if (value >= 0xDC00 && value <= 0xDFFF)
              {
                parse_error (parser, error, _("an unpaired UTF-16 surrogate"));
                return NULL;
              }
            if (value == 0)
              {
                parse_error (parser, error, _("a NUL character in a text"));
                return NULL;
              }
            g_string_append_unichar (out, value);
            parser->p += 4;
          }
          break;
        default:
          {
            /* the whole character after the backslash: one byte of “é” is not UTF-8 (found
             * by fuzz-json) */
            const char *next = parser->p + 1 < parser->end ? g_utf8_next_char (parser->p + 1)
                                                           : parser->p + 1;
            g_autofree char *escape =
              g_strndup (parser->p + 1, (gsize) (MIN (next, parser->end) - (parser->p + 1)));

            parse_error (parser, error, _("“\\%s” is not an escape"), escape);
          }
          return NULL;
        }
      parser->p += 2;
    }
  parse_error (parser, error, _("the text is not closed by a quote"));
  return NULL;
}

static RcvJsonNode *parse_value (Parser  *parser,
                                 GError **error);

static RcvJsonNode *
parse_number (Parser  *parser,
              GError **error)
{
  g_autoptr(RcvJsonNode) node = node_new (parser, RCV_JSON_NUMBER);
  const char *start = parser->p, *p = parser->p;

  if (p < parser->end && *p == '-')
    p++;
  if (p < parser->end && *p == '0')
    p++;
  else if (p < parser->end && g_ascii_isdigit (*p))
    while (p < parser->end && g_ascii_isdigit (*p))
      p++;
  else
    {
      parser->p = p;
      unexpected (parser, _("a digit"), error);
      return NULL;
    }
  if (p < parser->end && *p == '.')
    {
      p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          parser->p = p;
          unexpected (parser, _("a digit"), error);
          return NULL;
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < parser->end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < parser->end && (*p == '+' || *p == '-'))
        p++;
      if (p >= parser->end || !g_ascii_isdigit (*p))
        {
          parser->p = p;
          unexpected (parser, _("a digit"), error);
          return NULL;
        }
      while (p < parser->end && g_ascii_isdigit (*p))
        p++;
    }
  node->text = g_strndup (start, (gsize) (p - start));
  parser->p = p;
  return g_steal_pointer (&node);
}

static gboolean
parse_word (Parser     *parser,
            const char *word)
{
  gsize len = strlen (word);

  if ((gsize) (parser->end - parser->p) < len || strncmp (parser->p, word, len) != 0)
    return FALSE;
  parser->p += len;
  return TRUE;
}

static gboolean
has_key (const RcvJsonNode *object,
         const char        *key)
{
  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (object->keys, i), key))
      return TRUE;
  return FALSE;
}

static RcvJsonNode *
parse_container (Parser  *parser,
                 gboolean object,
                 GError **error)
{
  g_autoptr(RcvJsonNode) node = node_new (parser, object ? RCV_JSON_OBJECT : RCV_JSON_ARRAY);
  g_autoptr(GHashTable) names = NULL;   /* the keys, not owned */
  char close = object ? '}' : ']';

  if (++parser->depth > MAX_DEPTH)
    {
      parse_error (parser, error, _("values are nested more than %d deep"), MAX_DEPTH);
      return NULL;
    }
  node->children = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_json_node_free);
  if (object)
    node->keys = g_ptr_array_new_with_free_func (g_free);

  parser->p++;
  skip_space (parser);
  if (parser->p < parser->end && *parser->p == close)
    {
      parser->p++;
      parser->depth--;
      return g_steal_pointer (&node);
    }

  for (;;)
    {
      RcvJsonNode *child;

      skip_space (parser);
      if (object)
        {
          const char *key_at = parser->p;
          char *key;

          if (parser->p >= parser->end || *parser->p != '"')
            {
              unexpected (parser, _("a quoted name"), error);
              return NULL;
            }
          key = parse_string (parser, error);
          if (key == NULL)
            return NULL;
          /* a set of the names once an object has many, so that a huge one stays linear */
          if (names == NULL && node->keys->len >= 16)
            {
              names = g_hash_table_new (g_str_hash, g_str_equal);
              for (guint i = 0; i < node->keys->len; i++)
                g_hash_table_add (names, g_ptr_array_index (node->keys, i));
            }
          if (names != NULL ? g_hash_table_contains (names, key) : has_key (node, key))
            {
              g_autofree char *shown = rcv_text_shorten (key, RCV_TEXT_QUOTE_CHARS);

              parser->p = key_at;   /* a name is on one line */
              parse_error (parser, error, _("the name “%s” appears twice"), shown);
              g_free (key);
              return NULL;
            }
          if (names != NULL)
            g_hash_table_add (names, key);
          g_ptr_array_add (node->keys, key);
          skip_space (parser);
          if (parser->p >= parser->end || *parser->p != ':')
            {
              unexpected (parser, "“:”", error);
              return NULL;
            }
          parser->p++;
        }
      child = parse_value (parser, error);
      if (child == NULL)
        return NULL;
      g_ptr_array_add (node->children, child);
      skip_space (parser);
      if (parser->p < parser->end && *parser->p == ',')
        {
          parser->p++;
          continue;
        }
      if (parser->p < parser->end && *parser->p == close)
        {
          parser->p++;
          parser->depth--;
          return g_steal_pointer (&node);
        }
      unexpected (parser, object ? "“,” or “}”" : "“,” or “]”", error);
      return NULL;
    }
}

static RcvJsonNode *
parse_value (Parser  *parser,
             GError **error)
{
  RcvJsonNode *node;

  skip_space (parser);
  if (parser->p >= parser->end)
    {
      unexpected (parser, _("a value"), error);
      return NULL;
    }
  /* a value costs some 60 bytes of memory, whatever its size in the file (“0,”): the count
   * keeps a file within the memory target */
  if (++parser->n_values > RCV_JSON_MAX_VALUES)
    {
      parse_error (parser, error, _("more than %u values: this is not a file to read"),
                   (guint) RCV_JSON_MAX_VALUES);
      return NULL;
    }
  switch (*parser->p)
    {
    case '{':
      return parse_container (parser, TRUE, error);
    case '[':
      return parse_container (parser, FALSE, error);
    case '"':
      node = node_new (parser, RCV_JSON_STRING);
      node->text = parse_string (parser, error);
      if (node->text == NULL)
        g_clear_pointer (&node, rcv_json_node_free);
      return node;
    case 't':
    case 'f':
    case 'n':
      node = node_new (parser, *parser->p == 'n' ? RCV_JSON_NULL : RCV_JSON_BOOLEAN);
      node->boolean = *parser->p == 't';
      if (parse_word (parser, node->type == RCV_JSON_NULL ? "null"
                                                          : node->boolean ? "true" : "false"))
        return node;
      rcv_json_node_free (node);
      break;
    default:
      if (*parser->p == '-' || g_ascii_isdigit (*parser->p))
        return parse_number (parser, error);
      break;
    }
  unexpected (parser, _("a value"), error);
  return NULL;
}

/* Parses a whole JSON text (a UTF-8 byte order mark is skipped). `name` (a file's name)
 * starts every error message, with the line and column. */
RcvJsonNode *
rcv_json_parse (const char  *text,
                gssize       length,
                const char  *name,
                GError     **error)
{
  g_autoptr(RcvJsonNode) root = NULL;
  Parser parser = { 0 };
  const char *invalid;

  g_return_val_if_fail (text != NULL, NULL);

  if (length < 0)
    length = (gssize) strlen (text);
  parser.name = name != NULL ? name : "JSON";
  parser.start = parser.p = parser.line_start = text;
  parser.end = text + length;
  parser.line = 1;

  if (!g_utf8_validate (text, length, &invalid))
    {
      /* count the lines up to the bad byte */
      for (const char *p = text; p < invalid; p++)
        if (*p == '\n')
          {
            parser.line++;
            parser.line_start = p + 1;
          }
      parser.p = invalid;
      parse_error (&parser, error, _("the file is not UTF-8 text"));
      return NULL;
    }
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    parser.p = parser.line_start = text + 3;

  root = parse_value (&parser, error);
  if (root == NULL)
    return NULL;
  skip_space (&parser);
  if (parser.p < parser.end)
    {
      parse_error (&parser, error, _("more text after the end of the value"));
      return NULL;
    }
  return g_steal_pointer (&root);
}

/* An object's member, or NULL. */
RcvJsonNode *
rcv_json_object_get (const RcvJsonNode *object,
                     const char        *key)
{
  g_return_val_if_fail (object != NULL && object->type == RCV_JSON_OBJECT, NULL);

  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (object->keys, i), key))
      return g_ptr_array_index (object->children, i);
  return NULL;
}

/* How an error names a type: “a text”, “a number”… */
const char *
rcv_json_type_name (RcvJsonType type)
{
  switch (type)
    {
    case RCV_JSON_NULL: return _("null");
    case RCV_JSON_BOOLEAN: return _("true or false");
    case RCV_JSON_NUMBER: return _("a number");
    case RCV_JSON_STRING: return _("a text");
    case RCV_JSON_ARRAY: return _("a list");
    case RCV_JSON_OBJECT: return _("an object");
    default: g_assert_not_reached ();
    }
}
