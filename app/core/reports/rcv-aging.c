/* rcv-aging.c - who owes what, and for how long, as of any date
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report by customer and bucket, the list by invoice, and both as CSV and JSON, over the
 * documents open at D that rcv-aging-scan.c reads.
 */
#define G_LOG_DOMAIN "rcv-aging"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-aging-private.h"
#include "rcv-csv.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-json.h"
#include "rcv-ledger-private.h"
#include "rcv-text.h"

guint
rcv_aging_bucket_for_days (const guint *boundaries,
                           guint        n_boundaries,
                           gint         days)
{
  if (days <= 0)
    return 0;
  for (guint i = 0; i < n_boundaries; i++)
    if ((guint) days <= boundaries[i])
      return i + 1;
  return n_boundaries + 1;
}

/* The column names of files: current, 1-30, 31-60, 61-90, over_90. */
char *
rcv_aging_bucket_key (const guint *boundaries,
                      guint        n_boundaries,
                      guint        bucket)
{
  g_return_val_if_fail (bucket <= n_boundaries + 1, NULL);

  if (bucket == 0)
    return g_strdup ("current");
  if (bucket == n_boundaries + 1)
    return g_strdup_printf ("over_%u", boundaries[n_boundaries - 1]);
  return g_strdup_printf ("%u-%u", bucket == 1 ? 1 : boundaries[bucket - 2] + 1,
                          boundaries[bucket - 1]);
}

/* The names people read: Current, 1–30 days, Over 90 days. */
char *
rcv_aging_bucket_label (const guint *boundaries,
                        guint        n_boundaries,
                        guint        bucket)
{
  g_return_val_if_fail (bucket <= n_boundaries + 1, NULL);

  if (bucket == 0)
    return g_strdup (_("Current"));
  if (bucket == n_boundaries + 1)
    return g_strdup_printf (_("Over %u days"), boundaries[n_boundaries - 1]);
  return g_strdup_printf (_("%u–%u days"), bucket == 1 ? 1 : boundaries[bucket - 2] + 1,
                          boundaries[bucket - 1]);
}

static gint
days_overdue (guint32        as_of_julian,
              RcvAgingBasis  basis,
              const char    *issue_date,
              const char    *due_date)
{
  const char *from = basis == RCV_AGING_BY_ISSUE_DATE ? issue_date : due_date;

  return (gint) as_of_julian - (gint) rcv_iso_to_julian (from);
}

static void
row_free (gpointer data)
{
  RcvAgingRow *row = data;

  g_free (row->code);
  g_free (row->name);
  g_free (row);
}

void
rcv_aging_report_free (RcvAgingReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rows);
  g_free (report);
}

typedef struct
{
  RcvAgingReport *report;
  GHashTable *by_customer;
  guint32 as_of_julian;
} ReportBuilder;

static void
add_to_report (const RcvOpenDocument *doc,
               gpointer            user_data)
{
  ReportBuilder *builder = user_data;
  RcvAgingReport *report = builder->report;
  RcvAgingRow *row;

  row = g_hash_table_lookup (builder->by_customer, &doc->customer_id);
  if (row == NULL)
    {
      row = g_new0 (RcvAgingRow, 1);
      row->customer_id = doc->customer_id;
      row->oldest_days = G_MININT;
      row->days_past_due = G_MININT;
      g_hash_table_insert (builder->by_customer, &row->customer_id, row);
    }

  if (doc->kind == RCV_AGING_ITEM_INVOICE)
    {
      gint days = days_overdue (builder->as_of_julian, report->basis, doc->date, doc->due_date);
      guint bucket = rcv_aging_bucket_for_days (report->boundaries, report->n_boundaries, days);

      row->buckets[bucket] += doc->open;
      row->oldest_days = MAX (row->oldest_days, days);
      row->days_past_due = MAX (row->days_past_due,
                                (gint) builder->as_of_julian -
                                (gint) rcv_iso_to_julian (doc->due_date));
      row->n_open_invoices++;
    }
  else
    row->unapplied += doc->open;
}

static gboolean
fill_customer_names (RcvDatabase *db,
                     gint64       customer_id,
                     char       **code,
                     char       **name,
                     GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT code, name FROM customers WHERE id = ?1",
                                             error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  if (rcv_statement_step (stmt) == RCV_ROW)
    {
      *code = g_strdup (rcv_statement_column_text (stmt, 0));
      *name = g_strdup (rcv_statement_column_text (stmt, 1));
    }
  else
    {
      *code = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
      *name = g_strdup ("");
    }
  rcv_statement_reset (stmt);
  return TRUE;
}

/* Names for the rows of a report: one lookup each for a few customers, one pass over the
 * customers for many (forty thousand lookups cost five times the pass). */
#define NAME_LOOKUPS_MAX 2000

static gboolean
fill_report_names (RcvDatabase *db,
                   GHashTable  *by_customer,
                   GError     **error)
{
  GHashTableIter iter;
  gpointer value;
  RcvStatement *stmt;
  int rc;

  if (g_hash_table_size (by_customer) <= NAME_LOOKUPS_MAX)
    {
      g_hash_table_iter_init (&iter, by_customer);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          RcvAgingRow *row = value;

          if (!fill_customer_names (db, row->customer_id, &row->code, &row->name, error))
            return FALSE;
        }
      return TRUE;
    }

  stmt = rcv_database_prepare (db, "SELECT id, code, name FROM customers", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);
      RcvAgingRow *row = g_hash_table_lookup (by_customer, &id);

      if (row != NULL)
        {
          row->code = g_strdup (rcv_statement_column_text (stmt, 1));
          row->name = g_strdup (rcv_statement_column_text (stmt, 2));
        }
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    return rcv_database_set_error (db, error);
  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const RcvAgingRow *ra = *(const RcvAgingRow * const *) a;
  const RcvAgingRow *rb = *(const RcvAgingRow * const *) b;

  return rcv_natural_compare (ra->code, rb->code);
}

/* Aging by customer as of a date. A customer is listed when any of its columns is not zero,
 * including one whose unapplied credit offsets its overdue invoices: that credit is waiting
 * to be applied. */
RcvAgingReport *
rcv_aging_report_new (RcvDatabase *db,
                      const GDate *as_of,
                      GError     **error)
{
  g_autoptr(RcvAgingReport) report = NULL;
  g_autoptr(GHashTable) by_customer = NULL;
  ReportBuilder builder;
  const guint *boundaries;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  report = g_new0 (RcvAgingReport, 1);
  report->as_of = *as_of;
  report->basis = rcv_database_get_aging_basis (db);
  boundaries = rcv_database_get_aging_boundaries (db, &report->n_boundaries);
  memcpy (report->boundaries, boundaries, report->n_boundaries * sizeof (guint));
  report->n_buckets = report->n_boundaries + 2;
  report->rows = g_ptr_array_new_with_free_func (row_free);
  report->total.oldest_days = G_MININT;
  report->total.days_past_due = G_MININT;

  by_customer = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, row_free);
  builder.report = report;
  builder.by_customer = by_customer;
  builder.as_of_julian = g_date_get_julian (as_of);
  if (!rcv_aging_scan_open (db, as_of, FALSE, add_to_report, &builder, error))
    return NULL;

  if (!fill_report_names (db, by_customer, error))
    return NULL;

  g_hash_table_iter_init (&iter, by_customer);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      RcvAgingRow *row = value;

      /* a customer missing from its own table cannot be, but must not crash a report */
      if (row->code == NULL)
        {
          row->code = g_strdup_printf ("%" G_GINT64_FORMAT, row->customer_id);
          row->name = g_strdup ("");
        }
      g_ptr_array_add (report->rows, value);
    }
  g_hash_table_steal_all (by_customer);
  g_ptr_array_sort (report->rows, compare_rows);

  for (guint i = 0; i < report->rows->len; i++)
    {
      RcvAgingRow *row = g_ptr_array_index (report->rows, i);

      row->balance = row->unapplied;
      for (guint b = 0; b < report->n_buckets; b++)
        {
          row->balance += row->buckets[b];
          report->total.buckets[b] += row->buckets[b];
        }
      report->total.unapplied += row->unapplied;
      report->total.balance += row->balance;
      report->total.n_open_invoices += row->n_open_invoices;
      report->total.oldest_days = MAX (report->total.oldest_days, row->oldest_days);
      report->total.days_past_due = MAX (report->total.days_past_due, row->days_past_due);
    }

  return g_steal_pointer (&report);
}

static void
item_free (gpointer data)
{
  RcvAgingItem *item = data;

  g_free (item->customer_code);
  g_free (item->customer_name);
  g_free (item->document);
  g_free (item);
}

typedef struct
{
  GPtrArray *items;
  const guint *boundaries;
  guint n_boundaries;
  RcvAgingBasis basis;
  guint32 as_of_julian;
} ItemsBuilder;

static void
add_item (const RcvOpenDocument *doc,
          gpointer            user_data)
{
  ItemsBuilder *builder = user_data;
  RcvAgingItem *item = g_new0 (RcvAgingItem, 1);

  item->customer_id = doc->customer_id;
  item->kind = doc->kind;
  item->document_id = doc->id;
  item->document = g_strdup (doc->number);
  g_date_clear (&item->date, 1);
  g_date_clear (&item->due_date, 1);
  g_date_set_julian (&item->date, rcv_iso_to_julian (doc->date));
  item->open = doc->open;
  item->bucket = -1;

  if (doc->kind != RCV_AGING_ITEM_PAYMENT)
    g_date_set_julian (&item->due_date, rcv_iso_to_julian (doc->due_date));
  if (doc->kind == RCV_AGING_ITEM_INVOICE)
    {
      item->days_overdue = days_overdue (builder->as_of_julian, builder->basis, doc->date,
                                         doc->due_date);
      item->bucket = (gint) rcv_aging_bucket_for_days (builder->boundaries, builder->n_boundaries,
                                                       item->days_overdue);
    }
  g_ptr_array_add (builder->items, item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RcvAgingItem *ia = *(const RcvAgingItem * const *) a;
  const RcvAgingItem *ib = *(const RcvAgingItem * const *) b;
  int c;

  if ((c = rcv_natural_compare (ia->customer_code, ib->customer_code)) != 0)
    return c;
  if (ia->kind != ib->kind)
    return ia->kind < ib->kind ? -1 : 1;
  if (ia->kind != RCV_AGING_ITEM_PAYMENT &&
      (c = g_date_compare (&ia->due_date, &ib->due_date)) != 0)
    return c;
  if ((c = g_date_compare (&ia->date, &ib->date)) != 0)
    return c;
  if ((c = rcv_natural_compare (ia->document, ib->document)) != 0)
    return c;
  return ia->document_id < ib->document_id ? -1 : ia->document_id > ib->document_id;
}

/* Aging by invoice: every document open as of the date, credit included, by customer and
 * due date. */
GPtrArray *
rcv_aging_list_items (RcvDatabase *db,
                      const GDate *as_of,
                      GError     **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (item_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                       (GDestroyNotify) g_strfreev);
  ItemsBuilder builder;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  builder.items = items;
  builder.boundaries = rcv_database_get_aging_boundaries (db, &builder.n_boundaries);
  builder.basis = rcv_database_get_aging_basis (db);
  builder.as_of_julian = g_date_get_julian (as_of);

  if (!rcv_aging_scan_open (db, as_of, TRUE, add_item, &builder, error))
    return NULL;

  for (guint i = 0; i < items->len; i++)
    {
      RcvAgingItem *item = g_ptr_array_index (items, i);
      char **pair = g_hash_table_lookup (names, &item->customer_id);

      if (pair == NULL)
        {
          gint64 *key = g_memdup2 (&item->customer_id, sizeof (gint64));

          pair = g_new0 (char *, 3);
          if (!fill_customer_names (db, item->customer_id, &pair[0], &pair[1], error))
            {
              g_free (key);
              g_strfreev (pair);
              return NULL;
            }
          g_hash_table_insert (names, key, pair);
        }
      item->customer_code = g_strdup (pair[0]);
      item->customer_name = g_strdup (pair[1]);
    }

  g_ptr_array_sort (items, compare_items);
  return g_steal_pointer (&items);
}

/* customer_id,customer,current,1-30,31-60,61-90,over_90,unapplied,balance then TOTAL. */
char *
rcv_aging_report_to_csv (const RcvAgingReport *report,
                         const RcvCurrency    *currency)
{
  GString *out = g_string_new ("customer_id,customer");

  g_return_val_if_fail (report != NULL, NULL);

  for (guint b = 0; b < report->n_buckets; b++)
    {
      g_autofree char *key = rcv_aging_bucket_key (report->boundaries, report->n_boundaries, b);
      g_string_append_printf (out, ",%s", key);
    }
  g_string_append (out, ",unapplied,balance\n");

  for (guint i = 0; i <= report->rows->len; i++)
    {
      const RcvAgingRow *row = i < report->rows->len ? g_ptr_array_index (report->rows, i)
                                                     : &report->total;

      if (i < report->rows->len)
        {
          rcv_csv_append_field (out, row->code, ',');
          g_string_append_c (out, ',');
          rcv_csv_append_field (out, row->name, ',');
        }
      else
        g_string_append (out, "TOTAL,");

      for (guint b = 0; b < report->n_buckets; b++)
        rcv_csv_append_money (out, row->buckets[b], currency);
      rcv_csv_append_money (out, row->unapplied, currency);
      rcv_csv_append_money (out, row->balance, currency);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static void
json_boundaries (RcvJsonWriter *json,
                 const guint   *boundaries,
                 guint          n_boundaries)
{
  rcv_json_key (json, "bucket_boundaries");
  rcv_json_begin_array (json);
  for (guint i = 0; i < n_boundaries; i++)
    rcv_json_int (json, boundaries[i]);
  rcv_json_end_array (json);

  rcv_json_key (json, "buckets");
  rcv_json_begin_array (json);
  for (guint b = 0; b < n_boundaries + 2; b++)
    {
      g_autofree char *key = rcv_aging_bucket_key (boundaries, n_boundaries, b);
      rcv_json_string (json, key);
    }
  rcv_json_end_array (json);
}

static void
json_row_amounts (RcvJsonWriter        *json,
                  const RcvAgingReport *report,
                  const RcvAgingRow    *row,
                  const RcvCurrency    *currency)
{
  for (guint b = 0; b < report->n_buckets; b++)
    {
      g_autofree char *key = rcv_aging_bucket_key (report->boundaries, report->n_boundaries, b);
      rcv_json_key (json, key);
      rcv_json_money (json, row->buckets[b], currency);
    }
  rcv_json_key (json, "unapplied");
  rcv_json_money (json, row->unapplied, currency);
  rcv_json_key (json, "balance");
  rcv_json_money (json, row->balance, currency);
}

char *
rcv_aging_report_to_json (const RcvAgingReport *report,
                          const RcvCurrency    *currency)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  char date[RCV_ISO_DATE_LEN];

  g_return_val_if_fail (report != NULL, NULL);

  rcv_date_to_iso (&report->as_of, date);
  rcv_json_begin_object (json);
  rcv_json_key (json, "as_of");
  rcv_json_string (json, date);
  rcv_json_key (json, "by");
  rcv_json_string (json, "customer");
  rcv_json_key (json, "basis");
  rcv_json_string (json, report->basis == RCV_AGING_BY_ISSUE_DATE ? "issue_date" : "due_date");
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  json_boundaries (json, report->boundaries, report->n_boundaries);

  rcv_json_key (json, "rows");
  rcv_json_begin_array (json);
  for (guint i = 0; i < report->rows->len; i++)
    {
      const RcvAgingRow *row = g_ptr_array_index (report->rows, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "customer_id");
      rcv_json_string (json, row->code);
      rcv_json_key (json, "customer");
      rcv_json_string (json, row->name);
      json_row_amounts (json, report, row, currency);
      rcv_json_key (json, "oldest_days_overdue");
      if (row->n_open_invoices > 0)
        rcv_json_int (json, row->oldest_days);
      else
        rcv_json_null (json);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);

  rcv_json_key (json, "total");
  rcv_json_begin_object (json);
  json_row_amounts (json, report, &report->total, currency);
  rcv_json_end_object (json);
  rcv_json_end_object (json);

  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

/* customer_id,customer,document,kind,date,due_date,days_overdue,bucket,open then TOTAL. */
char *
rcv_aging_items_to_csv (GPtrArray         *items,
                        const guint       *boundaries,
                        guint              n_boundaries,
                        const RcvCurrency *currency)
{
  GString *out = g_string_new ("customer_id,customer,document,kind,date,due_date,days_overdue,"
                               "bucket,open\n");
  gint64 total = 0;

  g_return_val_if_fail (items != NULL, NULL);

  for (guint i = 0; i < items->len; i++)
    {
      const RcvAgingItem *item = g_ptr_array_index (items, i);
      char date[RCV_ISO_DATE_LEN];

      rcv_csv_append_field (out, item->customer_code, ',');
      g_string_append_c (out, ',');
      rcv_csv_append_field (out, item->customer_name, ',');
      g_string_append_c (out, ',');
      rcv_csv_append_field (out, item->document, ',');
      g_string_append_printf (out, ",%s,", rcv_enum_to_nick (RCV_TYPE_AGING_ITEM_KIND, item->kind));
      rcv_date_to_iso (&item->date, date);
      g_string_append (out, date);
      g_string_append_c (out, ',');
      if (g_date_valid (&item->due_date))
        {
          rcv_date_to_iso (&item->due_date, date);
          g_string_append (out, date);
        }
      g_string_append_c (out, ',');
      if (item->kind == RCV_AGING_ITEM_INVOICE)
        {
          g_autofree char *key = rcv_aging_bucket_key (boundaries, n_boundaries,
                                                       (guint) item->bucket);
          g_string_append_printf (out, "%d,%s", item->days_overdue, key);
        }
      else
        g_string_append (out, ",unapplied");
      rcv_csv_append_money (out, item->open, currency);
      g_string_append_c (out, '\n');
      total += item->open;
    }

  g_string_append (out, "TOTAL,,,,,,,");
  rcv_csv_append_money (out, total, currency);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

char *
rcv_aging_items_to_json (GPtrArray         *items,
                         const GDate       *as_of,
                         const guint       *boundaries,
                         guint              n_boundaries,
                         const RcvCurrency *currency)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  char date[RCV_ISO_DATE_LEN];
  gint64 total = 0;

  g_return_val_if_fail (items != NULL, NULL);

  rcv_date_to_iso (as_of, date);
  rcv_json_begin_object (json);
  rcv_json_key (json, "as_of");
  rcv_json_string (json, date);
  rcv_json_key (json, "by");
  rcv_json_string (json, "invoice");
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  json_boundaries (json, boundaries, n_boundaries);
  rcv_json_key (json, "rows");
  rcv_json_begin_array (json);
  for (guint i = 0; i < items->len; i++)
    {
      const RcvAgingItem *item = g_ptr_array_index (items, i);

      rcv_json_begin_object (json);
      rcv_json_key (json, "customer_id");
      rcv_json_string (json, item->customer_code);
      rcv_json_key (json, "customer");
      rcv_json_string (json, item->customer_name);
      rcv_json_key (json, "document");
      rcv_json_string (json, item->document);
      rcv_json_key (json, "kind");
      rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_AGING_ITEM_KIND, item->kind));
      rcv_date_to_iso (&item->date, date);
      rcv_json_key (json, "date");
      rcv_json_string (json, date);
      rcv_json_key (json, "due_date");
      if (g_date_valid (&item->due_date))
        {
          rcv_date_to_iso (&item->due_date, date);
          rcv_json_string (json, date);
        }
      else
        rcv_json_null (json);
      rcv_json_key (json, "days_overdue");
      if (item->kind == RCV_AGING_ITEM_INVOICE)
        rcv_json_int (json, item->days_overdue);
      else
        rcv_json_null (json);
      rcv_json_key (json, "bucket");
      if (item->kind == RCV_AGING_ITEM_INVOICE)
        {
          g_autofree char *key = rcv_aging_bucket_key (boundaries, n_boundaries,
                                                       (guint) item->bucket);
          rcv_json_string (json, key);
        }
      else
        rcv_json_string (json, "unapplied");
      rcv_json_key (json, "open");
      rcv_json_money (json, item->open, currency);
      rcv_json_end_object (json);
      total += item->open;
    }
  rcv_json_end_array (json);
  rcv_json_key (json, "total");
  rcv_json_money (json, total, currency);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}
