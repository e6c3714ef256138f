/* rcv-money.h - exact money: gint64 minor units, parsing, formatting, the one rounding rule
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest amount one document may carry, in minor units (10 000 000 000.00 in a
 * two-decimal currency). A company of a million such documents still sums inside gint64. */
#define RCV_MONEY_MAX G_GINT64_CONSTANT (1000000000000)

typedef struct
{
  char code[4];   /* ISO 4217, e.g. "EUR" */
  guint decimals; /* minor-unit digits: 2 for EUR, 0 for JPY, 3 for KWD */
} RcvCurrency;

gboolean rcv_currency_init          (RcvCurrency *currency,
                                     const char  *code,
                                     GError     **error);
void     rcv_currency_init_from_locale (RcvCurrency *currency);
guint    rcv_currency_decimals_for_code (const char *code);

gint64   rcv_round_div              (gint64 numerator,
                                     gint64 denominator);
gboolean rcv_mul_div_round          (gint64  a,
                                     gint64  b,
                                     gint64  denominator,
                                     gint64 *result);
int      rcv_percent_of             (gint64  part,
                                     gint64  whole);

gboolean rcv_money_parse_plain      (const char        *text,
                                     char               decimal_separator,
                                     const RcvCurrency *currency,
                                     gint64            *amount,
                                     GError           **error);
gboolean rcv_money_parse_user       (const char        *text,
                                     const RcvCurrency *currency,
                                     gint64            *amount,
                                     GError           **error);
char    *rcv_money_format_plain     (gint64             amount,
                                     const RcvCurrency *currency);
void     rcv_money_append_plain     (GString           *out,
                                     gint64             amount,
                                     const RcvCurrency *currency);
char    *rcv_money_format           (gint64             amount,
                                     const RcvCurrency *currency);
char    *rcv_money_format_whole     (gint64             amount,
                                     const RcvCurrency *currency);

gboolean rcv_parse_int              (const char *text,
                                     gint64      min,
                                     gint64      max,
                                     gint64     *value,
                                     GError    **error);
char    *rcv_decimal_format         (gint64      value,
                                     guint       decimals,
                                     gboolean    trim);
char    *rcv_percent_format         (gint        basis_points);
char    *rcv_percent_format_hundredths (gint     basis_points);
char    *rcv_percent_format_share   (gint64      part,
                                     gint64      whole);
gboolean rcv_percent_parse          (const char *text,
                                     gint       *basis_points,
                                     GError    **error);
gboolean rcv_percent_parse_plain    (const char *text,
                                     gint       *basis_points,
                                     GError    **error);
gboolean rcv_percent_parse_in_range (const char *text,
                                     gint        min_bp,
                                     gint        max_bp,
                                     gint       *basis_points,
                                     GError    **error);

G_END_DECLS
