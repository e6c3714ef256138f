/* rcv-dunning-output.c - a dunning run as CSV and JSON, for scripts
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CLI contract's formats (README, `dunning --format`): amounts in major units with '.',
 * dates ISO.
 */
#define G_LOG_DOMAIN "rcv-dunning"

#include "config.h"

#include "rcv-csv.h"
#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-json.h"

/* customer_id,customer,level,title,invoices,oldest_due,days_late,open,interest,fees,credit,
 * total,deadline: one row per letter due, by customer ID. fees are the compensation and the
 * reminder fee together. */
char *
rcv_dunning_run_to_csv (const RcvDunningRun *run,
                        const RcvCurrency   *currency)
{
  GString *out = g_string_new ("customer_id,customer,level,title,invoices,oldest_due,"
                               "days_late,open,interest,fees,credit,total,deadline\n");

  g_return_val_if_fail (run != NULL && currency != NULL, NULL);

  for (guint i = 0; i < run->letters->len; i++)
    {
      const RcvDunningLetter *letter = g_ptr_array_index (run->letters, i);
      char oldest[RCV_ISO_DATE_LEN], deadline[RCV_ISO_DATE_LEN];

      rcv_date_to_iso (&letter->oldest_due, oldest);
      rcv_date_to_iso (&letter->deadline, deadline);
      rcv_csv_append_field (out, letter->code, ',');
      g_string_append_c (out, ',');
      rcv_csv_append_field (out, letter->name, ',');
      g_string_append_printf (out, ",%u,", letter->level);
      rcv_csv_append_field (out, letter->title, ',');
      g_string_append_printf (out, ",%u,%s,%d", letter->items->len, oldest,
                              (gint) (g_date_get_julian (&letter->date) -
                                      g_date_get_julian (&letter->oldest_due)));
      rcv_csv_append_money (out, letter->open, currency);
      rcv_csv_append_money (out, letter->interest, currency);
      rcv_csv_append_money (out, letter->compensation + letter->fee, currency);
      rcv_csv_append_money (out, letter->credit, currency);
      rcv_csv_append_money (out, letter->total, currency);
      g_string_append_printf (out, ",%s\n", deadline);
    }
  return g_string_free (out, FALSE);
}

static void
json_date (RcvJsonWriter *writer,
           const char    *key,
           const GDate   *date)
{
  char iso[RCV_ISO_DATE_LEN];

  rcv_date_to_iso (date, iso);
  rcv_json_key (writer, key);
  rcv_json_string (writer, iso);
}

static void
json_money (RcvJsonWriter     *writer,
            const char        *key,
            gint64             amount,
            const RcvCurrency *currency)
{
  rcv_json_key (writer, key);
  rcv_json_money (writer, amount, currency);
}

static void
json_int (RcvJsonWriter *writer,
          const char    *key,
          gint64         value)
{
  rcv_json_key (writer, key);
  rcv_json_int (writer, value);
}

static void
json_text (RcvJsonWriter *writer,
           const char    *key,
           const char    *value)
{
  rcv_json_key (writer, key);
  rcv_json_string (writer, value);
}

/* The periods interest runs at: from, to, days, rate (and the reference rate under it). */
static void
json_periods (RcvJsonWriter *writer,
              const GArray  *periods)
{
  rcv_json_begin_array (writer);
  for (guint p = 0; periods != NULL && p < periods->len; p++)
    {
      const RcvInterestPeriod *period = &g_array_index (periods, RcvInterestPeriod, p);

      rcv_json_begin_object (writer);
      json_date (writer, "from", &period->from);
      json_date (writer, "to", &period->to);
      json_int (writer, "days", period->days);
      json_int (writer, "rate_bp", period->rate_bp);
      if (!period->fixed)
        json_int (writer, "reference_bp", period->reference_bp);
      rcv_json_end_object (writer);
    }
  rcv_json_end_array (writer);
}

/* The same numbers as the CSV, with each letter's invoices and interest periods. */
char *
rcv_dunning_run_to_json (const RcvDunningRun *run,
                         const RcvCurrency   *currency)
{
  RcvJsonWriter *writer = rcv_json_writer_new (TRUE);

  g_return_val_if_fail (run != NULL && currency != NULL, NULL);

  rcv_json_begin_object (writer);
  json_date (writer, "as_of", &run->as_of);
  json_text (writer, "currency", currency->code);
  rcv_json_key (writer, "letters");
  rcv_json_begin_array (writer);
  for (guint i = 0; i < run->letters->len; i++)
    {
      const RcvDunningLetter *letter = g_ptr_array_index (run->letters, i);

      rcv_json_begin_object (writer);
      json_text (writer, "customer_id", letter->code);
      json_text (writer, "customer", letter->name);
      json_int (writer, "level", letter->level);
      json_int (writer, "suggested_level", letter->suggested_level);
      json_text (writer, "title", letter->title);
      rcv_json_key (writer, "claims_interest");
      rcv_json_bool (writer, letter->claims_interest);
      rcv_json_key (writer, "claims_compensation");
      rcv_json_bool (writer, letter->claims_compensation);
      json_date (writer, "oldest_due", &letter->oldest_due);
      json_date (writer, "deadline", &letter->deadline);
      json_money (writer, "open", letter->open, currency);
      json_money (writer, "interest", letter->interest, currency);
      json_money (writer, "compensation", letter->compensation, currency);
      json_money (writer, "fee", letter->fee, currency);
      json_money (writer, "credit", letter->credit, currency);
      json_money (writer, "total", letter->total, currency);
      rcv_json_key (writer, "interest_periods");
      json_periods (writer, letter->periods);
      rcv_json_key (writer, "invoices");
      rcv_json_begin_array (writer);
      for (guint n = 0; n < letter->items->len; n++)
        {
          const RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, n);

          rcv_json_begin_object (writer);
          json_text (writer, "number", item->number);
          json_date (writer, "issue_date", &item->issue_date);
          json_date (writer, "due_date", &item->due_date);
          json_int (writer, "days_late", item->days_late);
          json_int (writer, "level", item->level);
          json_int (writer, "sent_level", item->sent_level);
          json_money (writer, "open", item->open, currency);
          json_money (writer, "interest", item->interest, currency);
          json_money (writer, "compensation", item->compensation, currency);
          rcv_json_key (writer, "interest_periods");
          json_periods (writer, item->periods);
          rcv_json_end_object (writer);
        }
      rcv_json_end_array (writer);
      rcv_json_end_object (writer);
    }
  rcv_json_end_array (writer);
  rcv_json_key (writer, "covered_by_credit");
  rcv_json_begin_array (writer);
  for (guint i = 0; i < run->covered->len; i++)
    {
      const RcvDunningCovered *covered = g_ptr_array_index (run->covered, i);

      rcv_json_begin_object (writer);
      json_text (writer, "customer_id", covered->code);
      json_text (writer, "customer", covered->name);
      json_money (writer, "overdue", covered->overdue, currency);
      json_money (writer, "credit", covered->credit, currency);
      rcv_json_end_object (writer);
    }
  rcv_json_end_array (writer);
  rcv_json_end_object (writer);
  return rcv_json_writer_free_to_string (writer);
}
