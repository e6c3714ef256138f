/* rcv-collectability.c - the collectability-by-age curve and the collections assumptions
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules of collections are written out at the top of rcv-collections.c.
 */
#define G_LOG_DOMAIN "rcv-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-collections-private.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"

#define CURVE_SETTING "collections.curve"
#define CHASE_DAYS_SETTING "collections.chase_days"
#define COMMISSION_SETTING "collections.commission_bp"

/* ---- The collectability curve ---- */

gboolean
rcv_collectability_parse (const char         *text,
                          RcvCollectability  *curve,
                          GError            **error)
{
  g_auto(GStrv) points = g_strsplit (text, ",", -1);
  RcvCollectability parsed = { 0 };

  for (guint i = 0; points[i] != NULL; i++)
    {
      g_auto(GStrv) pair = g_strsplit (g_strstrip (points[i]), ":", 2);
      gint64 days;
      gint bp;

      if (*points[i] == '\0' && points[i + 1] == NULL && i > 0)
        break;
      if (parsed.n_points == RCV_COLLECTIONS_MAX_POINTS || g_strv_length (pair) != 2 ||
          !g_ascii_string_to_signed (g_strstrip (pair[0]), 10, 1, 36500, &days, NULL) ||
          !rcv_percent_parse (g_strstrip (pair[1]), &bp, NULL) || bp > 10000)
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("“%s” is not a point of the curve: write days:percent, such as 90:73"),
                       points[i]);
          return FALSE;
        }
      if (parsed.n_points > 0 && ((guint) days <= parsed.days[parsed.n_points - 1] ||
                                  (guint) bp > parsed.bp[parsed.n_points - 1]))
        {
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("“%s”: the days must increase and the share must not rise"), points[i]);
          return FALSE;
        }
      parsed.days[parsed.n_points] = (guint) days;
      parsed.bp[parsed.n_points] = (guint) bp;
      parsed.n_points++;
    }
  if (parsed.n_points == 0)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                   _("The curve needs at least one point, such as 90:73"));
      return FALSE;
    }
  *curve = parsed;
  return TRUE;
}

char *
rcv_collectability_format (const RcvCollectability *curve)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < curve->n_points; i++)
    {
      guint whole = curve->bp[i] / 100, hundredths = curve->bp[i] % 100;

      g_string_append_printf (out, "%s%u:%u", i > 0 ? "," : "", curve->days[i], whole);
      if (hundredths != 0)
        g_string_append_printf (out, hundredths % 10 == 0 ? ".%u" : ".%02u",
                                hundredths % 10 == 0 ? hundredths / 10 : hundredths);
    }
  return g_string_free (out, FALSE);
}

/* The share still collected after so many days overdue, in basis points: linear between the
 * points, from 100 % at 0 days, and the last point's share after it. */
guint
rcv_collectability_at (const RcvCollectability *curve,
                       gint                     days)
{
  guint from_days = 0, from_bp = 10000;

  if (days <= 0)
    return 10000;
  for (guint i = 0; i < curve->n_points; i++)
    {
      if ((guint) days <= curve->days[i])
        {
          gint64 span = curve->days[i] - from_days;
          gint64 drop = (gint64) from_bp - curve->bp[i];

          return from_bp - (guint) rcv_round_div (drop * (days - (gint64) from_days), span);
        }
      from_days = curve->days[i];
      from_bp = curve->bp[i];
    }
  return from_bp;
}

void
rcv_collections_get_curve (RcvDatabase       *db,
                           RcvCollectability *curve)
{
  g_autofree char *text = rcv_database_get_setting (db, CURVE_SETTING);

  if (text == NULL || !rcv_collectability_parse (text, curve, NULL))
    g_assert_true (rcv_collectability_parse (RCV_COLLECTIONS_DEFAULT_CURVE, curve, NULL));
}

gboolean
rcv_collections_set_curve (RcvDatabase  *db,
                           const char   *text,
                           GError      **error)
{
  RcvCollectability curve;
  g_autofree char *normal = NULL;

  if (!rcv_collectability_parse (text, &curve, error))
    return FALSE;
  normal = rcv_collectability_format (&curve);
  return rcv_database_set_setting (db, CURVE_SETTING, normal, error);
}

void
rcv_collections_get_assumptions (RcvDatabase            *db,
                                 RcvRecoveryAssumptions *assumptions)
{
  g_autofree char *chase = rcv_database_get_setting (db, CHASE_DAYS_SETTING);
  g_autofree char *commission = rcv_database_get_setting (db, COMMISSION_SETTING);
  gint64 value;

  assumptions->chase_days = RCV_COLLECTIONS_CHASE_DAYS;
  assumptions->commission_bp = RCV_COLLECTIONS_DEFAULT_COMMISSION_BP;
  if (chase != NULL && g_ascii_string_to_signed (chase, 10, 1, 730, &value, NULL))
    assumptions->chase_days = (gint) value;
  if (commission != NULL && g_ascii_string_to_signed (commission, 10, 0, 9999, &value, NULL))
    assumptions->commission_bp = (gint) value;
}

gboolean
rcv_collections_set_assumptions (RcvDatabase                  *db,
                                 const RcvRecoveryAssumptions *assumptions,
                                 GError                      **error)
{
  char chase[16], commission[16];

  if (assumptions->chase_days < 1 || assumptions->chase_days > 730)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("Chasing time: must be from 1 to 730 days"));
      return FALSE;
    }
  if (assumptions->commission_bp < 0 || assumptions->commission_bp >= 10000)
    return rcv_collections_commission_error (error);
  g_snprintf (chase, sizeof chase, "%d", assumptions->chase_days);
  g_snprintf (commission, sizeof commission, "%d", assumptions->commission_bp);
  if (!rcv_database_begin (db, error))
    return FALSE;
  return rcv_collections_finish (db, rcv_database_set_setting (db, CHASE_DAYS_SETTING, chase, error) &&
                     rcv_database_set_setting (db, COMMISSION_SETTING, commission, error),
                 error);
}

