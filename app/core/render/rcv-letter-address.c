/* rcv-letter-address.c - the recipient's address: fitting it into the envelope's window, and
 * telling before printing what may keep a letter from arriving
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measured on the same Pango context as the letter's layout (72 dpi, no hinting), so that the
 * check says what the printed page will show. The messages for people are in rcv-letter.c
 * (rcv_address_problem_describe ()).
 */
#define G_LOG_DOMAIN "rcv-letter"

#include "config.h"

#include <pango/pangocairo.h>
#include <string.h>

#include "rcv-letter.h"
#include "rcv-letter-private.h"
#include "rcv-text.h"

/* A Pango context of 72 dpi with unhinted metrics, on the cairo_t's font map (the default
 * one without), so that a letter measures the same wherever it is drawn. */
PangoContext *
rcv_letter_context_new (cairo_t *cr)
{
  PangoContext *context;
  cairo_font_options_t *options;

  if (cr != NULL)
    context = pango_cairo_create_context (cr);
  else
    context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (context, 72);
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (context, FALSE);
  return context;
}

/* The non-empty lines of an address, stripped. */
GStrv
rcv_letter_address_lines (const char *address)
{
  g_auto(GStrv) split = g_strsplit (address != NULL ? address : "", "\n", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; split[i] != NULL; i++)
    {
      g_strstrip (split[i]);
      if (split[i][0] != '\0')
        g_strv_builder_add (builder, split[i]);
    }
  return g_strv_builder_end (builder);
}

/* A postcode as most countries write one: four to six digits (DE, FR, US, AT, CH, NL, …), or
 * the British ("SW1A 1AA") and Canadian ("K1A 0B1") forms. */
static GRegex *
postcode_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *compiled = g_regex_new ("(?<![\\p{L}\\p{N}])"
                                      "(\\d{4,6}"
                                      "|[A-Z]{1,2}\\d[A-Z\\d]?\\s*\\d[A-Z]{2}"
                                      "|[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d)"
                                      "(?![\\p{L}\\p{N}])",
                                      G_REGEX_OPTIMIZE, 0, NULL);

      g_assert (compiled != NULL);
      g_once_init_leave (&regex, compiled);
    }
  return regex;
}

/* The shape of a line's postcode ("99999", "AA9A 9AA"), or NULL when the line does not hold
 * a postcode and a town (a word of two letters or more). */
static char *
town_line_postcode_shape (const char *line)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *code = NULL;
  GString *shape;
  gboolean town = FALSE;

  if (!g_regex_match (postcode_regex (), line, 0, &match))
    return NULL;
  code = g_match_info_fetch (match, 1);
  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *q = p;
      guint letters = 0;

      while (*q != '\0' && g_unichar_isalpha (g_utf8_get_char (q)))
        {
          letters++;
          q = g_utf8_next_char (q);
        }
      if (letters >= 2)
        town = TRUE;
      if (q != p)
        p = g_utf8_find_prev_char (line, q);
    }
  if (!town)
    return NULL;
  shape = g_string_new (NULL);
  for (const char *p = code; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (shape, '9');
      else if (g_ascii_isalpha (*p))
        g_string_append_c (shape, 'A');
    }
  return g_string_free (shape, FALSE);
}

/* The last line holding a postcode and a town, and its postcode's shape; -1 when none. */
static int
find_town_line (const char *const *lines,
                char              **shape)
{
  for (int i = (int) g_strv_length ((char **) lines) - 1; i >= 0; i--)
    {
      char *found = town_line_postcode_shape (lines[i]);

      if (found != NULL)
        {
          if (shape != NULL)
            *shape = found;
          else
            g_free (found);
          return i;
        }
    }
  if (shape != NULL)
    *shape = NULL;
  return -1;
}

/* Whether the address's last line names a country: it follows the town's line and has no
 * digit ("Deutschland", "FRANCE"). */
gboolean
rcv_letter_address_has_country (const char *const *lines)
{
  guint n = g_strv_length ((char **) lines);
  int town = find_town_line (lines, NULL);

  if (town < 0 || (guint) town + 1 >= n)
    return FALSE;
  for (const char *p = lines[n - 1]; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* The name and the address as they stand in the window; the name shortened to `max_chars`
 * (with an ellipsis) when that is > 0. */
static char *
recipient_text (const RcvDunningLetter *letter,
                guint                   max_chars)
{
  /* isolated (rcv-text.c): the name cannot reorder the address */
  g_autofree char *name = rcv_text_isolate (letter->name, max_chars);
  char *text = g_strdup_printf ("%s\n%s", name, letter->address != NULL ? letter->address : "");

  return g_strstrip (text);
}

static RcvAddressProblem
measure_recipient (PangoContext   *context,
                   double          width,
                   double          height,
                   const char     *text,
                   double          size,
                   PangoLayout   **layout)
{
  g_autoptr(PangoLayout) candidate = rcv_text_layout_new (context, text, size, FALSE, width,
                                                          PANGO_ALIGN_LEFT);
  RcvAddressProblem problems = RCV_ADDRESS_PROBLEM_NONE;
  int paragraphs = 1;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    paragraphs++;
  if (pango_layout_get_line_count (candidate) > paragraphs)
    problems |= RCV_ADDRESS_PROBLEM_LINE_TOO_LONG;
  if (rcv_layout_height (candidate) > height + 0.5)
    problems |= RCV_ADDRESS_PROBLEM_TOO_MANY_LINES;
  if (layout != NULL)
    *layout = g_steal_pointer (&candidate);
  return problems;
}

/* The recipient laid out to fit the window: in smaller print, down to RCV_LETTER_RECIPIENT_MIN_SIZE,
 * when a line would wrap or the lines are taller than the window; still too tall, the name
 * is shortened (with an ellipsis) so that the address below it stays whole. Returns what
 * does not fit at the smallest size with the whole name. */
RcvAddressProblem
rcv_letter_fit_recipient (PangoContext           *context,
                          double                  width,
                          double                  height,
                          const RcvDunningLetter *letter,
                          PangoLayout           **layout,
                          double                 *size)
{
  g_autofree char *text = recipient_text (letter, 0);
  RcvAddressProblem problems = RCV_ADDRESS_PROBLEM_NONE;
  double points;

  for (points = RCV_LETTER_RECIPIENT_SIZE; points >= RCV_LETTER_RECIPIENT_MIN_SIZE - 0.01; points -= 1)
    {
      problems = measure_recipient (context, width, height, text, points, NULL);
      if (problems == RCV_ADDRESS_PROBLEM_NONE)
        break;
    }
  points = MAX (points, RCV_LETTER_RECIPIENT_MIN_SIZE);
  if (size != NULL)
    *size = points;
  if (layout == NULL)
    return problems;
  if (problems & RCV_ADDRESS_PROBLEM_TOO_MANY_LINES)
    {
      /* the longest name that leaves the address whole, by halving */
      guint low = 1, high = (guint) g_utf8_strlen (letter->name != NULL ? letter->name : "", -1);

      while (low < high)
        {
          guint middle = low + (high - low + 1) / 2;
          g_autofree char *shorter = recipient_text (letter, middle);

          if (measure_recipient (context, width, height, shorter, points, NULL) &
              RCV_ADDRESS_PROBLEM_TOO_MANY_LINES)
            high = middle - 1;
          else
            low = middle;
        }
      g_free (text);
      text = recipient_text (letter, low);
    }
  measure_recipient (context, width, height, text, points, layout);
  return problems;
}

/* ---- checking an address ------------------------------------------------------------- */

/* What may keep the letter from reaching its addressee, before it is printed. The rule,
 * simple and stated in the warnings themselves:
 * - no address at all: MISSING;
 * - no line holding a postcode (4 to 6 digits, or the British or Canadian form) and a town
 *   (a word of two letters or more): NO_TOWN;
 * - the town's line is the last (no country after it), and its postcode is not written like
 *   the company's own (5 digits against 4, "SW1A 1AA" against "10115"): the letter probably
 *   goes abroad without a country, NO_COUNTRY. An address written like the company's own is
 *   taken as domestic, which needs no country (so a French "69002 Lyon" looks domestic to a
 *   German company: five digits both; the check cannot tell); when the company's address has
 *   no postcode, nothing can be told and nothing is said;
 * - measured as printed: a line that wraps even at the smallest size (LINE_TOO_LONG), lines
 *   taller than the window at the smallest size, whose name is then shortened
 *   (TOO_MANY_LINES). */
static RcvAddressProblem
check_address (const RcvLetterhead    *head,
               const RcvDunningLetter *letter,
               PangoContext           *context)
{
  RcvAddressProblem problems = RCV_ADDRESS_PROBLEM_NONE;
  g_auto(GStrv) lines = NULL;
  g_autofree char *shape = NULL;
  double width, height;
  int town;

  lines = rcv_letter_address_lines (letter->address);
  town = find_town_line ((const char *const *) lines, &shape);
  if (lines[0] == NULL)
    problems |= RCV_ADDRESS_PROBLEM_MISSING;
  else if (town < 0)
    problems |= RCV_ADDRESS_PROBLEM_NO_TOWN;
  else if (lines[town + 1] == NULL)
    {
      g_auto(GStrv) own = rcv_letter_address_lines (rcv_letterhead_get_address (head));
      g_autofree char *own_shape = NULL;

      if (find_town_line ((const char *const *) own, &own_shape) >= 0 &&
          g_strcmp0 (shape, own_shape) != 0)
        problems |= RCV_ADDRESS_PROBLEM_NO_COUNTRY;
    }

  /* measured as the layout measures */
  rcv_paper_get_window (rcv_letterhead_get_paper (head), &width, &height);
  problems |= rcv_letter_fit_recipient (context, width, height, letter, NULL, NULL);
  return problems;
}

RcvAddressProblem
rcv_letter_check_address (const RcvLetterhead    *head,
                          const RcvDunningLetter *letter)
{
  g_autoptr(GObject) context = NULL;

  g_return_val_if_fail (head != NULL && letter != NULL, RCV_ADDRESS_PROBLEM_NONE);

  context = G_OBJECT (rcv_letter_context_new (NULL));
  return check_address (head, letter, PANGO_CONTEXT (context));
}

/* The problems of each letter's address, in one go (one Pango context for all): a batch of
 * 30 000 letters takes about half a second, so the window checks them in its worker thread.
 * Freed with g_free (). */
RcvAddressProblem *
rcv_letters_check_addresses (const RcvLetterhead           *head,
                             const RcvDunningLetter *const *letters,
                             guint                          n_letters)
{
  g_autoptr(GObject) context = NULL;
  RcvAddressProblem *problems;

  g_return_val_if_fail (head != NULL && (letters != NULL || n_letters == 0), NULL);

  problems = g_new0 (RcvAddressProblem, MAX (n_letters, 1));
  context = G_OBJECT (rcv_letter_context_new (NULL));
  for (guint i = 0; i < n_letters; i++)
    problems[i] = check_address (head, letters[i], PANGO_CONTEXT (context));
  return problems;
}
