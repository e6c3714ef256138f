/* rcv-mail-message.c - an e-mail message: a plain-text body and a PDF attached, as MIME
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 5322 with MIME (RFC 2045–2049): Date and Message-ID set, a multipart/mixed of the text
 * (UTF-8, quoted-printable: readable where it is ASCII) and the PDF (base64). A name or a
 * subject that is not ASCII goes as RFC 2047 encoded words, the file name as RFC 2231; an
 * address that is not ASCII only to a server that takes UTF-8 (SMTPUTF8, RFC 6532). Lines end
 * in CRLF and stay within 78 characters. The people's texts are headers' values only: a line
 * break or a control character in them is a space, so they cannot add a header.
 */
#define G_LOG_DOMAIN "rcv-mail"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-mail-message.h"

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;
  return TRUE;
}

/* A header value without line breaks or control characters. */
static char *
one_line (const char *text)
{
  char *line = g_strdup (text != NULL ? text : "");

  for (char *p = line; *p != '\0'; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      *p = ' ';
  return g_strstrip (line);
}

/* A plausible address: a local part and a domain around one "@", no spaces, no brackets, no
 * control characters; UTF-8 is allowed (RFC 6532). */
gboolean
rcv_mail_address_valid (const char *address)
{
  const char *at;

  if (address == NULL || !g_utf8_validate (address, -1, NULL))
    return FALSE;
  at = strchr (address, '@');
  if (at == NULL || at == address || at[1] == '\0' || strchr (at + 1, '@') != NULL ||
      strchr (at + 1, '.') == NULL || at[strlen (at) - 1] == '.')
    return FALSE;
  for (const char *p = address; *p != '\0'; p++)
    if ((guchar) *p <= 0x20 || *p == 0x7f || strchr ("<>()[],;:\\\"", *p) != NULL)
      return FALSE;
  return strlen (address) <= 254;
}

/* RFC 2047: a text that is not ASCII as "=?UTF-8?B?…?=" words of at most 75 characters (each
 * whole UTF-8 characters), separated by folding whitespace; ASCII as it is. */
char *
rcv_mail_encode_words (const char *text)
{
  g_autofree char *line = one_line (text);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *p = line;

  if (is_ascii (line))
    return g_steal_pointer (&line);
  while (*p != '\0')
    {
      const char *end = p;
      g_autofree char *encoded = NULL;

      /* 39 bytes of UTF-8 make 52 of base64: with "=?UTF-8?B?" and "?=", 64, which leaves
       * room for a header's name ("Subject: ") within 78 */
      while (*end != '\0')
        {
          const char *next = g_utf8_next_char (end);

          if (next - p > 39)
            break;
          end = next;
        }
      encoded = g_base64_encode ((const guchar *) p, (gsize) (end - p));
      if (out->len > 0)
        g_string_append (out, "\r\n ");
      g_string_append_printf (out, "=?UTF-8?B?%s?=", encoded);
      p = end;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "Name <address>": the name as atoms, a quoted string, or encoded words. */
static char *
mailbox (const char *name,
         const char *address)
{
  g_autofree char *clean = one_line (name);
  g_autoptr(GString) quoted = NULL;
  gboolean atoms = TRUE;

  if (clean[0] == '\0')
    return g_strdup_printf ("<%s>", address);
  if (!is_ascii (clean))
    {
      g_autofree char *words = rcv_mail_encode_words (clean);

      return g_strdup_printf ("%s <%s>", words, address);
    }
  for (const char *p = clean; *p != '\0' && atoms; p++)
    atoms = g_ascii_isalnum (*p) || *p == ' ' || strchr ("!#$%&'*+-/=?^_`{|}~", *p) != NULL;
  if (atoms)
    return g_strdup_printf ("%s <%s>", clean, address);
  quoted = g_string_new ("\"");
  for (const char *p = clean; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }
  g_string_append_printf (quoted, "\" <%s>", address);
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

/* Quoted-printable (RFC 2045 §6.7) of a text, "\n" between its lines, with CRLF: at most 76
 * characters a line, soft breaks ("=") where a line is longer. */
static void
append_quoted_printable (GString    *out,
                         const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const guchar *p = (const guchar *) lines[i];
      gsize length = strlen (lines[i]);
      guint column = 0;

      if (length > 0 && lines[i][length - 1] == '\r')
        length--;
      for (gsize k = 0; k < length; k++)
        {
          char piece[4];
          gboolean last = k + 1 == length;

          if ((p[k] >= 33 && p[k] <= 126 && p[k] != '=') ||
              ((p[k] == ' ' || p[k] == '\t') && !last))
            {
              piece[0] = (char) p[k];
              piece[1] = '\0';
            }
          else
            g_snprintf (piece, sizeof piece, "=%02X", p[k]);
          if (column + strlen (piece) > 75)
            {
              g_string_append (out, "=\r\n");
              column = 0;
            }
          g_string_append (out, piece);
          column += (guint) strlen (piece);
        }
      g_string_append (out, "\r\n");
    }
}

/* Base64 in lines of 76 characters. */
static void
append_base64 (GString *out,
               GBytes  *bytes)
{
  gsize length = 0;
  const guchar *data = g_bytes_get_data (bytes, &length);
  g_autofree char *encoded = g_base64_encode (data, length);
  gsize total = strlen (encoded);

  for (gsize i = 0; i < total; i += 76)
    {
      g_string_append_len (out, encoded + i, (gssize) MIN (76, total - i));
      g_string_append (out, "\r\n");
    }
}

/* The file name parameter: as it is when ASCII without quotes, RFC 2231 otherwise. */
static void
append_file_name (GString    *out,
                  const char *parameter,
                  const char *name)
{
  g_autofree char *clean = one_line (name);

  if (is_ascii (clean) && strpbrk (clean, "\"\\") == NULL)
    {
      g_string_append_printf (out, "; %s=\"%s\"", parameter, clean);
      return;
    }
  g_string_append_printf (out, ";\r\n %s*=UTF-8''", parameter);
  for (const guchar *p = (const guchar *) clean; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL)
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static char *
random_token (guint n_bytes)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_bytes; i++)
    g_string_append_printf (out, "%02x", (guint) g_random_int_range (0, 256));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The message, CRLF throughout; its Message-ID (without the brackets) in `message_id` when
 * not NULL. An address that does not look like one, or that is not ASCII for a server that
 * does not take UTF-8, is refused. */
GBytes *
rcv_mail_message_build (const RcvMailParts  *parts,
                        char               **message_id,
                        GError             **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *id = NULL;
  g_autofree char *boundary = NULL;
  const char *addresses[2] = { parts->from_address, parts->to_address };

  g_return_val_if_fail (parts != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      if (!rcv_mail_address_valid (addresses[i]))
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("“%s” is not an e-mail address"),
                       addresses[i] != NULL ? addresses[i] : "");
          return NULL;
        }
      if (!is_ascii (addresses[i]) && !parts->smtputf8)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("“%s” is not ASCII, and the mail server does not take such addresses "
                         "(no SMTPUTF8)"), addresses[i]);
          return NULL;
        }
    }

  now = parts->date != NULL ? g_date_time_ref (parts->date) : g_date_time_new_now_local ();
  /* RFC 5322 §3.3, in English whatever the locale: "Thu, 03 Dec 2026 08:50:00 +0100" */
  {
    static const char *const days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
                                          "Aug", "Sep", "Oct", "Nov", "Dec" };
    GTimeSpan offset = g_date_time_get_utc_offset (now) / G_TIME_SPAN_MINUTE;

    date = g_strdup_printf ("%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d",
                            days[g_date_time_get_day_of_week (now) - 1],
                            g_date_time_get_day_of_month (now),
                            months[g_date_time_get_month (now) - 1], g_date_time_get_year (now),
                            g_date_time_get_hour (now), g_date_time_get_minute (now),
                            g_date_time_get_second (now), offset < 0 ? '-' : '+',
                            (int) (ABS (offset) / 60), (int) (ABS (offset) % 60));
  }
  from = mailbox (parts->from_name, parts->from_address);
  to = mailbox (parts->to_name, parts->to_address);
  subject = rcv_mail_encode_words (parts->subject);
  {
    g_autofree char *token = random_token (12);
    g_autofree char *separator = random_token (12);

    id = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@%s", token,
                          g_date_time_to_unix (now), strchr (parts->from_address, '@') + 1);
    boundary = g_strdup_printf ("=_rcv_%s", separator);
  }

  g_string_append_printf (out, "Date: %s\r\n", date);
  g_string_append_printf (out, "From: %s\r\n", from);
  g_string_append_printf (out, "To: %s\r\n", to);
  g_string_append_printf (out, "Subject: %s\r\n", subject);
  g_string_append_printf (out, "Message-ID: <%s>\r\n", id);
  g_string_append (out, "MIME-Version: 1.0\r\n");
  g_string_append_printf (out, "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n",
                          boundary);
  g_string_append (out, "This is a message in MIME format.\r\n");
  g_string_append_printf (out, "\r\n--%s\r\n", boundary);
  g_string_append (out, "Content-Type: text/plain; charset=UTF-8\r\n"
                        "Content-Transfer-Encoding: quoted-printable\r\n\r\n");
  append_quoted_printable (out, parts->body != NULL ? parts->body : "");
  if (parts->attachment != NULL)
    {
      const char *name = parts->attachment_name != NULL ? parts->attachment_name
                                                         : "document.pdf";

      g_string_append_printf (out, "\r\n--%s\r\n", boundary);
      g_string_append (out, "Content-Type: application/pdf");
      append_file_name (out, "name", name);
      g_string_append (out, "\r\nContent-Disposition: attachment");
      append_file_name (out, "filename", name);
      g_string_append (out, "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
      append_base64 (out, parts->attachment);
    }
  g_string_append_printf (out, "\r\n--%s--\r\n", boundary);

  if (message_id != NULL)
    *message_id = g_steal_pointer (&id);
  return g_string_free_to_bytes (g_steal_pointer (&out));
}
