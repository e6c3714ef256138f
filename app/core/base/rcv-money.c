/* rcv-money.c - exact money: gint64 minor units, parsing, formatting, the one rounding rule
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rounding in Receivables goes through rcv_round_div() or rcv_mul_div_round():
 * half away from zero, on integers, never on floating point.
 */
#define G_LOG_DOMAIN "rcv-money"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <limits.h>
#include <locale.h>
#include <string.h>

#include "rcv-error.h"
#include "rcv-money.h"

typedef struct
{
  const char *code;
  guint decimals;
} CurrencyDigits;

/* ISO 4217 currencies whose minor unit is not two digits. */
static const CurrencyDigits non_two_decimals[] = {
  { "BHD", 3 }, { "BIF", 0 }, { "CLF", 4 }, { "CLP", 0 }, { "DJF", 0 }, { "GNF", 0 },
  { "IQD", 3 }, { "ISK", 0 }, { "JOD", 3 }, { "JPY", 0 }, { "KMF", 0 }, { "KRW", 0 },
  { "KWD", 3 }, { "LYD", 3 }, { "OMR", 3 }, { "PYG", 0 }, { "RWF", 0 }, { "TND", 3 },
  { "UGX", 0 }, { "UYI", 0 }, { "UYW", 4 }, { "VND", 0 }, { "VUV", 0 }, { "XAF", 0 },
  { "XOF", 0 }, { "XPF", 0 },
};

static const gint64 powers_of_ten[] = { 1, 10, 100, 1000, 10000 };

static gboolean
is_space_char (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == 0x2009;
}

static char *
strip_spaces (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!is_space_char (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

guint
rcv_currency_decimals_for_code (const char *code)
{
  g_return_val_if_fail (code != NULL, 2);

  for (guint i = 0; i < G_N_ELEMENTS (non_two_decimals); i++)
    if (g_ascii_strcasecmp (code, non_two_decimals[i].code) == 0)
      return non_two_decimals[i].decimals;

  return 2;
}

gboolean
rcv_currency_init (RcvCurrency *currency,
                   const char  *code,
                   GError     **error)
{
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (code != NULL, FALSE);

  if (strlen (code) != 3 ||
      !g_ascii_isalpha (code[0]) || !g_ascii_isalpha (code[1]) || !g_ascii_isalpha (code[2]))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a currency code (three letters, such as EUR)"), code);
      return FALSE;
    }

  for (guint i = 0; i < 3; i++)
    currency->code[i] = g_ascii_toupper (code[i]);
  currency->code[3] = '\0';
  currency->decimals = rcv_currency_decimals_for_code (currency->code);
  return TRUE;
}

void
rcv_currency_init_from_locale (RcvCurrency *currency)
{
  const struct lconv *lc = localeconv ();
  char code[4] = { 0 };

  g_return_if_fail (currency != NULL);

  if (lc->int_curr_symbol != NULL && strlen (lc->int_curr_symbol) >= 3)
    memcpy (code, lc->int_curr_symbol, 3);

  if (code[0] == '\0' || !rcv_currency_init (currency, code, NULL))
    rcv_currency_init (currency, "EUR", NULL);
}

/* The one rounding rule: numerator / denominator, half away from zero. */
gint64
rcv_round_div (gint64 numerator,
               gint64 denominator)
{
  gint64 quotient, remainder;
  guint64 twice_remainder;

  g_return_val_if_fail (denominator > 0, 0);

  quotient = numerator / denominator;
  remainder = numerator % denominator;
  twice_remainder = 2 * (guint64) (remainder < 0 ? -remainder : remainder);

  if (twice_remainder >= (guint64) denominator)
    quotient += numerator < 0 ? -1 : 1;

  return quotient;
}

/* round(a × b / denominator) without overflow in the product; FALSE when the result does not
 * fit in a gint64. */
gboolean
rcv_mul_div_round (gint64  a,
                   gint64  b,
                   gint64  denominator,
                   gint64 *result)
{
  __extension__ typedef __int128 wide;
  wide product, quotient, remainder, twice;

  g_return_val_if_fail (denominator > 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  product = (wide) a * (wide) b;
  quotient = product / denominator;
  remainder = product % denominator;
  twice = 2 * (remainder < 0 ? -remainder : remainder);
  if (twice >= denominator)
    quotient += product < 0 ? -1 : 1;

  if (quotient > G_MAXINT64 || quotient < -G_MAXINT64)
    return FALSE;

  *result = (gint64) quotient;
  return TRUE;
}

/* part as a share of whole in whole percent, rounded half away from zero; 0 for a whole ≤ 0.
 * Through rcv_mul_div_round (): part × 100 overflows a gint64 for large amounts. Clamped to
 * an int, for a part many times the whole. */
int
rcv_percent_of (gint64 part,
                gint64 whole)
{
  gint64 percent;

  if (whole <= 0)
    return 0;
  if (!rcv_mul_div_round (part, 100, whole, &percent))
    percent = part < 0 ? -G_MAXINT64 : G_MAXINT64;
  return (int) CLAMP (percent, -G_MAXINT, G_MAXINT);
}

static gboolean
set_amount_error (GError     **error,
                  const char  *text)
{
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
               _("“%s” is not an amount"), text);
  return FALSE;
}

/* [-]digits[<sep>digits], no grouping, no more decimals than the currency has; messages
 * quote `shown`, what the person wrote. */
/* The largest amount, in a message: as a form shows money (10.000.000.000,00 € in German),
 * or as a file writes it. */
static char *
largest_amount (const RcvCurrency *currency,
                gboolean           for_people)
{
  return for_people ? rcv_money_format (RCV_MONEY_MAX, currency)
                    : rcv_money_format_plain (RCV_MONEY_MAX, currency);
}

static gboolean
parse_strict (const char        *shown,
              const char        *text,
              char               decimal_separator,
              const RcvCurrency *currency,
              gint64            *amount,
              gboolean           for_people,
              GError           **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  gboolean negative = FALSE;
  guint64 units = 0;
  guint64 fraction = 0;
  guint n_fraction = 0;
  guint n_digits = 0;
  guint64 limit_units;
  gint64 value;

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;

  if (*p == '\0')
    {
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           _("an amount is required"));
      return FALSE;
    }

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  else if (*p == '+')
    p++;

  limit_units = (guint64) (RCV_MONEY_MAX / powers_of_ten[currency->decimals]);

  for (; g_ascii_isdigit (*p); p++)
    {
      units = units * 10 + (guint64) (*p - '0');
      n_digits++;
      if (units > limit_units)
        {
          g_autofree char *max = largest_amount (currency, for_people);
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("“%s” is too large (the largest amount is %s)"), shown, max);
          return FALSE;
        }
    }

  if (n_digits == 0)
    return set_amount_error (error, shown);

  if (*p == decimal_separator && *p != '\0')
    {
      p++;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (n_fraction == currency->decimals)
            {
              g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           ngettext ("“%s” has more decimals than %s allows (%u)",
                                     "“%s” has more decimals than %s allows (%u)",
                                     currency->decimals),
                           shown, currency->code, currency->decimals);
              return FALSE;
            }
          fraction = fraction * 10 + (guint64) (*p - '0');
          n_fraction++;
        }
      if (n_fraction == 0)
        return set_amount_error (error, shown);
    }

  if (*p != '\0')
    {
      if ((*p == '.' || *p == ',') && *p != decimal_separator)
        g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                     _("“%s” is not an amount: write it without grouping, with “%c” for decimals"),
                     shown, decimal_separator);
      else
        set_amount_error (error, shown);
      return FALSE;
    }

  for (; n_fraction < currency->decimals; n_fraction++)
    fraction *= 10;

  value = (gint64) (units * (guint64) powers_of_ten[currency->decimals] + fraction);
  if (value > RCV_MONEY_MAX)
    {
      g_autofree char *max = largest_amount (currency, for_people);
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("“%s” is too large (the largest amount is %s)"), shown, max);
      return FALSE;
    }

  *amount = negative ? -value : value;
  return TRUE;
}

/* Strict amounts, as in CSV files. */
gboolean
rcv_money_parse_plain (const char        *text,
                       char               decimal_separator,
                       const RcvCurrency *currency,
                       gint64            *amount,
                       GError           **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);

  return parse_strict (text, text, decimal_separator, currency, amount, FALSE, error);
}

static char
locale_decimal_point (void)
{
  const struct lconv *lc = localeconv ();

  if (lc->mon_decimal_point != NULL && lc->mon_decimal_point[0] != '\0')
    return lc->mon_decimal_point[0];
  if (lc->decimal_point != NULL && lc->decimal_point[0] != '\0')
    return lc->decimal_point[0];
  return '.';
}

/* What people type in a form: 1234.56, 1,234.56, 1.234,56, 1 234,56, 1'234.56, -12. The
 * decimal separator is the last of “.” and “,” when both occur; a lone one that occurs once is
 * the decimal separator unless it is not the locale's and three digits follow it. */
gboolean
rcv_money_parse_user (const char        *text,
                      const RcvCurrency *currency,
                      gint64            *amount,
                      GError           **error)
{
  g_autofree char *compact = NULL;
  g_autoptr(GString) normalized = NULL;
  const char *last_dot, *last_comma;
  char decimal = '\0';
  guint n_dots = 0, n_commas = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (amount != NULL, FALSE);

  compact = strip_spaces (text);
  /* U+2212 MINUS SIGN, as some locales write it */
  if (g_str_has_prefix (compact, "\xe2\x88\x92"))
    {
      char *tmp = g_strconcat ("-", compact + 3, NULL);
      g_free (compact);
      compact = tmp;
    }

  for (const char *p = compact; *p; p++)
    {
      if (*p == '.')
        n_dots++;
      else if (*p == ',')
        n_commas++;
    }
  last_dot = strrchr (compact, '.');
  last_comma = strrchr (compact, ',');

  if (n_dots > 0 && n_commas > 0)
    decimal = last_dot > last_comma ? '.' : ',';
  else if (n_dots + n_commas == 1)
    {
      const char *sep = last_dot != NULL ? last_dot : last_comma;
      gsize after = strspn (sep + 1, "0123456789");

      if (*sep == locale_decimal_point () || after != 3 || sep[1 + after] != '\0')
        decimal = *sep;
    }

  normalized = g_string_new (NULL);
  for (const char *p = compact; *p; p++)
    {
      if (*p == decimal)
        g_string_append_c (normalized, '.');
      else if (*p == '.' || *p == ',' || *p == '\'')
        {
          /* a grouping mark stands between digits */
          if (p == compact || !g_ascii_isdigit (p[-1]) || !g_ascii_isdigit (p[1]))
            return set_amount_error (error, text);
        }
      else
        g_string_append_c (normalized, *p);
    }

  if (!parse_strict (text, normalized->str, '.', currency, amount, TRUE, error))
    return FALSE;

  return TRUE;
}

/* Digits by hand: exports and reports write millions of amounts, and printf allocates a
 * temporary string for each. */
void
rcv_money_append_plain (GString           *out,
                        gint64             amount,
                        const RcvCurrency *currency)
{
  char digits[32];
  guint64 magnitude;
  guint n = 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (currency != NULL);

  magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
  /* least significant first, with the decimals and at least one integer digit */
  do
    {
      digits[n++] = (char) ('0' + magnitude % 10);
      magnitude /= 10;
      if (n == currency->decimals && currency->decimals > 0)
        digits[n++] = '.';
    }
  while (magnitude > 0 || n <= currency->decimals + (currency->decimals > 0 ? 1 : 0));

  if (amount < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* CSV and JSON form: “-1234.50”, exactly the currency's decimals, no grouping. */
char *
rcv_money_format_plain (gint64             amount,
                        const RcvCurrency *currency)
{
  GString *out = g_string_new (NULL);

  rcv_money_append_plain (out, amount, currency);
  return g_string_free (out, FALSE);
}

static const char *
currency_symbol (const RcvCurrency *currency)
{
  const struct lconv *lc = localeconv ();

  if (lc->int_curr_symbol != NULL && strncmp (lc->int_curr_symbol, currency->code, 3) == 0 &&
      lc->currency_symbol != NULL && lc->currency_symbol[0] != '\0')
    return lc->currency_symbol;
  if (strcmp (currency->code, "EUR") == 0)
    return "€";
  if (strcmp (currency->code, "GBP") == 0)
    return "£";
  if (strcmp (currency->code, "JPY") == 0)
    return "¥";
  return currency->code;
}

static char *
format_for_people (gint64             amount,
                   const RcvCurrency *currency,
                   gboolean           minor_units)
{
  const struct lconv *lc = localeconv ();
  g_autofree char *digits = NULL;
  GString *out;
  const char *decimal_point = ".";
  const char *thousands = ",";
  const char *grouping = "\3";
  const char *symbol;
  gboolean precedes = FALSE;
  gboolean space = TRUE;
  guint64 magnitude, divisor, units;
  GString *int_part;
  gsize len, group_size, pos;
  const char *g;

  g_assert (currency != NULL);

  if (lc->mon_decimal_point != NULL && lc->mon_decimal_point[0] != '\0')
    {
      decimal_point = lc->mon_decimal_point;
      thousands = lc->mon_thousands_sep != NULL ? lc->mon_thousands_sep : "";
      grouping = lc->mon_grouping != NULL ? lc->mon_grouping : "";
    }
  if (lc->p_cs_precedes != CHAR_MAX)
    precedes = lc->p_cs_precedes == 1;
  if (lc->p_sep_by_space != CHAR_MAX)
    space = lc->p_sep_by_space != 0;

  divisor = (guint64) powers_of_ten[currency->decimals];
  magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
  units = magnitude / divisor;
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, units);

  /* group from the right, as mon_grouping says (each byte a group size, the last repeats) */
  int_part = g_string_new (NULL);
  len = strlen (digits);
  pos = len;
  g = grouping;
  group_size = (*g > 0 && *g != CHAR_MAX) ? (gsize) *g : 0;
  while (pos > 0)
    {
      gsize take = (group_size == 0 || group_size > pos) ? pos : group_size;

      g_string_prepend_len (int_part, digits + pos - take, (gssize) take);
      pos -= take;
      if (pos > 0)
        g_string_prepend (int_part, thousands);
      if (g[0] != '\0' && g[1] != '\0')
        {
          g++;
          group_size = (*g > 0 && *g != CHAR_MAX) ? (gsize) *g : 0;
        }
    }

  out = g_string_new (NULL);
  symbol = currency_symbol (currency);
  if (amount < 0)
    g_string_append_c (out, '-');
  if (precedes)
    {
      g_string_append (out, symbol);
      if (space)
        g_string_append (out, " ");
    }
  g_string_append_len (out, int_part->str, (gssize) int_part->len);
  if (currency->decimals > 0 && minor_units)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, decimal_point,
                            (int) currency->decimals, magnitude % divisor);
  if (!precedes)
    {
      g_string_append (out, space ? " " : "");
      g_string_append (out, symbol);
    }

  g_string_free (int_part, TRUE);
  return g_string_free (out, FALSE);
}

/* For people: the locale's separators, grouping and symbol placement, e.g. “1.234,56 €” in
 * de_DE, “$1,234.56” in en_US. */
char *
rcv_money_format (gint64             amount,
                  const RcvCurrency *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  return format_for_people (amount, currency, TRUE);
}

/* The same without the minor units, truncated towards zero: for a chart's axis, whose marks
 * fall on whole amounts (“€25,000”). */
char *
rcv_money_format_whole (gint64             amount,
                        const RcvCurrency *currency)
{
  g_return_val_if_fail (currency != NULL, NULL);

  return format_for_people (amount, currency, FALSE);
}

gboolean
rcv_parse_int (const char *text,
               gint64      min,
               gint64      max,
               gint64     *value,
               GError    **error)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  gboolean negative = FALSE;
  guint64 v = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;
  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    goto invalid;
  for (; g_ascii_isdigit (*p); p++)
    {
      v = v * 10 + (guint64) (*p - '0');
      if (v > (guint64) G_MAXINT64)
        goto range;
    }
  if (*p != '\0')
    goto invalid;

  if ((negative ? -(gint64) v : (gint64) v) < min || (negative ? -(gint64) v : (gint64) v) > max)
    goto range;

  *value = negative ? -(gint64) v : (gint64) v;
  return TRUE;

invalid:
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
               _("“%s” is not a whole number"), text);
  return FALSE;

range:
  {
    /* G_GINT64_FORMAT cannot stand inside a translatable string: xgettext does not expand it */
    g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
    g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

    g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                 _("“%s” is out of range (%s to %s)"), text, low, high);
  }
  return FALSE;
}

/* The locale's decimal separator for numbers that are not money (LC_NUMERIC). */
static const char *
numeric_decimal_point (void)
{
  const struct lconv *lc = localeconv ();

  return lc->decimal_point != NULL && lc->decimal_point[0] != '\0' ? lc->decimal_point : ".";
}

/* A number held as an integer count of 10^-decimals (a quantity in thousandths, a rate in
 * basis points as hundredths of a percent) as people read it: the locale's decimal separator,
 * no grouping, “-” for a negative value. With trim, trailing zero decimals are left out
 * (1500 thousandths is “1.5”, 1000 is “1”); without, there are exactly `decimals` of them. */
char *
rcv_decimal_format (gint64   value,
                    guint    decimals,
                    gboolean trim)
{
  GString *out;
  guint64 magnitude, divisor, fraction;
  guint shown = decimals;

  g_return_val_if_fail (decimals < G_N_ELEMENTS (powers_of_ten), NULL);

  divisor = (guint64) powers_of_ten[decimals];
  magnitude = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;
  fraction = magnitude % divisor;
  if (trim)
    for (; shown > 0 && fraction % 10 == 0; shown--)
      fraction /= 10;

  out = g_string_new (NULL);
  if (value < 0)
    g_string_append_c (out, '-');
  g_string_append_printf (out, "%" G_GUINT64_FORMAT, magnitude / divisor);
  if (shown > 0)
    g_string_append_printf (out, "%s%0*" G_GUINT64_FORMAT, numeric_decimal_point (), (int) shown,
                            fraction);
  return g_string_free (out, FALSE);
}

static char *
percent_with_sign (const char *number)
{
  /* Translators: a percentage; %s is the number, already written with your decimal separator
   * (“10.50”). Put between them what your language does: German a no-break space U+00A0
   * (“10,50 %”), French a narrow no-break space U+202F (“10,50 %”); English none. Keep %%,
   * which prints the sign. */
  return g_strdup_printf (C_("percent", "%s%%"), number);
}

/* A rate in basis points as people read it, with the locale's decimal separator and sign
 * placement and no more decimals than it needs: 800 is “8%”, 1015 is “10.15%” (“10,15 %” in
 * de_DE), -88 is “-0.88%”. */
char *
rcv_percent_format (gint basis_points)
{
  g_autofree char *number = rcv_decimal_format (basis_points, 2, TRUE);

  return percent_with_sign (number);
}

/* part as a share of whole in whole percent (rcv_percent_of ()), written as a percentage:
 * “12%”, “12 %” in de_DE. */
char *
rcv_percent_format_share (gint64 part,
                          gint64 whole)
{
  g_autofree char *number = g_strdup_printf ("%d", rcv_percent_of (part, whole));

  return percent_with_sign (number);
}

/* The same with exactly two decimals (1050 is “10.50%”), for rates in a column or list, where
 * they are read against each other, as central banks publish them. */
char *
rcv_percent_format_hundredths (gint basis_points)
{
  g_autofree char *number = rcv_decimal_format (basis_points, 2, FALSE);

  return percent_with_sign (number);
}

/* “19”, “7.5”, “19 %”, “-0.88%” → basis points between min_bp and max_bp; with `point`, that
 * decimal separator too. */
static gboolean
parse_percent (const char  *text,
               const char  *point,
               gint         min_bp,
               gint         max_bp,
               gint        *basis_points,
               GError     **error)
{
  static const RcvCurrency hundredths = { "PCT", 2 };
  g_autofree char *compact = NULL;
  g_autoptr(GString) normalized = NULL;
  gint64 value;

  if (point == NULL)
    point = ".";

  /* spaces of any kind (the no-break ones the formatter puts before “%” included) go */
  compact = strip_spaces (text);
  if (g_str_has_suffix (compact, "%"))
    compact[strlen (compact) - 1] = '\0';

  normalized = g_string_new (NULL);
  for (const char *p = compact; *p != '\0';)
    {
      if (g_str_has_prefix (p, "\xe2\x88\x92")) /* U+2212 MINUS SIGN */
        {
          g_string_append_c (normalized, '-');
          p += 3;
        }
      else if (*p == '.' || (point[0] != '.' && g_str_has_prefix (p, point)))
        {
          g_string_append_c (normalized, '.');
          p += *p == '.' ? 1 : strlen (point);
        }
      else
        g_string_append_c (normalized, *p++);
    }

  if (normalized->len == 0 ||
      !rcv_money_parse_plain (normalized->str, '.', &hundredths, &value, NULL))
    {
      g_autofree char *example = rcv_decimal_format (750, 2, TRUE);

      /* Translators: %s is what was typed, then a percentage as your locale writes it (7.5) */
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("“%s” is not a percentage (such as 19 or %s)"), text, example);
      return FALSE;
    }
  if (value < min_bp || value > max_bp)
    {
      g_autofree char *low = rcv_percent_format (min_bp);
      g_autofree char *high = rcv_percent_format (max_bp);

      /* Translators: %s is what was typed, then the lowest and highest percentages (0 %, 100 %) */
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("“%s” is not a percentage between %s and %s"), text, low, high);
      return FALSE;
    }

  *basis_points = (gint) value;
  return TRUE;
}

/* What a person types: “19”, “7.5”, “7,5”, “19 %”, “-0.88%” → basis points (1900, 750, 750,
 * 1900, -88) between min_bp and max_bp. Both “.” and the locale's decimal separator are
 * decimal separators (a percentage is never grouped, so “,” cannot be a thousands mark); at
 * most two decimals. */
gboolean
rcv_percent_parse_in_range (const char *text,
                            gint        min_bp,
                            gint        max_bp,
                            gint       *basis_points,
                            GError    **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (basis_points != NULL, FALSE);
  g_return_val_if_fail (min_bp <= max_bp, FALSE);

  return parse_percent (text, numeric_decimal_point (), min_bp, max_bp, basis_points, error);
}

/* A percentage from 0 to 100 % (a tax rate, a discount, a commission) in a form. */
gboolean
rcv_percent_parse (const char *text,
                   gint       *basis_points,
                   GError    **error)
{
  return rcv_percent_parse_in_range (text, 0, 10000, basis_points, error);
}

/* The same in a file (a CSV's tax_rate): “.” decimals whatever the locale, as the file
 * formats say. */
gboolean
rcv_percent_parse_plain (const char *text,
                         gint       *basis_points,
                         GError    **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (basis_points != NULL, FALSE);

  return parse_percent (text, NULL, 0, 10000, basis_points, error);
}
