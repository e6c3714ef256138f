/* test-date.c - ISO dates: parsing, formatting, and the Julian day arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-test-utils.h"

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_true (rcv_date_parse_iso ("2024-02-29", &date, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_day (&date), ==, 29);

  g_assert_false (rcv_date_parse_iso ("2026-02-29", &date, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (rcv_date_parse_iso ("2026-2-1", &date, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rcv_date_parse_iso ("1899-12-31", &date, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_false (rcv_date_parse_iso ("2026-01-01 ", &date, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
}

/* Every day from 1900 to 9999: the arithmetic agrees with GDate both ways. */
static void
test_julian_matches_gdate (void)
{
  GDate date, end;

  g_date_clear (&date, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1900);
  g_date_set_dmy (&end, 31, G_DATE_DECEMBER, 9999);

  while (g_date_compare (&date, &end) <= 0)
    {
      char iso[RCV_ISO_DATE_LEN], back[RCV_ISO_DATE_LEN];
      guint32 julian;

      rcv_date_to_iso (&date, iso);
      julian = rcv_iso_to_julian (iso);
      if (julian != g_date_get_julian (&date))
        g_error ("%s: %u, GDate says %u", iso, julian, g_date_get_julian (&date));
      rcv_julian_to_iso (julian, back);
      g_assert_cmpstr (back, ==, iso);
      g_date_add_days (&date, 1);
    }
}

/* Day arithmetic stops at the years Receivables keeps instead of wrapping 10000 to 0000. */
static void
test_end_of_calendar (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;
  char iso[RCV_ISO_DATE_LEN];

  g_assert_true (rcv_date_parse_iso ("9999-12-21", &date, NULL));
  g_assert_true (rcv_date_add_days (&date, 10, &error));
  g_assert_no_error (error);
  rcv_date_to_iso (&date, iso);
  g_assert_cmpstr (iso, ==, "9999-12-31");
  g_assert_false (rcv_date_add_days (&date, 1, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "9999-12-31 and 1 days after it is past 9999-12-31, "
                                       "the last date Receivables keeps");
  g_clear_error (&error);
  rcv_date_to_iso (&date, iso);
  g_assert_cmpstr (iso, ==, "9999-12-31");   /* left as it was */
  g_assert_false (rcv_date_add_days (&date, G_MAXINT, &error));
  g_clear_error (&error);

  g_assert_true (rcv_date_parse_iso ("1900-01-10", &date, NULL));
  g_assert_true (rcv_date_add_days (&date, -9, NULL));
  g_assert_false (rcv_date_add_days (&date, -1, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE);
  g_assert_false (rcv_date_add_days (&date, G_MININT, NULL));
  g_assert_true (rcv_date_in_range (&date));

  g_date_set_dmy (&date, 10, 1, 10000);
  g_assert_false (rcv_date_in_range (&date));
}

static void
assert_parses (const char *text,
               guint       day,
               guint       month,
               guint       year)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!rcv_date_parse_user (text, &date, &error))
    g_error ("“%s” did not parse in %s: %s", text, setlocale (LC_TIME, NULL), error->message);
  g_assert_cmpuint (g_date_get_day (&date), ==, day);
  g_assert_cmpuint (g_date_get_month (&date), ==, month);
  g_assert_cmpuint (g_date_get_year (&date), ==, year);
}

static void
assert_refused (const char *text,
                gint        code)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  if (rcv_date_parse_user (text, &date, &error))
    g_error ("“%s” parsed in %s", text, setlocale (LC_TIME, NULL));
  g_assert_error (error, RCV_INPUT_ERROR, code);
}

/* A date is never read in an order other than the locale's or ISO's */
static void
assert_common (void)
{
  GDate date;
  g_autofree char *filled = NULL;

  /* ISO in any locale, and a four-digit first number is always a year */
  assert_parses ("2026-12-02", 2, 12, 2026);
  assert_parses (" 2026-1-5 ", 5, 1, 2026);
  assert_parses ("2026/12/02", 2, 12, 2026);
  /* impossible days, months, years */
  assert_refused ("2026-02-29", RCV_INPUT_ERROR_RANGE);
  assert_refused ("2026-13-01", RCV_INPUT_ERROR_RANGE);
  assert_refused ("1899-12-31", RCV_INPUT_ERROR_RANGE);
  /* not dates */
  assert_refused ("", RCV_INPUT_ERROR_INVALID);
  assert_refused ("2026-12", RCV_INPUT_ERROR_INVALID);
  assert_refused ("2026-12-02-01", RCV_INPUT_ERROR_INVALID);
  assert_refused ("2026-12-02x", RCV_INPUT_ERROR_INVALID);
  assert_refused ("2026:12:02", RCV_INPUT_ERROR_INVALID);
  assert_refused ("02..12.2026", RCV_INPUT_ERROR_INVALID);
  assert_refused ("02.12.026", RCV_INPUT_ERROR_INVALID);
  assert_refused ("02.12.20265", RCV_INPUT_ERROR_INVALID);
  assert_refused ("002.12.2026", RCV_INPUT_ERROR_INVALID);
  assert_refused ("tomorrow", RCV_INPUT_ERROR_INVALID);

  /* what a field is filled with and what the list shows both read back */
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, 12, 2026);
  filled = rcv_date_format_user (&date);
  assert_parses (filled, 2, 12, 2026);
  {
    g_autofree char *shown = rcv_date_format_locale (&date);

    assert_parses (shown, 2, 12, 2026);
  }
}

static void
test_parse_user_german (void)
{
  g_autofree char *filled = NULL, *hint = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  if (!rcv_test_use_locale ("de_DE.UTF-8", "de"))
    return;
  assert_common ();
  assert_parses ("02.12.2026", 2, 12, 2026);
  assert_parses ("2.12.2026", 2, 12, 2026);
  assert_parses ("2. 12. 2026", 2, 12, 2026);
  assert_parses ("02/12/2026", 2, 12, 2026);
  assert_parses ("02-12-26", 2, 12, 2026);
  assert_parses ("29.02.2024", 29, 2, 2024);
  assert_refused ("31.02.2026", RCV_INPUT_ERROR_RANGE);
  assert_refused ("12.31.2026", RCV_INPUT_ERROR_RANGE);
  assert_refused ("00.12.2026", RCV_INPUT_ERROR_RANGE);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2026);
  filled = rcv_date_format_user (&date);
  hint = rcv_date_format_hint ();
  rcv_date_parse_user ("2026.13", &date, &error);
  rcv_test_leave_locale ();

  g_assert_cmpstr (filled, ==, "05.03.2026");
  /* the pattern in the language's letters, once po/ translates them */
  g_assert_true (g_str_equal (hint, "TT.MM.JJJJ") || g_str_equal (hint, "DD.MM.YYYY"));
  /* the message says which form is accepted */
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, hint));
}

static void
test_parse_user_french (void)
{
  g_autofree char *filled = NULL, *hint = NULL;
  GDate date;

  if (!rcv_test_use_locale ("fr_FR.UTF-8", "fr"))
    return;
  assert_common ();
  assert_parses ("02/12/2026", 2, 12, 2026);
  assert_parses ("2/12/26", 2, 12, 2026);
  assert_parses ("02.12.2026", 2, 12, 2026);
  assert_parses ("31/12/2026", 31, 12, 2026);
  assert_refused ("31/02/2026", RCV_INPUT_ERROR_RANGE);
  assert_refused ("12/31/2026", RCV_INPUT_ERROR_RANGE);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2026);
  filled = rcv_date_format_user (&date);
  hint = rcv_date_format_hint ();
  rcv_test_leave_locale ();

  g_assert_cmpstr (filled, ==, "05/03/2026");
  g_assert_true (g_str_equal (hint, "JJ/MM/AAAA") || g_str_equal (hint, "DD/MM/YYYY"));
}

/* US English: month first */
static void
test_parse_user_english (void)
{
  g_autofree char *filled = NULL, *hint = NULL;
  GDate date;

  if (!rcv_test_use_locale ("en_US.UTF-8", "en"))
    return;
  assert_common ();
  assert_parses ("12/02/2026", 2, 12, 2026);
  assert_parses ("2/12/2026", 12, 2, 2026);
  assert_parses ("12/31/26", 31, 12, 2026);
  assert_refused ("31/12/2026", RCV_INPUT_ERROR_RANGE);
  assert_refused ("02/30/2026", RCV_INPUT_ERROR_RANGE);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2026);
  filled = rcv_date_format_user (&date);
  hint = rcv_date_format_hint ();
  rcv_test_leave_locale ();

  g_assert_cmpstr (filled, ==, "03/05/2026");
  g_assert_cmpstr (hint, ==, "MM/DD/YYYY");
}

/* The C locale has no convention for people: its fields are ISO */
static void
test_parse_user_c_locale (void)
{
  g_autofree char *filled = NULL, *hint = NULL;
  g_autoptr(GError) error = NULL;
  GDate date;

  setlocale (LC_ALL, "C.UTF-8");
  assert_common ();
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 5, 3, 2026);
  filled = rcv_date_format_user (&date);
  hint = rcv_date_format_hint ();
  g_assert_cmpstr (filled, ==, "2026-03-05");
  g_assert_cmpstr (hint, ==, "YYYY-MM-DD");
  g_assert_false (rcv_date_parse_user ("5 March", &date, &error));
  g_assert_cmpstr (error->message, ==, "“5 March” is not a date (write it YYYY-MM-DD)");
}

/* Letters write dates out ("2 December 2026"), tables with a four-digit year, never "12/02/26":
 * in the C locale, and with German and French month names where those locales exist. */
static void
test_letter_forms (void)
{
  static const struct { const char *locale, *month; } months[] = {
    { "de_DE.UTF-8", "2. Dezember 2026" },   /* the German msgstr of the long date */
    { "fr_FR.UTF-8", "2 décembre 2026" },
  };
  g_autofree char *numeric = NULL;
  g_autofree char *day = NULL;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 2, G_DATE_DECEMBER, 2026);
  g_assert_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  day = rcv_date_format_long (&date);
  g_assert_cmpstr (day, ==, "2 December 2026");
  numeric = rcv_date_format_numeric (&date);
  g_assert_cmpstr (numeric, ==, "12/02/2026");

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      g_autofree char *text = NULL;
      g_autofree char *digits = NULL;

      if (setlocale (LC_ALL, months[i].locale) == NULL)
        continue;
      text = rcv_date_format_long (&date);
      g_assert_cmpstr (text, ==, months[i].month);
      digits = rcv_date_format_numeric (&date);
      g_assert_cmpstr (digits, ==, i == 0 ? "02.12.2026" : "02/12/2026");
    }
  /* en_GB's own numeric form has a two-digit year ("02/12/26") */
  if (setlocale (LC_ALL, "en_GB.UTF-8") != NULL)
    {
      g_autofree char *digits = rcv_date_format_numeric (&date);
      g_assert_cmpstr (digits, ==, "02/12/2026");
    }
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/parse", test_parse);
  g_test_add_func ("/core/date/parse-user-german", test_parse_user_german);
  g_test_add_func ("/core/date/parse-user-french", test_parse_user_french);
  g_test_add_func ("/core/date/parse-user-english", test_parse_user_english);
  g_test_add_func ("/core/date/parse-user-c-locale", test_parse_user_c_locale);
  g_test_add_func ("/core/date/julian-matches-gdate", test_julian_matches_gdate);
  g_test_add_func ("/core/date/end-of-calendar", test_end_of_calendar);
  g_test_add_func ("/core/date/letter-forms", test_letter_forms);

  return g_test_run ();
}
