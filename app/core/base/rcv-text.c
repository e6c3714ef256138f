/* rcv-text.c - user text made safe to show: shortened, and isolated from its surroundings
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text from a person or a file reaches messages, letters, charts and notifications. Two
 * things about it are never the user's to decide there: how much room it takes (an error
 * quotes the first characters of a value, not a megabyte of it), and the direction of the
 * text around it (an unbalanced U+202E in a name must not reverse what follows the name).
 *
 * The names themselves stay as they were typed: an Arabic or Hebrew name is legitimate and
 * shows right-to-left as it should, so nothing is refused at input. At display each name is
 * a directional isolate of its own (FSI … PDI, Unicode's UAX #9): its direction comes from its
 * own first strong character and it cannot reorder the text around it. The explicit
 * embedding, override and isolate controls inside it are left out of the copy shown, since a
 * stray PDI in a name would close the isolate early and let what follows it leak out.
 */
#include "config.h"

#include <string.h>

#include "rcv-text.h"

/* U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE */
#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"
#define ELLIPSIS "\xE2\x80\xA6"

static const char *
valid_text (const char  *text,
            char       **copy)
{
  *copy = NULL;
  if (text == NULL)
    return "";
  if (!g_utf8_validate (text, -1, NULL))
    return *copy = g_utf8_make_valid (text, -1);
  return text;
}

/* Where `text` ends once shortened to `max_chars` characters (its end when it is no longer);
 * walks at most max_chars characters, however long the text. */
static const char *
cut_point (const char *text,
           guint       max_chars)
{
  const char *p = text;

  for (guint i = 0; i < max_chars && *p != '\0'; i++)
    p = g_utf8_next_char (p);
  return p;
}

/* A copy of `text` of at most `max_chars` characters; a longer one is cut on a character
 * boundary and ends in “…”. Invalid UTF-8 is replaced first, so the result is UTF-8. */
char *
rcv_text_shorten (const char *text,
                  guint       max_chars)
{
  g_autofree char *copy = NULL;
  const char *valid = valid_text (text, &copy);
  const char *cut = cut_point (valid, max_chars);
  GString *out;

  if (*cut == '\0')
    return g_strdup (valid);
  out = g_string_new_len (valid, cut - valid);
  g_string_append (out, ELLIPSIS);
  return g_string_free (out, FALSE);
}

/* U+202A–U+202E (embeddings, overrides, PDF) and U+2066–U+2069 (isolates) */
static gboolean
is_explicit_direction (gunichar c)
{
  return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

/* `text` as a directional isolate of its own, to be shown among other text (a letter, a
 * chart's label, a notification): FSI, the text without its explicit direction controls,
 * PDI. `max_chars` > 0 shortens it first as rcv_text_shorten () does. */
char *
rcv_text_isolate (const char *text,
                  guint       max_chars)
{
  g_autofree char *copy = NULL;
  const char *valid = valid_text (text, &copy);
  const char *end = max_chars > 0 ? cut_point (valid, max_chars) : valid + strlen (valid);
  GString *out = g_string_sized_new ((gsize) (end - valid) + 12);

  g_string_append (out, FSI);
  for (const char *p = valid; p < end; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (!is_explicit_direction (g_utf8_get_char (p)))
        g_string_append_len (out, p, next - p);
    }
  if (*end != '\0')
    g_string_append (out, ELLIPSIS);
  g_string_append (out, PDI);
  return g_string_free (out, FALSE);
}

/* Digit runs compare as numbers, so that C2 sorts before C10. */
int
rcv_natural_compare (const char *a,
                     const char *b)
{
  while (*a && *b)
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *ea, *eb;
          gsize la, lb;
          int c;

          while (*a == '0' && g_ascii_isdigit (a[1]))
            a++;
          while (*b == '0' && g_ascii_isdigit (b[1]))
            b++;
          for (ea = a; g_ascii_isdigit (*ea); ea++)
            ;
          for (eb = b; g_ascii_isdigit (*eb); eb++)
            ;
          la = (gsize) (ea - a);
          lb = (gsize) (eb - b);
          if (la != lb)
            return la < lb ? -1 : 1;
          c = strncmp (a, b, la);
          if (c != 0)
            return c;
          a = ea;
          b = eb;
        }
      else
        {
          if (*a != *b)
            return (unsigned char) *a < (unsigned char) *b ? -1 : 1;
          a++;
          b++;
        }
    }
  return *a ? 1 : (*b ? -1 : 0);
}
