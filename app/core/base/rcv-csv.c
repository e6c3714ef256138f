/* rcv-csv.c - RFC 4180 CSV: a streaming reader that says where each error is, and a writer
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reader streams, so a file of a million rows costs one row of memory. The separator
 * (“,” or “;”) is detected from the header row; a UTF-8 BOM is skipped; CRLF, LF and lone CR
 * end records; blank lines are skipped. A malformed record is reported with its line and
 * column and skipped, so that a caller can report every bad row of a file in one pass.
 *
 * Hard limits keep any input, however long its lines, within the memory target: a field of
 * at most RCV_CSV_MAX_FIELD_BYTES, a row of at most RCV_CSV_MAX_FIELDS fields and
 * RCV_CSV_MAX_ROW_BYTES. A row over a limit is refused at the limit and the rest of its line
 * is skipped without being kept, so a line of gigabytes costs one row's worth of memory.
 *
 * Input comes through the reader's own buffer, never through a seek: the BOM and the header's
 * look-ahead are read into the buffer and then consumed from it, so a pipe, a FIFO or standard
 * input reads exactly like a file.
 */
#define G_LOG_DOMAIN "rcv-csv"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "rcv-csv.h"
#include "rcv-error.h"

#define END_OF_INPUT (-1)
/* the header's look-ahead for the separator, and the size of each read */
#define LOOK_AHEAD 4096
#define BUFFER_SIZE (256 * 1024)

struct _RcvCsvReader
{
  char *name;
  int fd;              /* a file descriptor we read into `buffer`, or -1 … */
  char *buffer;        /* … and then `data` is `buffer` */
  const char *data;    /* the bytes not yet consumed are data[position..length) */
  gsize length;
  gsize position;
  gboolean at_eof;     /* the descriptor has nothing more */
  int read_errno;      /* a read failed: the input ends there, reported once */
  guint line;          /* physical line of the next character */
  guint column;        /* column (in bytes, 1-based) of the next character */
  guint record_line;   /* physical line where the current record starts */
  char separator;
  gboolean started;
  int pushback;
  GString *text;       /* the current record's fields, each NUL-terminated */
  GArray *offsets;     /* guint offsets of the fields in text */
};

static RcvCsvReader *
reader_new (const char *name)
{
  RcvCsvReader *reader = g_new0 (RcvCsvReader, 1);

  reader->name = g_strdup (name);
  reader->fd = -1;
  reader->line = 1;
  reader->column = 1;
  reader->separator = ',';
  reader->pushback = END_OF_INPUT - 1;
  reader->text = g_string_sized_new (256);
  reader->offsets = g_array_sized_new (FALSE, FALSE, sizeof (guint), 16);
  return reader;
}

/* `path` "-" is standard input, named so in messages. */
RcvCsvReader *
rcv_csv_reader_new_for_path (const char *path,
                             GError    **error)
{
  RcvCsvReader *reader;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (g_str_equal (path, "-"))
    {
      /* a descriptor of our own, so that freeing the reader leaves stdin open */
      fd = fcntl (STDIN_FILENO, F_DUPFD_CLOEXEC, 3);
      if (fd < 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("standard input: cannot read: %s"), g_strerror (saved_errno));
          return NULL;
        }
      reader = reader_new (_("standard input"));
    }
  else
    {
      fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
      if (fd < 0)
        {
          int saved_errno = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                       _("%s: cannot open: %s"), path, g_strerror (saved_errno));
          return NULL;
        }
      reader = reader_new (path);
    }

  reader->fd = fd;
  reader->buffer = g_malloc (BUFFER_SIZE);
  reader->data = reader->buffer;
  return reader;
}

/* The buffer must outlive the reader. */
RcvCsvReader *
rcv_csv_reader_new_for_data (const char *data,
                             gsize       length,
                             const char *name)
{
  RcvCsvReader *reader;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  reader = reader_new (name != NULL ? name : "data");
  reader->data = data;
  reader->length = length;
  reader->at_eof = TRUE;
  return reader;
}

void
rcv_csv_reader_free (RcvCsvReader *reader)
{
  if (reader == NULL)
    return;

  if (reader->fd >= 0)
    close (reader->fd);
  g_free (reader->buffer);
  g_string_free (reader->text, TRUE);
  g_array_unref (reader->offsets);
  g_free (reader->name);
  g_free (reader);
}

/* Reads until at least `wanted` bytes are unconsumed in the buffer, or the input ends; the
 * unconsumed bytes move to the buffer's start first. Returns how many are there. */
static gsize
fill (RcvCsvReader *reader,
      gsize         wanted)
{
  g_assert (wanted <= BUFFER_SIZE);

  if (reader->fd < 0 || reader->at_eof)
    return reader->length - reader->position;

  if (reader->position > 0)
    {
      memmove (reader->buffer, reader->buffer + reader->position,
               reader->length - reader->position);
      reader->length -= reader->position;
      reader->position = 0;
    }

  while (reader->length < wanted && !reader->at_eof)
    {
      gssize n = read (reader->fd, reader->buffer + reader->length,
                       BUFFER_SIZE - reader->length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        reader->read_errno = errno;
      if (n <= 0)
        reader->at_eof = TRUE;
      else
        reader->length += (gsize) n;
    }
  return reader->length;
}

static int
raw_char (RcvCsvReader *reader)
{
  if (reader->position >= reader->length && fill (reader, 1) == 0)
    return END_OF_INPUT;
  return (unsigned char) reader->data[reader->position++];
}

static int
next_char (RcvCsvReader *reader)
{
  int c;

  if (reader->pushback >= END_OF_INPUT)
    {
      c = reader->pushback;
      reader->pushback = END_OF_INPUT - 1;
    }
  else
    c = raw_char (reader);

  if (c == '\n')
    {
      reader->line++;
      reader->column = 1;
    }
  else if (c != END_OF_INPUT)
    reader->column++;

  return c;
}

static void
push_back (RcvCsvReader *reader,
           int           c)
{
  reader->pushback = c;
  if (c == '\n')
    reader->line--;
  else if (c != END_OF_INPUT)
    reader->column--;
}

/* The separator is whichever of “,” and “;” the header row has more of, outside quotes; when
 * the first line has neither (a bank's export opening with "Konto: DE89 …"), the lines after
 * it count too. Only the first LOOK_AHEAD bytes count; they stay in the buffer to be read. */
static void
detect_separator (RcvCsvReader *reader)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;
  gsize n = MIN (fill (reader, LOOK_AHEAD), LOOK_AHEAD);
  const char *head = reader->data + reader->position;

  for (gsize i = 0; i < n; i++)
    {
      char c = head[i];

      if (c == '"')
        quoted = !quoted;
      else if (!quoted && (c == '\n' || c == '\r') && commas + semicolons > 0)
        break;
      else if (!quoted && c == ',')
        commas++;
      else if (!quoted && c == ';')
        semicolons++;
    }

  reader->separator = semicolons > commas ? ';' : ',';
}

static void
skip_bom (RcvCsvReader *reader)
{
  static const char bom[] = { '\xEF', '\xBB', '\xBF' };

  if (fill (reader, sizeof bom) >= sizeof bom &&
      memcmp (reader->data + reader->position, bom, sizeof bom) == 0)
    reader->position += sizeof bom;
}

static void
end_field (RcvCsvReader *reader)
{
  guint offset;

  g_string_append_c (reader->text, '\0');
  offset = (guint) reader->text->len;
  g_array_append_val (reader->offsets, offset);
}

/* After an error, drop the rest of the physical line so that the next record starts clean. */
static void
skip_rest_of_line (RcvCsvReader *reader)
{
  int c;

  do
    c = next_char (reader);
  while (c != '\n' && c != '\r' && c != END_OF_INPUT);

  if (c == '\r')
    {
      c = next_char (reader);
      if (c != '\n')
        push_back (reader, c);
    }
}

static RcvCsvStatus
record_error (RcvCsvReader *reader,
              GError      **error,
              guint         line,
              guint         column,
              const char   *message)
{
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
               _("%s:%u:%u: %s"), reader->name, line, column, message);
  return RCV_CSV_ERROR;
}

/* What no character of a record may be or bring about: a NUL, a read error, a field or a row
 * over its limit. RCV_CSV_ROW when c may be read on. */
static RcvCsvStatus
check_char (RcvCsvReader *reader,
            int           c,
            gsize         field_start,
            GError      **error)
{
  if (c == '\0')
    {
      guint line = reader->line, column = reader->column - 1;
      skip_rest_of_line (reader);
      return record_error (reader, error, line, column,
                           _("a NUL byte: this is not a text file"));
    }

  if (c == END_OF_INPUT && reader->read_errno != 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("cannot read further: %s"), g_strerror (reader->read_errno));

      reader->read_errno = 0;
      return record_error (reader, error, reader->line, reader->column, message);
    }

  /* refused at the limit: what follows on the line is read but not kept */
  if (reader->text->len - field_start > RCV_CSV_MAX_FIELD_BYTES)
    {
      guint line = reader->line, column = reader->column - 1;
      skip_rest_of_line (reader);
      return record_error (reader, error, line, column,
                           _("a field longer than 64 KiB: the rest of the line is skipped"));
    }
  if (reader->text->len > RCV_CSV_MAX_ROW_BYTES)
    {
      guint line = reader->line, column = reader->column - 1;
      skip_rest_of_line (reader);
      return record_error (reader, error, line, column,
                           _("a row longer than 1 MiB: the rest of the line is skipped"));
    }
  return RCV_CSV_ROW;
}

/* Every field of the record read is UTF-8 text. */
static RcvCsvStatus
check_utf8 (RcvCsvReader *reader,
            GError      **error)
{
  /* offsets holds n+1 entries: the start of each field and the end of the last */
  for (guint i = 0; i + 1 < reader->offsets->len; i++)
    {
      const char *field = reader->text->str + g_array_index (reader->offsets, guint, i);

      if (!g_utf8_validate (field, -1, NULL))
        {
          g_autofree char *message =
            g_strdup_printf (_("field %u is not valid UTF-8 text"), i + 1);
          return record_error (reader, error, reader->record_line, 1, message);
        }
    }

  return RCV_CSV_ROW;
}

RcvCsvStatus
rcv_csv_reader_next (RcvCsvReader *reader,
                     GError      **error)
{
  enum { FIELD_START, UNQUOTED, QUOTED, QUOTE_IN_QUOTED } state;
  guint quote_line = 0, quote_column = 0;
  gsize field_start;
  guint zero = 0;
  int c;

  g_return_val_if_fail (reader != NULL, RCV_CSV_ERROR);

  if (!reader->started)
    {
      reader->started = TRUE;
      skip_bom (reader);
      detect_separator (reader);
    }

next_record:
  g_string_truncate (reader->text, 0);
  g_array_set_size (reader->offsets, 0);
  g_array_append_val (reader->offsets, zero);
  state = FIELD_START;
  reader->record_line = reader->line;
  field_start = 0;

  for (;;)
    {
      c = next_char (reader);

      if (check_char (reader, c, field_start, error) != RCV_CSV_ROW)
        return RCV_CSV_ERROR;

      switch (state)
        {
        case FIELD_START:
          if (c == '"')
            {
              state = QUOTED;
              quote_line = reader->line;
              quote_column = reader->column - 1;
              break;
            }
          state = UNQUOTED;
          G_GNUC_FALLTHROUGH;

        case UNQUOTED:
          if (c == reader->separator)
            {
              if (reader->offsets->len > RCV_CSV_MAX_FIELDS - 1)
                {
                  g_autofree char *message =
                    g_strdup_printf (_("a row of more than %u fields: the rest of the line is "
                                       "skipped"), (guint) RCV_CSV_MAX_FIELDS);
                  guint line = reader->line, column = reader->column - 1;

                  skip_rest_of_line (reader);
                  return record_error (reader, error, line, column, message);
                }
              end_field (reader);
              field_start = reader->text->len;
              state = FIELD_START;
            }
          else if (c == '\n' || c == '\r' || c == END_OF_INPUT)
            {
              if (c == '\r')
                {
                  int next = next_char (reader);
                  if (next != '\n')
                    push_back (reader, next);
                }
              /* a blank line is no record */
              if (reader->offsets->len == 1 && reader->text->len == 0)
                {
                  if (c == END_OF_INPUT)
                    return RCV_CSV_END;
                  goto next_record;
                }
              end_field (reader);
              goto done;
            }
          else if (c == '"')
            {
              guint line = reader->line, column = reader->column - 1;
              skip_rest_of_line (reader);
              return record_error (reader, error, line, column,
                                   _("a quote inside an unquoted field (quote the whole field "
                                     "and double the quote)"));
            }
          else
            g_string_append_c (reader->text, (char) c);
          break;

        case QUOTED:
          if (c == '"')
            state = QUOTE_IN_QUOTED;
          else if (c == END_OF_INPUT)
            return record_error (reader, error, quote_line, quote_column,
                                 _("a quoted field is never closed (its quote opens here)"));
          else
            g_string_append_c (reader->text, (char) c);
          break;

        case QUOTE_IN_QUOTED:
          if (c == '"')
            {
              g_string_append_c (reader->text, '"');
              state = QUOTED;
            }
          else
            {
              push_back (reader, c);
              if (c != reader->separator && c != '\n' && c != '\r' && c != END_OF_INPUT)
                {
                  guint line = reader->line, column = reader->column;
                  skip_rest_of_line (reader);
                  return record_error (reader, error, line, column,
                                       _("text after the closing quote of a field"));
                }
              state = UNQUOTED;
            }
          break;

        default:
          g_assert_not_reached ();
        }
    }

done:
  return check_utf8 (reader, error);
}

guint
rcv_csv_reader_get_n_fields (RcvCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->offsets->len > 0 ? reader->offsets->len - 1 : 0;
}

const char *
rcv_csv_reader_get_field (RcvCsvReader *reader,
                          guint         index)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (index < rcv_csv_reader_get_n_fields (reader), NULL);

  return reader->text->str + g_array_index (reader->offsets, guint, index);
}

guint
rcv_csv_reader_get_line (RcvCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->record_line;
}

/* The size of the input in bytes, to estimate how many rows it holds: 0 when not known (a
 * pipe). */
guint64
rcv_csv_reader_get_size (RcvCsvReader *reader)
{
  GStatBuf st;

  g_return_val_if_fail (reader != NULL, 0);

  if (reader->fd < 0)
    return reader->length;
  if (fstat (reader->fd, &st) != 0 || !S_ISREG (st.st_mode))
    return 0;
  return (guint64) st.st_size;
}

char
rcv_csv_reader_get_separator (RcvCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, ',');

  return reader->separator;
}

const char *
rcv_csv_reader_get_name (RcvCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->name;
}

/* A comma, then an amount as the files write it: major units with a "." (-1234.50). */
void
rcv_csv_append_money (GString           *out,
                      gint64             amount,
                      const RcvCurrency *currency)
{
  g_string_append_c (out, ',');
  rcv_money_append_plain (out, amount, currency);
}

/* A spreadsheet takes a cell that starts with “=”, “+”, “-” or “@” (or a tab or CR before
 * one, OWASP says) as a formula and runs it. The writer puts a single quote before such a
 * text, which spreadsheets show as text; and before one that already starts with quotes and
 * then such a character, so that rcv_csv_text_of_cell () takes exactly one quote off again
 * and an export imports back as it was. Amounts never come here (rcv_csv_append_money ()),
 * so “-12.50” stays a number. */
static gboolean
needs_neutralising (const char *field)
{
  char first = field[strspn (field, "'")];

  return first != '\0' && strchr ("=+-@\t\r", first) != NULL;
}

/* The text a cell that rcv_csv_append_field () wrote stands for: without the quote it put
 * before a formula's first character. */
const char *
rcv_csv_text_of_cell (const char *cell)
{
  g_return_val_if_fail (cell != NULL, NULL);

  return cell[0] == '\'' && needs_neutralising (cell + 1) ? cell + 1 : cell;
}

void
rcv_csv_append_field (GString    *out,
                      const char *field,
                      char        separator)
{
  const char *neutral;
  gboolean quote;

  g_return_if_fail (out != NULL);

  if (field == NULL)
    field = "";
  neutral = needs_neutralising (field) ? "'" : "";

  quote = strchr (field, separator) != NULL || strpbrk (field, "\"\r\n") != NULL ||
          (field[0] == ' ' || (field[0] != '\0' && field[strlen (field) - 1] == ' '));

  if (!quote)
    {
      g_string_append (out, neutral);
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  g_string_append (out, neutral);
  for (const char *p = field; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
rcv_csv_append_row (GString           *out,
                    const char *const *fields,
                    guint              n_fields,
                    char               separator)
{
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, separator);
      rcv_csv_append_field (out, fields[i], separator);
    }
  g_string_append_c (out, '\n');
}
