/* rcv-date.c - ISO dates (YYYY-MM-DD), the locale's dates for people, and day arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <langinfo.h>
#include <locale.h>
#include <string.h>
#ifdef __GLIBC__
#include <langinfo.h>
#endif

#include "rcv-date.h"
#include "rcv-error.h"

/* Only the four-digit years a business deals with: this also keeps every date's ISO text in
 * the same order as the date, which the SQL relies on. */
#define MIN_YEAR 1900
#define MAX_YEAR 9999

gboolean
rcv_date_parse_iso (const char *text,
                    GDate      *date,
                    GError    **error)
{
  guint year, month, day;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    goto invalid;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      goto invalid;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);

  if (year < MIN_YEAR || year > MAX_YEAR || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("“%s” is not a date in the calendar"), text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;

invalid:
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
               _("“%s” is not a date (write it YYYY-MM-DD)"), text);
  return FALSE;
}

/* By hand, not with printf: imports write several dates per row. */
static void
write_iso (guint year,
           guint month,
           guint day,
           char  buffer[RCV_ISO_DATE_LEN])
{
  buffer[0] = (char) ('0' + year / 1000 % 10);
  buffer[1] = (char) ('0' + year / 100 % 10);
  buffer[2] = (char) ('0' + year / 10 % 10);
  buffer[3] = (char) ('0' + year % 10);
  buffer[4] = '-';
  buffer[5] = (char) ('0' + month / 10);
  buffer[6] = (char) ('0' + month % 10);
  buffer[7] = '-';
  buffer[8] = (char) ('0' + day / 10);
  buffer[9] = (char) ('0' + day % 10);
  buffer[10] = '\0';
}

/* Whether `date` is within the years Receivables keeps (1900–9999): GDate goes on to 65535,
 * whose years the four-digit ISO text cannot hold. */
gboolean
rcv_date_in_range (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return g_date_get_year (date) >= MIN_YEAR && g_date_get_year (date) <= MAX_YEAR;
}

/* Adds `days` (negative: goes back) to a valid date. A result outside the years Receivables
 * keeps is refused with RCV_INPUT_ERROR_RANGE, and `date` is left as it was: the day after
 * 9999-12-31 would be written 0000-01-01. */
gboolean
rcv_date_add_days (GDate   *date,
                   gint     days,
                   GError **error)
{
  GDate first, last;
  gint64 julian;
  char from[RCV_ISO_DATE_LEN];

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  /* in Julian days, where any `days` fits: GDate's own add and subtract assert instead */
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 1, G_DATE_JANUARY, MIN_YEAR);
  g_date_set_dmy (&last, 31, G_DATE_DECEMBER, MAX_YEAR);
  julian = (gint64) g_date_get_julian (date) + days;
  if (rcv_date_in_range (date) && julian >= (gint64) g_date_get_julian (&first) &&
      julian <= (gint64) g_date_get_julian (&last))
    {
      g_date_set_julian (date, (guint32) julian);
      return TRUE;
    }

  rcv_date_to_iso (date, from);
  if (days >= 0)
    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                 _("%s and %d days after it is past 9999-12-31, the last date Receivables keeps"),
                 from, days);
  else
    {
      /* -G_MININT does not fit a gint */
      g_autofree char *back = g_strdup_printf ("%" G_GINT64_FORMAT, -(gint64) days);

      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("%s days before %s is before 1900-01-01, the first date Receivables keeps"),
                   back, from);
    }
  return FALSE;
}

void
rcv_date_to_iso (const GDate *date,
                 char         buffer[RCV_ISO_DATE_LEN])
{
  guint year, month, day;

  g_return_if_fail (date != NULL && g_date_valid (date));

  year = g_date_get_year (date);
  month = g_date_get_month (date);
  day = g_date_get_day (date);
  /* a date past the range is a bug of the caller (rcv_date_add_days () refuses them); it is
   * never printed wrapped (10000-01-10 as 0000-01-10) */
  if (year > MAX_YEAR || year < MIN_YEAR)
    {
      g_critical ("a date outside %d–%d reached the output", MIN_YEAR, MAX_YEAR);
      year = CLAMP (year, MIN_YEAR, MAX_YEAR);
      month = year == MAX_YEAR ? 12 : 1;
      day = year == MAX_YEAR ? 31 : 1;
    }
  write_iso (year, month, day, buffer);
}

char *
rcv_date_format_iso (const GDate *date)
{
  char buffer[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (date, buffer);
  return g_strdup (buffer);
}

/* Only the outermost layer (a widget, the CLI's default) asks the clock. */
void
rcv_date_set_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/* For ISO text that is already known to be valid (it came from the database). Plain
 * arithmetic rather than GDate: aging converts two dates for each open document. The
 * result is GDate's Julian day (0001-01-01 is day 1), checked against it by the tests. */
guint32
rcv_iso_to_julian (const char *iso)
{
  gint64 year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 +
                (iso[3] - '0');
  gint64 month = (iso[5] - '0') * 10 + (iso[6] - '0');
  gint64 day = (iso[8] - '0') * 10 + (iso[9] - '0');
  gint64 era, year_of_era, day_of_year, day_of_era;

  /* days from civil (proleptic Gregorian), March-based years */
  year -= month <= 2;
  era = year / 400;
  year_of_era = year - era * 400;
  day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  /* era * 146097 + day_of_era counts from 0000-03-01; 0001-01-01 is day 306 of that count */
  return (guint32) (era * 146097 + day_of_era - 306 + 1);
}

/* The other way, by the same arithmetic: a bulk import writes millions of dates (through
 * GDate, each cost about 400 instructions). Checked against GDate by the tests. */
void
rcv_julian_to_iso (guint32 julian,
                   char    buffer[RCV_ISO_DATE_LEN])
{
  /* civil from days: n counts from 0000-03-01, as above */
  guint64 n = (guint64) julian + 305;
  guint64 era = n / 146097;
  guint64 day_of_era = n - era * 146097;
  guint64 year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
                         day_of_era / 146096) / 365;
  guint64 day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  guint64 month_from_march = (5 * day_of_year + 2) / 153;
  guint day = (guint) (day_of_year - (153 * month_from_march + 2) / 5 + 1);
  guint month = (guint) (month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  guint year = (guint) (year_of_era + era * 400 + (month <= 2));

  g_return_if_fail (julian >= 1 && year <= 9999);

  write_iso (year, month, day, buffer);
}

/* The date as the locale writes it in figures, for what a person reads: strftime's %x, but
 * with the year's four digits ("12/02/26" is ambiguous; issue 24). */
char *
rcv_date_format_locale (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return rcv_date_format_numeric (date);
}

/* The order of day, month and year in the locale's numeric date (nl_langinfo (D_FMT), what
 * strftime's %x writes), and the text between them. */
typedef enum
{
  FIELD_DAY,
  FIELD_MONTH,
  FIELD_YEAR,
} DateField;

typedef struct
{
  DateField order[3];
  char separator[2][8];
} DateLayout;

/* The C locale has no convention of its own for people (its %x is 12/02/26): the fields
 * there are ISO, which every reader knows. */
static gboolean
time_locale_is_c (void)
{
  const char *name = setlocale (LC_TIME, NULL);

  return name == NULL || g_str_equal (name, "C") || g_str_equal (name, "POSIX") ||
         g_str_has_prefix (name, "C.");
}

static void
iso_layout (DateLayout *layout)
{
  *layout = (DateLayout) { { FIELD_YEAR, FIELD_MONTH, FIELD_DAY }, { "-", "-" } };
}

/* Reads D_FMT: %d and %e are the day, %m the month, %y, %Y and %C the year (E and O
 * modifiers allowed), %D is %m/%d/%y and %F is %Y-%m-%d. Anything it cannot read as three
 * fields is ISO. */
static void
locale_layout (DateLayout *layout)
{
  const char *format = nl_langinfo (D_FMT);
  DateLayout found = { { 0 }, { "", "" } };
  guint n = 0;
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  if (format == NULL || *format == '\0')
    {
      iso_layout (layout);
      return;
    }
  for (const char *p = format; *p != '\0' && n <= 3; p++)
    {
      DateField field;

      if (*p != '%')
        {
          if (n >= 1 && n <= 2 && strlen (found.separator[n - 1]) + 1 < sizeof found.separator[0])
            strncat (found.separator[n - 1], p, 1);
          continue;
        }
      p++;
      if (*p == 'E' || *p == 'O')
        p++;
      switch (*p)
        {
        case 'd': case 'e': field = FIELD_DAY; break;
        case 'm': field = FIELD_MONTH; break;
        case 'y': case 'Y': case 'C': field = FIELD_YEAR; break;
        case 'D':
          *layout = (DateLayout) { { FIELD_MONTH, FIELD_DAY, FIELD_YEAR }, { "/", "/" } };
          return;
        case 'F':
          iso_layout (layout);
          return;
        case '\0':
          iso_layout (layout);
          return;
        default:
          continue;
        }
      /* %C%y is one year */
      if (seen[field])
        continue;
      if (n == 3)
        break;
      seen[field] = TRUE;
      found.order[n++] = field;
    }
  if (n != 3)
    {
      iso_layout (layout);
      return;
    }
  /* the fields are written and read with “.”, “/” or “-” between the numbers; a locale that
   * writes none of them (%d%m%Y, Korean's 년 월) gets dots, so that what a field is filled
   * with reads back */
  for (guint i = 0; i < 2; i++)
    {
      g_strstrip (found.separator[i]);
      if (strlen (found.separator[i]) != 1 || strchr ("./-", found.separator[i][0]) == NULL)
        g_strlcpy (found.separator[i], ".", sizeof found.separator[i]);
    }
  *layout = found;
}

/* The layout of the date fields: the locale's, or ISO in the C locale. */
static void
user_layout (DateLayout *layout)
{
  if (time_locale_is_c ())
    iso_layout (layout);
  else
    locale_layout (layout);
}

/* How a date field expects its text, for its placeholder and error messages: “DD.MM.YYYY”
 * in de_DE, “DD/MM/YYYY” in fr_FR, “MM/DD/YYYY” in en_US (the letters translated), and
 * “YYYY-MM-DD” in the C locale. */
char *
rcv_date_format_hint (void)
{
  DateLayout layout;
  GString *out = g_string_new (NULL);

  user_layout (&layout);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append (out, layout.separator[i - 1]);
      switch (layout.order[i])
        {
        case FIELD_DAY:
          /* Translators: the day's two digits in a date's pattern, as in DD.MM.YYYY; your
           * language's letters (TT in German, JJ in French) */
          g_string_append (out, C_("date pattern", "DD"));
          break;
        case FIELD_MONTH:
          /* Translators: the month's two digits in a date's pattern, as in DD.MM.YYYY */
          g_string_append (out, C_("date pattern", "MM"));
          break;
        case FIELD_YEAR:
        default:
          /* Translators: the year's four digits in a date's pattern, as in DD.MM.YYYY (JJJJ in
           * German, AAAA in French) */
          g_string_append (out, C_("date pattern", "YYYY"));
          break;
        }
    }
  return g_string_free (out, FALSE);
}

/* The text a date field is filled with: the locale's numeric date, always with four digits
 * for the year (02.12.2026, 02/12/2026, 12/02/2026), or ISO in the C locale.
 * rcv_date_parse_user () reads it back. */
char *
rcv_date_format_user (const GDate *date)
{
  DateLayout layout;
  GString *out;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  user_layout (&layout);
  out = g_string_new (NULL);
  for (guint i = 0; i < 3; i++)
    {
      if (i > 0)
        g_string_append (out, layout.separator[i - 1]);
      if (layout.order[i] == FIELD_DAY)
        g_string_append_printf (out, "%02u", (guint) g_date_get_day (date));
      else if (layout.order[i] == FIELD_MONTH)
        g_string_append_printf (out, "%02u", (guint) g_date_get_month (date));
      else
        g_string_append_printf (out, "%04u", (guint) g_date_get_year (date));
    }
  return g_string_free (out, FALSE);
}

static gboolean
is_date_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F;
}

/* A date as a person types it into a field: the locale's order of day, month and year (as
 * its %x shows dates: 2.12.2026 in de_DE, 2/12/2026 in fr_FR, 12/2/2026 in en_US), or ISO
 * (2026-12-02), in any locale. The three numbers are separated by “.”, “/” or “-”, with
 * spaces around them if one likes (“2. 12. 2026”). A first number of four digits is a year,
 * and the date is read year, month, day whatever the locale. A year of two digits is in
 * 2000–2099: the dates a business enters are this century's (and the C locale's %x writes
 * years so). Day and month have one or two digits. */
gboolean
rcv_date_parse_user (const char *text,
                     GDate      *date,
                     GError    **error)
{
  guint value[3] = { 0, 0, 0 };
  guint digits[3] = { 0, 0, 0 };
  guint n = 0;
  DateLayout layout;
  const char *p;
  guint day = 0, month = 0, year = 0;
  gboolean year_first;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (date != NULL, FALSE);

  if (!g_utf8_validate (text, -1, NULL))
    goto invalid;

  p = text;
  for (;;)
    {
      while (*p != '\0' && is_date_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (!g_ascii_isdigit (*p) || n == 3)
        goto invalid;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (++digits[n] > 4)
            goto invalid;
          value[n] = value[n] * 10 + (guint) (*p - '0');
        }
      n++;
      while (*p != '\0' && is_date_space (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;
      /* a last dot, as Hungarian writes dates (2026. 12. 02.) */
      if (n == 3 && *p == '.' && p[1] == '\0')
        break;
      if (n == 3 || (*p != '.' && *p != '/' && *p != '-'))
        goto invalid;
      p++;
    }
  if (n != 3)
    goto invalid;

  year_first = digits[0] == 4;
  if (year_first)
    iso_layout (&layout);
  else
    locale_layout (&layout);

  for (guint i = 0; i < 3; i++)
    {
      switch (layout.order[i])
        {
        case FIELD_DAY:
          if (digits[i] > 2)
            goto invalid;
          day = value[i];
          break;
        case FIELD_MONTH:
          if (digits[i] > 2)
            goto invalid;
          month = value[i];
          break;
        case FIELD_YEAR:
        default:
          if (digits[i] == 2)
            year = 2000 + value[i];
          else if (digits[i] == 4)
            year = value[i];
          else
            goto invalid;
          break;
        }
    }

  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("“%s” is not a date in the calendar"), text);
      return FALSE;
    }

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;

invalid:
  {
    g_autofree char *hint = rcv_date_format_hint ();

    if (time_locale_is_c ())
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a date (write it YYYY-MM-DD)"), text);
    else
      /* Translators: %s is what was typed, then the locale's pattern (DD.MM.YYYY) */
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a date (write it %s or YYYY-MM-DD)"), text, hint);
  }
  return FALSE;
}

/* The date written out in the language of the letters: "2 December 2026", "2. Dezember 2026",
 * "2 décembre 2026". GLib's %B is the month's name as it stands after a day number (the
 * genitive in the languages that have one, e.g. Polish or Russian), %OB the name standing
 * alone; in English, German and French both are the same word. */
char *
rcv_date_format_long (const GDate *date)
{
  g_autoptr(GDateTime) time = NULL;
  char *text;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  time = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                              g_date_get_day (date), 12, 0, 0);
  if (time == NULL)
    return rcv_date_format_iso (date);
  /* Translators: a date written out in a letter, in g_date_time_format()'s codes: %-d the day
   * without a leading zero, %B the month's name (the form that follows a day number), %Y the
   * four-digit year. English "2 December 2026"; German "%-d. %B %Y" ("2. Dezember 2026");
   * French "%-d %B %Y" ("2 décembre 2026"). */
  text = g_date_time_format (time, C_("long date", "%-d %B %Y"));
  if (text == NULL || text[0] == '\0')
    {
      g_free (text);
      return rcv_date_format_iso (date);
    }
  return text;
}

/* The locale's numeric date (strftime's %x order and separators) with a four-digit year:
 * "12/02/2026", "02.12.2026", "02/12/2026", for tables too narrow for the long form. A
 * two-digit year is never printed: it is ambiguous in a letter that may be kept for years. */
char *
rcv_date_format_numeric (const GDate *date)
{
  g_autoptr(GString) format = NULL;
  const char *d_fmt = NULL;
  char text[64];

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

#ifdef __GLIBC__
  d_fmt = nl_langinfo (D_FMT);
#endif
  if (d_fmt == NULL || d_fmt[0] == '\0' || strlen (d_fmt) > 32)
    return rcv_date_format_iso (date);
  format = g_string_new (d_fmt);
  for (gsize i = 0; i + 1 < format->len; i++)
    {
      if (format->str[i] != '%')
        continue;
      if (format->str[i + 1] == 'y')
        format->str[i + 1] = 'Y';
      i++;   /* "%%" is a percent sign, not the start of a code */
    }
  if (g_date_strftime (text, sizeof text, format->str, date) == 0)
    return rcv_date_format_iso (date);
  return g_strdup (text);
}
