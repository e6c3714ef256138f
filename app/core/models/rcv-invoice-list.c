/* rcv-invoice-list.c - invoices and credit notes as a lazy GListModel, for a million of them
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Building the list (in a worker thread) reads only the IDs that match, newest first: 8 bytes
 * an invoice, a few tenths of a second for a million. A row is read when the view asks for
 * it, by ID on the window's connection (a few microseconds), and its item lives only as long
 * as someone holds it: the list keeps a weak pointer, so scrolling through a million rows
 * does not leave a million objects behind.
 */
#define G_LOG_DOMAIN "rcv-invoice-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-aging.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-invoice-list.h"
#include "rcv-money.h"

struct _RcvInvoiceItem
{
  GObject parent_instance;

  gint64 id;
  gint64 open;
  char *number;
  char *customer;
  char *issue_text;
  char *due_text;
  char *total_text;
  char *open_text;
  char *status_text;
  gboolean overdue;
};

struct _RcvInvoiceList
{
  RcvRowList parent_instance;

  GDate today;
  GHashTable *open_then; /* an aged list: ID → the open amount as of `today`, a past date */
};

G_DEFINE_FINAL_TYPE (RcvInvoiceItem, rcv_invoice_item, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE (RcvInvoiceList, rcv_invoice_list, RCV_TYPE_ROW_LIST)

enum {
  ITEM_PROP_0,
  ITEM_PROP_ID,
  ITEM_PROP_NUMBER,
  ITEM_PROP_CUSTOMER,
  ITEM_PROP_ISSUE_TEXT,
  ITEM_PROP_DUE_TEXT,
  ITEM_PROP_TOTAL_TEXT,
  ITEM_PROP_OPEN_TEXT,
  ITEM_PROP_STATUS_TEXT,
  ITEM_PROP_OVERDUE,
  ITEM_N_PROPS
};

static GParamSpec *item_properties[ITEM_N_PROPS];

static void
rcv_invoice_item_finalize (GObject *object)
{
  RcvInvoiceItem *self = RCV_INVOICE_ITEM (object);

  g_free (self->number);
  g_free (self->customer);
  g_free (self->issue_text);
  g_free (self->due_text);
  g_free (self->total_text);
  g_free (self->open_text);
  g_free (self->status_text);

  G_OBJECT_CLASS (rcv_invoice_item_parent_class)->finalize (object);
}

static void
rcv_invoice_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RcvInvoiceItem *self = RCV_INVOICE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ITEM_PROP_NUMBER:
      g_value_set_string (value, self->number);
      break;
    case ITEM_PROP_CUSTOMER:
      g_value_set_string (value, self->customer);
      break;
    case ITEM_PROP_ISSUE_TEXT:
      g_value_set_string (value, self->issue_text);
      break;
    case ITEM_PROP_DUE_TEXT:
      g_value_set_string (value, self->due_text);
      break;
    case ITEM_PROP_TOTAL_TEXT:
      g_value_set_string (value, self->total_text);
      break;
    case ITEM_PROP_OPEN_TEXT:
      g_value_set_string (value, self->open_text);
      break;
    case ITEM_PROP_STATUS_TEXT:
      g_value_set_string (value, self->status_text);
      break;
    case ITEM_PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_invoice_item_class_init (RcvInvoiceItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = rcv_invoice_item_finalize;
  object_class->get_property = rcv_invoice_item_get_property;

  item_properties[ITEM_PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_NUMBER] = g_param_spec_string ("number", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_CUSTOMER] = g_param_spec_string ("customer", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_ISSUE_TEXT] =
    g_param_spec_string ("issue-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_DUE_TEXT] = g_param_spec_string ("due-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_TOTAL_TEXT] =
    g_param_spec_string ("total-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_OPEN_TEXT] =
    g_param_spec_string ("open-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_STATUS_TEXT] =
    g_param_spec_string ("status-text", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_OVERDUE] =
    g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
rcv_invoice_item_init (RcvInvoiceItem *self)
{
}

gint64
rcv_invoice_item_get_id (RcvInvoiceItem *self)
{
  g_return_val_if_fail (RCV_IS_INVOICE_ITEM (self), 0);
  return self->id;
}

const char *
rcv_invoice_item_get_number (RcvInvoiceItem *self)
{
  g_return_val_if_fail (RCV_IS_INVOICE_ITEM (self), NULL);
  return self->number;
}

gint64
rcv_invoice_item_get_open (RcvInvoiceItem *self)
{
  g_return_val_if_fail (RCV_IS_INVOICE_ITEM (self), 0);
  return self->open;
}

static char *
locale_date (const char *iso)
{
  GDate date;

  if (!rcv_date_parse_iso (iso, &date, NULL))
    return g_strdup (iso);
  return rcv_date_format_locale (&date);
}

/* One row, read by ID: a point query on the primary key and the customer's. */
static GObject *
read_row (RcvRowList  *list,
          RcvDatabase *db,
          gint64       id)
{
  RcvInvoiceList *self = RCV_INVOICE_LIST (list);
  const RcvCurrency *currency = rcv_database_get_currency (db);
  RcvInvoiceItem *item;
  RcvStatement *stmt;
  gboolean credit_note, is_void;
  gint64 total, allocated;
  GDate due;

  stmt = rcv_database_prepare (db,
                               "SELECT i.number, c.name, i.kind, i.status, i.issue_date,"
                               " i.due_date, i.total, i.allocated"
                               " FROM invoices i JOIN customers c ON c.id = i.customer_id"
                               " WHERE i.id = ?1",
                               NULL);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, id);
  if (rcv_statement_step (stmt) != RCV_ROW)
    {
      rcv_statement_reset (stmt);
      return NULL;
    }

  item = g_object_new (RCV_TYPE_INVOICE_ITEM, NULL);
  item->id = id;
  item->number = g_strdup (rcv_statement_column_text (stmt, 0));
  item->customer = g_strdup (rcv_statement_column_text (stmt, 1));
  credit_note = g_str_equal (rcv_statement_column_text (stmt, 2), "credit-note");
  is_void = g_str_equal (rcv_statement_column_text (stmt, 3), "void");
  item->issue_text = locale_date (rcv_statement_column_text (stmt, 4));
  item->due_text = credit_note ? g_strdup ("") : locale_date (rcv_statement_column_text (stmt, 5));
  rcv_date_parse_iso (rcv_statement_column_text (stmt, 5), &due, NULL);
  total = rcv_statement_column_int64 (stmt, 6);
  allocated = rcv_statement_column_int64 (stmt, 7);
  rcv_statement_reset (stmt);

  /* a credit note's total is negative; what is left of it is credit, shown negative too */
  item->open = is_void ? 0 : credit_note ? total + allocated : total - allocated;
  if (self->open_then != NULL)
    {
      gint64 *then = g_hash_table_lookup (self->open_then, &id);

      item->open = then != NULL ? *then : item->open;
    }
  item->total_text = rcv_money_format (total, currency);
  item->open_text = rcv_money_format (item->open, currency);
  if (is_void)
    item->status_text = g_strdup (C_("invoice status", "Void"));
  else if (item->open == 0)
    item->status_text = g_strdup (credit_note ? C_("credit note status", "Used")
                                              : C_("invoice status", "Paid"));
  else if (credit_note)
    item->status_text = g_strdup (C_("credit note status", "Unused credit"));
  else if (g_date_valid (&due) && g_date_compare (&due, &self->today) < 0)
    {
      gint days = (gint) (g_date_get_julian (&self->today) - g_date_get_julian (&due));

      item->overdue = TRUE;
      item->status_text = g_strdup_printf (ngettext ("%d day overdue", "%d days overdue",
                                                     (gulong) days), days);
    }
  else
    item->status_text = g_strdup (C_("invoice status", "Open"));
  return G_OBJECT (item);
}

/* A row read again after a commit, taken into the item the view shows. */
static void
update_row (RcvRowList *list,
            GObject    *row,
            GObject    *fresh)
{
  RcvInvoiceItem *self = RCV_INVOICE_ITEM (row), *other = RCV_INVOICE_ITEM (fresh);

  self->open = other->open;
  self->overdue = other->overdue;
#define TAKE(field) \
  do { char *swap = self->field; self->field = other->field; other->field = swap; } while (0)
  TAKE (number);
  TAKE (customer);
  TAKE (issue_text);
  TAKE (due_text);
  TAKE (total_text);
  TAKE (open_text);
  TAKE (status_text);
#undef TAKE
  g_object_freeze_notify (row);
  for (guint i = ITEM_PROP_NUMBER; i < ITEM_N_PROPS; i++)
    g_object_notify_by_pspec (row, item_properties[i]);
  g_object_thaw_notify (row);
}

static void
rcv_invoice_list_finalize (GObject *object)
{
  RcvInvoiceList *self = RCV_INVOICE_LIST (object);

  g_clear_pointer (&self->open_then, g_hash_table_unref);

  G_OBJECT_CLASS (rcv_invoice_list_parent_class)->finalize (object);
}

static void
rcv_invoice_list_class_init (RcvInvoiceListClass *klass)
{
  RcvRowListClass *row_list_class = RCV_ROW_LIST_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = rcv_invoice_list_finalize;
  row_list_class->item_type = RCV_TYPE_INVOICE_ITEM;
  row_list_class->read_row = read_row;
  row_list_class->update_row = update_row;
}

static void
rcv_invoice_list_init (RcvInvoiceList *self)
{
}

/* The invoices and credit notes that pass `filter` and `search` (a number's beginning, or a
 * part of a customer's name or ID), newest first. Blocking: call it from a worker thread on
 * a large company, or use rcv_invoice_list_new_async(). The list reads its rows through `db`
 * until rcv_row_list_set_database() gives it another connection. */
RcvInvoiceList *
rcv_invoice_list_new (RcvDatabase      *db,
                      RcvInvoiceFilter  filter,
                      const char       *search,
                      const GDate      *today,
                      GCancellable     *cancellable,
                      GError          **error)
{
  /* the filters, then the search; the same text selects a row that changed (?3) */
#define SEARCH_SQL \
    " AND (?1 = '' OR (number >= ?1 AND number < ?1 || x'f48fbfbf')" \
    "  OR customer_id IN (SELECT id FROM customers WHERE instr (lower (name), lower (?1)) > 0" \
    "   OR lower (code) = lower (?1)))"
#define OPEN_SQL " AND settled_date IS NULL AND status = 'posted'"
#define OVERDUE_SQL OPEN_SQL " AND kind = 'invoice' AND due_date < ?2"
  /* newest first by issue date, then by entry (the year's sequence of numbers): each row's
   * key is its date above its ID (see rcv-row-list.c), in the invoices_issued index's order */
#define KEY_SQL "((CAST (julianday (issue_date) AS INTEGER) << 40) | id)"
#define ORDER_SQL " ORDER BY issue_date DESC, id DESC"
  static const char *const sql[] = {
    "SELECT " KEY_SQL " FROM invoices WHERE 1" SEARCH_SQL ORDER_SQL,
    "SELECT " KEY_SQL " FROM invoices WHERE 1" OPEN_SQL SEARCH_SQL ORDER_SQL,
    "SELECT " KEY_SQL " FROM invoices WHERE 1" OVERDUE_SQL SEARCH_SQL ORDER_SQL,
  };
  static const char *const member_sql[] = {
    "SELECT 1 FROM invoices WHERE id = ?3" SEARCH_SQL,
    "SELECT 1 FROM invoices WHERE id = ?3" OPEN_SQL SEARCH_SQL,
    "SELECT 1 FROM invoices WHERE id = ?3" OVERDUE_SQL SEARCH_SQL,
  };
#undef SEARCH_SQL
#undef OPEN_SQL
#undef OVERDUE_SQL
#undef ORDER_SQL
  g_autoptr(RcvInvoiceList) self = NULL;
  g_autofree char *needle = NULL;
  char today_iso[RCV_ISO_DATE_LEN];

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (filter <= RCV_INVOICE_FILTER_OVERDUE, NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  self = g_object_new (RCV_TYPE_INVOICE_LIST, NULL);
  rcv_row_list_set_database (RCV_ROW_LIST (self), db);
  self->today = *today;
  needle = g_strstrip (g_strdup (search != NULL ? search : ""));
  rcv_date_to_iso (today, today_iso);

  /* a search typed further cancels this one: it stops early */
  if (!rcv_row_list_load_ids (RCV_ROW_LIST (self), db, sql[filter], needle, today_iso,
                              cancellable, error))
    return NULL;
  rcv_row_list_set_member_query (RCV_ROW_LIST (self), member_sql[filter], needle, today_iso);
  rcv_row_list_set_key_query (RCV_ROW_LIST (self),
                              "SELECT " KEY_SQL " FROM invoices WHERE id = ?1");
#undef KEY_SQL
  return g_steal_pointer (&self);
}

typedef struct
{
  gint64 id;
  guint32 due;
} AgedInvoice;

static int
compare_aged (gconstpointer a,
              gconstpointer b)
{
  const AgedInvoice *ia = a, *ib = b;

  if (ia->due != ib->due)
    return ia->due < ib->due ? -1 : 1;
  return ia->id < ib->id ? -1 : ia->id > ib->id;
}

/* The invoices open as of a date, as its aging report counts them: of one customer (0: all)
 * and one age bucket (−1: all), oldest due date first, each with its open amount then.
 * Blocking: for a worker thread, as rcv_invoice_list_new(). */
RcvInvoiceList *
rcv_invoice_list_new_aged (RcvDatabase  *db,
                           const GDate  *as_of,
                           gint64        customer_id,
                           int           bucket,
                           GCancellable *cancellable,
                           GError      **error)
{
  g_autoptr(RcvInvoiceList) self = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GArray) aged = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  items = rcv_aging_list_items (db, as_of, error);
  if (items == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self = g_object_new (RCV_TYPE_INVOICE_LIST, NULL);
  rcv_row_list_set_database (RCV_ROW_LIST (self), db);
  self->today = *as_of;
  self->open_then = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  aged = g_array_new (FALSE, FALSE, sizeof (AgedInvoice));
  for (guint i = 0; i < items->len; i++)
    {
      const RcvAgingItem *item = g_ptr_array_index (items, i);
      AgedInvoice entry;
      gint64 *record;

      if (item->kind != RCV_AGING_ITEM_INVOICE ||
          (customer_id != 0 && item->customer_id != customer_id) ||
          (bucket >= 0 && item->bucket != bucket))
        continue;
      entry.id = item->document_id;
      entry.due = g_date_get_julian (&item->due_date);
      g_array_append_val (aged, entry);
      /* the ID, then the amount: one block for the key and its value */
      record = g_new (gint64, 2);
      record[0] = item->document_id;
      record[1] = item->open;
      g_hash_table_insert (self->open_then, &record[0], &record[1]);
    }
  g_array_sort (aged, compare_aged);
  for (guint i = 0; i < aged->len; i++)
    rcv_row_list_append_id (RCV_ROW_LIST (self), g_array_index (aged, AgedInvoice, i).id);
  return g_steal_pointer (&self);
}

typedef struct
{
  RcvInvoiceFilter filter;
  char *search;
  GDate today;
  gboolean aged;
  gint64 customer_id;
  int bucket;
} LoadData;

static void
load_data_free (gpointer pointer)
{
  LoadData *data = pointer;

  g_free (data->search);
  g_free (data);
}

static gpointer
load_in_thread (RcvDatabase   *connection,
                gpointer       pointer,
                GCancellable  *cancellable,
                GError       **error)
{
  LoadData *data = pointer;
  RcvInvoiceList *list = data->aged
                           ? rcv_invoice_list_new_aged (connection, &data->today,
                                                        data->customer_id, data->bucket,
                                                        cancellable, error)
                           : rcv_invoice_list_new (connection, data->filter, data->search,
                                                   &data->today, cancellable, error);

  /* the thread's connection closes with the task: the owner gives the list another */
  if (list != NULL)
    rcv_row_list_set_database (RCV_ROW_LIST (list), NULL);
  return list;
}

void
rcv_invoice_list_new_async (RcvDatabase         *db,
                            RcvInvoiceFilter     filter,
                            const char          *search,
                            const GDate         *today,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (today != NULL && g_date_valid (today));

  data = g_new0 (LoadData, 1);
  data->filter = filter;
  data->search = g_strdup (search);
  data->today = *today;
  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, load_in_thread, data, load_data_free,
                         g_object_unref, rcv_invoice_list_new_async, cancellable, callback,
                         user_data);
}

/* rcv_invoice_list_new_aged() in a worker thread; finish with rcv_invoice_list_new_finish(). */
void
rcv_invoice_list_new_aged_async (RcvDatabase         *db,
                                 const GDate         *as_of,
                                 gint64               customer_id,
                                 int                  bucket,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  data = g_new0 (LoadData, 1);
  data->aged = TRUE;
  data->today = *as_of;
  data->customer_id = customer_id;
  data->bucket = bucket;
  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, load_in_thread, data, load_data_free,
                         g_object_unref, rcv_invoice_list_new_async, cancellable, callback,
                         user_data);
}

/* The list, without a connection to read its rows: give it one with
 * rcv_row_list_set_database(). */
RcvInvoiceList *
rcv_invoice_list_new_finish (RcvDatabase   *db,
                             GAsyncResult  *result,
                             GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_invoice_list_new_async, error);
}
