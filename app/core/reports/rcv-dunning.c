/* rcv-dunning.c - which reminder letter is due for whom, with its interest and fees
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules, as DESIGN.md §3 ("Dunning") gives them and as they are computed here:
 *
 * - An invoice is overdue from the day after its due date: days late = as-of − due date ≥ 1.
 *   Credit notes and payments are never dunned, nor is an invoice under an unresolved
 *   dispute, nor an account handed over to an agency (rcv-collections.c).
 * - Under a payment plan kept as of the date, the invoices issued by the plan's start are late
 *   from its first missed instalment instead of their due dates, and not late while none is
 *   missed (rcv_collections_late_from): the instalments drive the reminders. Interest still
 *   runs from the due date.
 * - Letters go up one level at a time (issue 24; this replaces DESIGN.md's "the highest level
 *   reached"). The next letter's level is one above the highest level already sent for any
 *   of the invoices it is about (1 when none was), and no higher than the policy's last
 *   level. It is due when one of those invoices has not been sent that level yet and has
 *   reached its days (days after the due date; below 1, a courtesy notice before it), and
 *   the policy's days between letters have passed since the customer's last letter.
 * - The letter is about the customer's overdue open invoices; a courtesy level's letter also
 *   about those that have reached its days before their due date. Its subject, text, fee,
 *   deadline and claims are its level's. The user may send it at another level
 *   (rcv_dunning_letter_set_level): the log records the level sent.
 * - The built-in texts only speak of earlier letters the log holds ({previous} lists them);
 *   without one, no built-in text claims the customer was reminded.
 * - Unapplied credit (open payments and credit notes) is shown and deducted. A customer whose
 *   credit covers all its invoices gets no letter: it is listed as "covered".
 * - Interest is simple: per invoice, open amount × annual rate × late days / 365, over the
 *   periods the policy's regime gives (rcv-rates.c: each half-year at its rate, or the UK's
 *   one rate fixed when interest starts), rounded once per invoice, half away from zero. It
 *   is claimed when the letter's level claims it; a level from before version 8 claims what
 *   its policy sets. A statutory rate whose reference rate is unknown is an error when the
 *   level claims interest: interest is never guessed.
 * - Fixed compensation (EU 40 EUR; UK 40/70/100 GBP by the invoice's total) is claimed once per
 *   late invoice, on the letters whose level claims it: each shows the same one claim.
 * - The reminder fee is the letter's level's fee, once per letter.
 * - Recording a letter stores it with its level for each of its invoices, so that the next
 *   run escalates from it.
 */
#define G_LOG_DOMAIN "rcv-dunning"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-aging-private.h"
#include "rcv-database-private.h"
#include "rcv-database-task.h"
#include "rcv-date.h"
#include "rcv-collections.h"
#include "rcv-dunning.h"
#include "rcv-dunning-private.h"
#include "rcv-error.h"
#include "rcv-ledger.h"
#include "rcv-text.h"

typedef struct
{
  gint64 customer_id;
  GArray *items;           /* RcvDunningItem */
  gint64 credit;           /* ≥ 0 */
} Account;

typedef struct
{
  gint64 customer_id;      /* 0: all */
  gint min_days;           /* the earliest level of any policy, in days after the due date */
  guint32 as_of_julian;
  GHashTable *accounts;    /* customer ID → Account */
  const RcvCollectionsExclusions *exclusions;   /* disputed invoices, handed-over accounts */
} Scan;

static void
item_clear (gpointer data)
{
  RcvDunningItem *item = data;

  g_free (item->number);
  g_clear_pointer (&item->periods, g_array_unref);
}

static GArray *
items_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (RcvDunningItem));

  g_array_set_clear_func (items, item_clear);
  return items;
}

static void
account_free (gpointer data)
{
  Account *account = data;

  g_clear_pointer (&account->items, g_array_unref);
  g_free (account);
}

static void
letter_free (gpointer data)
{
  RcvDunningLetter *letter = data;

  g_free (letter->code);
  g_free (letter->name);
  g_free (letter->address);
  g_free (letter->email);
  g_free (letter->policy_name);
  g_free (letter->title);
  g_free (letter->body);
  g_free (letter->interest_problem);
  g_clear_pointer (&letter->items, g_array_unref);
  g_clear_pointer (&letter->periods, g_array_unref);
  g_clear_pointer (&letter->previous, g_array_unref);
  g_free (letter);
}

static void
covered_free (gpointer data)
{
  RcvDunningCovered *covered = data;

  g_free (covered->code);
  g_free (covered->name);
  g_free (covered);
}

void
rcv_dunning_run_free (RcvDunningRun *run)
{
  if (run == NULL)
    return;
  g_clear_pointer (&run->letters, g_ptr_array_unref);
  g_clear_pointer (&run->covered, g_ptr_array_unref);
  g_clear_pointer (&run->policies, g_hash_table_unref);
  g_free (run);
}

static void
add_open_document (const RcvOpenDocument *doc,
                   gpointer               user_data)
{
  Scan *scan = user_data;
  Account *account;
  guint32 due = 0, late_from = 0;

  if ((scan->customer_id != 0 && doc->customer_id != scan->customer_id) ||
      rcv_collections_excludes_customer (scan->exclusions, doc->customer_id))
    return;
  if (doc->kind == RCV_AGING_ITEM_INVOICE)
    {
      if (rcv_collections_excludes_invoice (scan->exclusions, doc->id))
        return;   /* disputed: out of dunning until resolved */
      due = rcv_iso_to_julian (doc->due_date);
      late_from = rcv_collections_late_from (scan->exclusions, doc->customer_id, doc->date,
                                             doc->due_date);
      /* not overdue (nor a courtesy notice's), or under a payment plan being kept */
      if (due == 0 || late_from == 0 || doc->open <= 0 ||
          (gint64) scan->as_of_julian - late_from < MIN (scan->min_days, 1))
        return;
    }
  else if (doc->open >= 0)
    return;

  account = g_hash_table_lookup (scan->accounts, &doc->customer_id);
  if (account == NULL)
    {
      account = g_new0 (Account, 1);
      account->customer_id = doc->customer_id;
      account->items = items_new ();
      g_hash_table_insert (scan->accounts, &account->customer_id, account);
    }

  if (doc->kind == RCV_AGING_ITEM_INVOICE)
    {
      RcvDunningItem item = { 0 };

      item.invoice_id = doc->id;
      item.number = g_strdup (doc->number);
      g_date_clear (&item.issue_date, 1);
      g_date_set_julian (&item.issue_date, rcv_iso_to_julian (doc->date));
      g_date_clear (&item.due_date, 1);
      g_date_set_julian (&item.due_date, due);
      item.days_late = (gint) (scan->as_of_julian - late_from);
      item.open = doc->open;
      g_array_append_val (account->items, item);
    }
  else
    account->credit -= doc->open;
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const RcvDunningItem *ia = a, *ib = b;
  int order = g_date_compare (&ia->due_date, &ib->due_date);

  return order != 0 ? order : rcv_natural_compare (ia->number, ib->number);
}

static int
compare_accounts (gconstpointer a,
                  gconstpointer b)
{
  const Account *aa = *(Account *const *) a, *ab = *(Account *const *) b;

  return aa->customer_id < ab->customer_id ? -1 : aa->customer_id > ab->customer_id;
}

/* ---- the run ------------------------------------------------------------------------- */

static gboolean
fill_totals (RcvDatabase *db,
             GArray      *items,
             GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT total FROM invoices WHERE id = ?1",
                                             error);

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      RcvDunningItem *item = &g_array_index (items, RcvDunningItem, i);

      rcv_statement_bind_int64 (stmt, 1, item->invoice_id);
      if (rcv_statement_step (stmt) == RCV_ROW)
        item->total = rcv_statement_column_int64 (stmt, 0);
      rcv_statement_reset (stmt);
    }
  return TRUE;
}

static RcvPolicy *
policy_for (RcvDatabase *db,
            GHashTable  *policies,
            gint64       policy_id,
            GError     **error)
{
  RcvPolicy *policy = g_hash_table_lookup (policies, &policy_id);

  if (policy == NULL)
    {
      policy = rcv_policy_load (db, policy_id, error);
      if (policy == NULL)
        return NULL;
      g_hash_table_insert (policies, g_memdup2 (&policy_id, sizeof policy_id), policy);
    }
  return policy;
}

static int
compare_periods (gconstpointer a,
                 gconstpointer b)
{
  const RcvInterestPeriod *pa = a, *pb = b;
  int order = g_date_compare (&pa->from, &pb->from);

  return order != 0 ? order : pa->rate_bp - pb->rate_bp;
}

/* The rates the letter's interest runs at: its invoices' periods, those at one rate that
 * overlap or touch merged into one. */
static GArray *
letter_periods (GArray *items)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (RcvInterestPeriod));
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (RcvInterestPeriod));

  for (guint i = 0; i < items->len; i++)
    {
      const RcvDunningItem *item = &g_array_index (items, RcvDunningItem, i);

      if (item->periods != NULL)
        g_array_append_vals (all, item->periods->data, item->periods->len);
    }
  g_array_sort (all, compare_periods);
  for (guint i = 0; i < all->len; i++)
    {
      const RcvInterestPeriod *p = &g_array_index (all, RcvInterestPeriod, i);
      gboolean joined = FALSE;

      for (guint m = 0; m < merged->len && !joined; m++)
        {
          RcvInterestPeriod *into = &g_array_index (merged, RcvInterestPeriod, m);

          if (into->rate_bp == p->rate_bp && into->reference_bp == p->reference_bp &&
              g_date_get_julian (&p->from) <= g_date_get_julian (&into->to) + 1)
            {
              if (g_date_compare (&p->to, &into->to) > 0)
                into->to = p->to;
              into->days = (gint) (g_date_get_julian (&into->to) -
                                   g_date_get_julian (&into->from) + 1);
              joined = TRUE;
            }
        }
      if (!joined)
        g_array_append_val (merged, *p);
    }
  return merged;
}

/* Sets what a letter at `level` says and claims: its title, text, fee and deadline, and the
 * interest and compensation its level claims, then its totals. */
static gboolean
apply_level (RcvDunningLetter *letter,
             guint             level,
             GError          **error)
{
  const RcvPolicy *policy = letter->policy;
  const RcvReminderLevel *l = &g_array_index (policy->levels, RcvReminderLevel, level - 1);
  GDate deadline = letter->date;

  if (letter->items->len > 0 && letter->interest_problem != NULL &&
      rcv_reminder_level_claims_interest (policy, level - 1))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_NOT_FOUND,
                   _("The letter to %s: %s"), letter->name, letter->interest_problem);
      return FALSE;
    }
  /* the as-of date is the user's: a deadline past the calendar's end is refused, not
   * printed wrapped */
  if (!rcv_date_add_days (&deadline, l->deadline_days, error))
    {
      g_prefix_error (error, _("The letters' payment deadline: "));
      return FALSE;
    }

  letter->level = level;
  letter->deadline = deadline;
  g_free (letter->title);
  letter->title = g_strdup (rcv_reminder_level_title (policy, level - 1));
  g_free (letter->body);
  letter->body = g_strdup (l->body[0] != '\0'
                             ? l->body
                             : rcv_dunning_default_body (level, policy->levels->len,
                                                         l->days_after_due,
                                                         letter->previous->len > 0));
  letter->fee = l->fee;
  letter->claims_interest = rcv_reminder_level_claims_interest (policy, level - 1);
  letter->claims_compensation = rcv_reminder_level_claims_compensation (policy, level - 1);
  letter->interest = letter->compensation = 0;
  for (guint i = 0; i < letter->items->len; i++)
    {
      RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);

      item->level = level;
      item->interest = letter->claims_interest ? item->interest_accrued : 0;
      item->compensation = letter->claims_compensation ? item->compensation_due : 0;
      letter->interest += item->interest;
      letter->compensation += item->compensation;
    }
  letter->total = letter->open + letter->interest + letter->compensation + letter->fee -
                  letter->credit;
  return TRUE;
}

/* Sends the letter at another level of its policy than the one the rules suggest (the
 * Reminders page's level, `letters --level`): its text, fee, deadline and claims become
 * that level's. FALSE when the level does not exist, or claims interest that cannot be
 * worked out. */
gboolean
rcv_dunning_letter_set_level (RcvDunningLetter *letter,
                              guint             level,
                              GError          **error)
{
  g_return_val_if_fail (letter != NULL && letter->policy != NULL, FALSE);

  if (level < 1 || level > letter->policy->levels->len)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("level: %s’s policy “%s” has levels 1 to %u"), letter->name,
                   letter->policy->name, letter->policy->levels->len);
      return FALSE;
    }
  return apply_level (letter, level, error);
}

/* Works out each item's interest and compensation as its policy gives them, claimed or
 * not: the letter's level decides what it claims. */
static void
accrue (RcvDunningLetter   *letter,
        const RcvPolicy    *policy,
        const RcvRateTable *rates,
        const RcvCurrency  *currency)
{
  for (guint i = 0; i < letter->items->len; i++)
    {
      RcvDunningItem *item = &g_array_index (letter->items, RcvDunningItem, i);
      g_autoptr(GError) local_error = NULL;
      GDate first = item->due_date;

      item->compensation_due = item->days_late >= 1
                                 ? rcv_policy_get_compensation (policy, item->total, currency)
                                 : 0;
      if (policy->interest_kind == RCV_INTEREST_NONE || letter->interest_problem != NULL)
        continue;
      /* interest runs from the day after the due date to the letter's date, also under a
       * payment plan */
      g_date_add_days (&first, 1);
      item->periods = rcv_rate_table_periods (rates, policy->interest_kind, policy->interest_bp,
                                              &first, &letter->date, &local_error);
      if (item->periods != NULL && !rcv_interest_on (item->open, item->periods,
                                                     &item->interest_accrued))
        g_set_error (&local_error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                     _("The interest on invoice %s is too large to compute"), item->number);
      if (local_error != NULL)
        letter->interest_problem = g_strdup (local_error->message);
    }
  letter->periods = letter_periods (letter->items);
}

static gint
compare_days (gconstpointer a,
              gconstpointer b)
{
  guint da = GPOINTER_TO_UINT (a), db = GPOINTER_TO_UINT (b);

  return da < db ? -1 : da > db;
}

/* Builds the customer's letter, or its covered entry, or neither when nothing is due. */
static gboolean
account_letter (RcvDatabase        *db,
                RcvDunningRun      *run,
                Account            *account,
                GHashTable         *policies,
                const RcvRateTable *rates,
                GError            **error)
{
  g_autoptr(RcvCustomer) customer = NULL;
  g_autoptr(GArray) items = NULL;
  g_autoptr(GHashTable) letter_days = NULL;
  g_autoptr(GList) days = NULL;
  RcvDunningLetter *letter;
  const RcvReminderLevel *next_level;
  char as_of_iso[RCV_ISO_DATE_LEN];
  guint32 as_of = g_date_get_julian (&run->as_of);
  RcvPolicy *policy;
  RcvSentLog log = { 0 };
  gboolean eligible = FALSE;
  guint top_sent = 0, next;
  gint64 open = 0;

  customer = rcv_ledger_get_customer (db, account->customer_id, error);
  if (customer == NULL)
    return FALSE;
  policy = policy_for (db, policies, customer->policy_id, error);
  if (policy == NULL)
    return FALSE;
  if (policy->levels->len == 0)
    return TRUE;

  rcv_date_to_iso (&run->as_of, as_of_iso);
  if (!rcv_sent_log_read (db, account->customer_id, account->items, as_of_iso, &log, error))
    {
      rcv_sent_log_clear (&log);
      return FALSE;
    }

  /* one above the highest level sent for any of its open invoices, at most the last */
  for (guint i = 0; i < account->items->len; i++)
    {
      RcvDunningItem *item = &g_array_index (account->items, RcvDunningItem, i);

      item->sent_level = log.levels != NULL
                           ? GPOINTER_TO_UINT (g_hash_table_lookup (log.levels, &item->invoice_id))
                           : 0;
      top_sent = MAX (top_sent, item->sent_level);
    }
  next = MIN (top_sent + 1, policy->levels->len);
  next_level = &g_array_index (policy->levels, RcvReminderLevel, next - 1);

  /* the invoices it is about: the overdue ones, and on a courtesy notice those that have
   * reached its days before their due date */
  g_array_sort (account->items, compare_items);
  items = items_new ();
  if (log.dates != NULL)
    letter_days = g_hash_table_new (g_direct_hash, g_direct_equal);
  for (guint i = 0; i < account->items->len; i++)
    {
      RcvDunningItem *item = &g_array_index (account->items, RcvDunningItem, i);
      GArray *sent_on;

      if (item->days_late < MIN (next_level->days_after_due, 1))
        continue;
      if (item->sent_level < next && item->days_late >= next_level->days_after_due)
        eligible = TRUE;
      open += item->open;
      sent_on = log.dates != NULL ? g_hash_table_lookup (log.dates, &item->invoice_id) : NULL;
      for (guint d = 0; sent_on != NULL && d < sent_on->len; d++)
        g_hash_table_add (letter_days, GUINT_TO_POINTER (g_array_index (sent_on, guint32, d)));
      g_array_append_val (items, *item);
      item->number = NULL;   /* moved */
    }
  if (!eligible ||
      (log.last_date != 0 && as_of - log.last_date < (guint32) policy->letter_interval_days))
    {
      rcv_sent_log_clear (&log);
      return TRUE;
    }

  if (account->credit >= open)
    {
      RcvDunningCovered *covered = g_new0 (RcvDunningCovered, 1);

      covered->customer_id = account->customer_id;
      covered->code = g_strdup (customer->code);
      covered->name = g_strdup (customer->name);
      covered->overdue = open;
      covered->credit = account->credit;
      g_ptr_array_add (run->covered, covered);
      rcv_sent_log_clear (&log);
      return TRUE;
    }

  if (policy->compensation == RCV_COMPENSATION_UK && !fill_totals (db, items, error))
    {
      rcv_sent_log_clear (&log);
      return FALSE;
    }

  letter = g_new0 (RcvDunningLetter, 1);
  g_ptr_array_add (run->letters, letter);
  letter->customer_id = customer->id;
  letter->code = g_strdup (customer->code);
  letter->name = g_strdup (customer->name);
  letter->address = g_strdup (customer->address);
  letter->email = g_strdup (customer->email);
  letter->policy_name = g_strdup (policy->name);
  letter->policy = policy;
  letter->date = run->as_of;
  letter->oldest_due = g_array_index (items, RcvDunningItem, 0).due_date;
  for (guint i = 1; i < items->len; i++)
    {
      const GDate *d = &g_array_index (items, RcvDunningItem, i).due_date;

      if (g_date_compare (d, &letter->oldest_due) < 0)
        letter->oldest_due = *d;
    }
  letter->suggested_level = next;
  letter->n_levels = policy->levels->len;
  letter->interest_kind = policy->interest_kind;
  letter->compensation_kind = policy->compensation;
  letter->credit = account->credit;
  letter->open = open;
  letter->last_letter_id = log.last_id;
  letter->previous = g_array_new (FALSE, FALSE, sizeof (GDate));
  days = letter_days != NULL ? g_list_sort (g_hash_table_get_keys (letter_days), compare_days)
                             : NULL;
  for (GList *l = days; l != NULL; l = l->next)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, GPOINTER_TO_UINT (l->data));
      g_array_append_val (letter->previous, date);
    }
  letter->items = g_steal_pointer (&items);
  rcv_sent_log_clear (&log);

  accrue (letter, policy, rates, rcv_database_get_currency (db));
  return apply_level (letter, next, error);
}

/* The earliest days after the due date of any policy's level: below 1, courtesy notices
 * make the run look at invoices not yet due. */
static gboolean
earliest_level_days (RcvDatabase *db,
                     gint        *days,
                     GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (db,
                                             "SELECT coalesce (min (days_after_due), 1)"
                                             " FROM reminder_levels",
                                             error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = rcv_statement_step (stmt);
  if (rc == RCV_ROW)
    *days = rcv_statement_column_int (stmt, 0);
  rcv_statement_reset (stmt);
  return rc == RCV_ROW || rcv_database_set_error (db, error);
}

static RcvDunningRun *
run_new (RcvDatabase   *db,
         const GDate   *as_of,
         gint64         customer_id,
         GCancellable  *cancellable,
         GError       **error)
{
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GHashTable) accounts = NULL;
  g_autoptr(RcvRateTable) rates = NULL;
  g_autoptr(GPtrArray) ordered = NULL;
  g_autoptr(RcvCollectionsExclusions) exclusions = NULL;
  GHashTableIter iter;
  gpointer value;
  Scan scan;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  run = g_new0 (RcvDunningRun, 1);
  run->as_of = *as_of;
  run->letters = g_ptr_array_new_with_free_func (letter_free);
  run->covered = g_ptr_array_new_with_free_func (covered_free);

  exclusions = rcv_collections_exclusions_new (db, as_of, error);
  if (exclusions == NULL)
    return NULL;
  accounts = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, account_free);
  scan.exclusions = exclusions;
  scan.customer_id = customer_id;
  scan.as_of_julian = g_date_get_julian (as_of);
  scan.accounts = accounts;
  if (!earliest_level_days (db, &scan.min_days, error))
    return NULL;
  if (!rcv_aging_scan_open (db, as_of, TRUE, add_open_document, &scan, error))
    return NULL;

  ordered = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, accounts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Account *) value)->items->len > 0)
      g_ptr_array_add (ordered, value);
  g_ptr_array_sort (ordered, compare_accounts);

  run->policies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                         (GDestroyNotify) rcv_policy_free);
  rates = rcv_rate_table_new (db, error);
  if (rates == NULL)
    return NULL;
  for (guint i = 0; i < ordered->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!account_letter (db, run, g_ptr_array_index (ordered, i), run->policies, rates, error))
        return NULL;
    }
  return g_steal_pointer (&run);
}

/* The letters due as of a date, for one customer (customer_id) or all (0), read in one
 * snapshot of the file. Blocking: a million invoices take about a second, so the window
 * calls rcv_dunning_run_new_async(). */
RcvDunningRun *
rcv_dunning_run_new (RcvDatabase   *db,
                     const GDate   *as_of,
                     gint64         customer_id,
                     GCancellable  *cancellable,
                     GError       **error)
{
  RcvDunningRun *run;
  gboolean started;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  if (!rcv_database_begin_read (db, &started, error))
    return NULL;
  run = run_new (db, as_of, customer_id, cancellable, error);
  rcv_database_end_read (db, started);
  return run;
}

static gpointer
run_in_thread (RcvDatabase   *connection,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return rcv_dunning_run_new (connection, data, 0, cancellable, error);
}

void
rcv_dunning_run_new_async (RcvDatabase         *db,
                           const GDate         *as_of,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (RCV_IS_DATABASE (db));
  g_return_if_fail (as_of != NULL && g_date_valid (as_of));

  rcv_database_task_run (db, RCV_DATABASE_FLAGS_READ_ONLY, run_in_thread,
                         g_memdup2 (as_of, sizeof (GDate)), g_free,
                         (GDestroyNotify) rcv_dunning_run_free, rcv_dunning_run_new_async,
                         cancellable, callback, user_data);
}

RcvDunningRun *
rcv_dunning_run_new_finish (RcvDatabase   *db,
                            GAsyncResult  *result,
                            GError       **error)
{
  return rcv_database_task_finish (db, result, rcv_dunning_run_new_async, error);
}
