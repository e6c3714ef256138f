/* rcv-date.h - ISO dates (YYYY-MM-DD), the locale's dates for people, and day arithmetic
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define RCV_ISO_DATE_LEN 11 /* "YYYY-MM-DD" and its NUL */

gboolean rcv_date_parse_iso  (const char *text,
                              GDate      *date,
                              GError    **error);
gboolean rcv_date_in_range   (const GDate *date);
gboolean rcv_date_add_days   (GDate       *date,
                              gint         days,
                              GError     **error);
void     rcv_date_to_iso     (const GDate *date,
                              char         buffer[RCV_ISO_DATE_LEN]);
char    *rcv_date_format_iso (const GDate *date);
char    *rcv_date_format_locale (const GDate *date);
gboolean rcv_date_parse_user (const char *text,
                              GDate      *date,
                              GError    **error);
char    *rcv_date_format_user (const GDate *date);
char    *rcv_date_format_hint (void);
char    *rcv_date_format_long (const GDate *date);
char    *rcv_date_format_numeric (const GDate *date);
void     rcv_date_set_today  (GDate *date);
guint32  rcv_iso_to_julian   (const char *iso);
void     rcv_julian_to_iso   (guint32 julian,
                              char    buffer[RCV_ISO_DATE_LEN]);

G_END_DECLS
