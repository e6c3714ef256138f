/* rcv-collections-output.c - the collections report as CSV and JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-collections-output.h"
#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-csv.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"


/* customer_id,customer,oldest_days,open,recommendation,disputed,disputes,broken_promises,
 * missed_instalments,recovery_chase,recovery_agency,commission,paid_12m,paid_late_12m,
 * past_60_12m,avg_days_late,reasoning: one row per account, most urgent first */
char *
rcv_collections_report_to_csv (const GPtrArray   *report,
                               const RcvCurrency *currency)
{
  GString *out = g_string_new ("customer_id,customer,oldest_days,open,recommendation,disputed,"
                               "disputes,broken_promises,missed_instalments,recovery_chase,"
                               "recovery_agency,commission,paid_12m,paid_late_12m,past_60_12m,"
                               "avg_days_late,reasoning\n");

  for (guint i = 0; i < report->len; i++)
    {
      const RcvCollectionsAccount *account = g_ptr_array_index (report, i);
      g_autofree char *average = rcv_collections_average_late (&account->payer);

      rcv_csv_append_field (out, account->code, ',');
      g_string_append_c (out, ',');
      rcv_csv_append_field (out, account->name, ',');
      g_string_append_printf (out, ",%d", account->oldest_days);
      rcv_csv_append_money (out, account->open, currency);
      g_string_append_printf (out, ",%s",
                              rcv_enum_to_nick (RCV_TYPE_RECOMMENDATION, account->recommendation));
      rcv_csv_append_money (out, account->disputed, currency);
      g_string_append_printf (out, ",%u,%u,%u", account->n_disputes, account->broken_promises,
                              account->missed_instalments);
      rcv_csv_append_money (out, account->recovery_chase, currency);
      rcv_csv_append_money (out, account->recovery_agency, currency);
      g_string_append_printf (out, ",%d.%02d,%u,%u,%u,%s,", account->commission_bp / 100,
                              account->commission_bp % 100, account->payer.paid,
                              account->payer.paid_late, account->payer.paid_past_60,
                              account->payer.paid > 0 ? average : "");
      rcv_csv_append_field (out, account->reasoning, ',');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

char *
rcv_collections_report_to_json (const GPtrArray   *report,
                                const GDate       *as_of,
                                const RcvCurrency *currency)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  char date[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (as_of, date);
  rcv_json_begin_object (json);
  rcv_json_key (json, "as_of");
  rcv_json_string (json, date);
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  rcv_json_key (json, "accounts");
  rcv_json_begin_array (json);
  for (guint i = 0; i < report->len; i++)
    {
      const RcvCollectionsAccount *account = g_ptr_array_index (report, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "customer_id");
      rcv_json_string (json, account->code);
      rcv_json_key (json, "customer");
      rcv_json_string (json, account->name);
      rcv_json_key (json, "oldest_days");
      rcv_json_int (json, account->oldest_days);
      rcv_json_key (json, "oldest_invoice");
      if (account->oldest_number != NULL)
        rcv_json_string (json, account->oldest_number);
      else
        rcv_json_null (json);
      rcv_json_key (json, "open");
      rcv_json_money (json, account->open, currency);
      rcv_json_key (json, "recommendation");
      rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_RECOMMENDATION, account->recommendation));
      rcv_json_key (json, "reasoning");
      rcv_json_string (json, account->reasoning);
      rcv_json_key (json, "disputed");
      rcv_json_money (json, account->disputed, currency);
      rcv_json_key (json, "disputes");
      rcv_json_int (json, account->n_disputes);
      rcv_json_key (json, "broken_promises");
      rcv_json_int (json, account->broken_promises);
      rcv_json_key (json, "missed_instalments");
      rcv_json_int (json, account->missed_instalments);
      rcv_json_key (json, "recovery_chase");
      rcv_json_money (json, account->recovery_chase, currency);
      rcv_json_key (json, "recovery_agency");
      rcv_json_money (json, account->recovery_agency, currency);
      rcv_json_key (json, "commission_bp");
      rcv_json_int (json, account->commission_bp);
      rcv_json_key (json, "paid_12m");
      rcv_json_int (json, account->payer.paid);
      rcv_json_key (json, "paid_late_12m");
      rcv_json_int (json, account->payer.paid_late);
      rcv_json_key (json, "past_60_12m");
      rcv_json_int (json, account->payer.paid_past_60);
      rcv_json_key (json, "days_late_total_12m");
      rcv_json_int (json, account->payer.days_late_total);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}
