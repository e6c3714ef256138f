/* rcv-policy.c - the credit policy record: its reminder levels, its checks, its interest
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A policy is what a bookkeeper sets once and the app applies everywhere: the terms that give
 * an invoice its due date, the credit limit and the hold that invoice entry checks, the
 * reminder levels and interest that dunning applies, the alert thresholds, the hand-over to an
 * agency. Every company has exactly one default policy; a customer without a policy of its
 * own follows it. Every write is one transaction with its audit row.
 *
 * Here the record itself; rcv-policy-store.c reads and writes it, rcv-credit.c applies it to
 * a customer about to be invoiced, and exchange/rcv-policy-file.c reads and writes policy
 * files.
 */
#define G_LOG_DOMAIN "rcv-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-ledger-private.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-policy-private.h"
#include "rcv-rates-private.h"
#include "rcv-text.h"

static const char *const placeholders[] = {
  "customer", "company", "contact", "date", "level", "total", "open", "interest", "fees",
  "oldest_due", "deadline", "reference", "previous", NULL,
};

G_DEFINE_BOXED_TYPE (RcvPolicy, rcv_policy, rcv_policy_copy, rcv_policy_free)

static void
level_clear (gpointer data)
{
  RcvReminderLevel *level = data;

  g_free (level->title);
  g_free (level->body);
}

/* An empty policy: no name, no levels, every number 0 */
RcvPolicy *
rcv_policy_alloc (void)
{
  RcvPolicy *policy = g_new0 (RcvPolicy, 1);

  policy->levels = g_array_new (FALSE, TRUE, sizeof (RcvReminderLevel));
  g_array_set_clear_func (policy->levels, level_clear);
  return policy;
}

/* A new policy as DESIGN.md's default one: 30 days, three reminders at 7, 21 and 45 days
 * with their built-in titles and texts, 14 days between letters, alerts at 60 and 90, hold
 * and hand-over at 90, no fees, no interest, no limit. */
RcvPolicy *
rcv_policy_new (void)
{
  RcvPolicy *policy = rcv_policy_alloc ();

  policy->name = g_strdup ("");
  policy->terms_days = RCV_DEFAULT_TERMS_DAYS;
  policy->credit_limit = -1;
  policy->alert_days_first = 60;
  policy->alert_days_second = 90;
  policy->hold_days = 90;
  policy->agency_days = 90;
  policy->letter_interval_days = RCV_DEFAULT_LETTER_INTERVAL_DAYS;
  /* the first reminder is friendly: it claims neither interest nor compensation */
  for (guint i = 0; i < 3; i++)
    {
      static const gint days[] = { 7, 21, 45 };
      RcvReminderLevel *level = rcv_policy_add_level (policy, days[i], "", "", 0);

      level->claims_interest = level->claims_compensation = i == 0 ? RCV_CLAIM_NO : RCV_CLAIM_YES;
    }
  return policy;
}

RcvPolicy *
rcv_policy_copy (const RcvPolicy *policy)
{
  RcvPolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = rcv_policy_alloc ();
  *copy = (RcvPolicy) { .levels = copy->levels };
  copy->id = policy->id;
  copy->name = g_strdup (policy->name);
  copy->is_default = policy->is_default;
  copy->terms_days = policy->terms_days;
  copy->discount_days = policy->discount_days;
  copy->discount_bp = policy->discount_bp;
  copy->credit_limit = policy->credit_limit;
  copy->interest_kind = policy->interest_kind;
  copy->interest_bp = policy->interest_bp;
  copy->compensation = policy->compensation;
  copy->alert_days_first = policy->alert_days_first;
  copy->alert_days_second = policy->alert_days_second;
  copy->hold_days = policy->hold_days;
  copy->agency_days = policy->agency_days;
  copy->letter_interval_days = policy->letter_interval_days;
  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *level = &g_array_index (policy->levels, RcvReminderLevel, i);
      RcvReminderLevel *to = rcv_policy_add_level (copy, level->days_after_due, level->title,
                                                   level->body, level->fee);

      to->claims_interest = level->claims_interest;
      to->claims_compensation = level->claims_compensation;
      to->deadline_days = level->deadline_days;
    }
  return copy;
}

void
rcv_policy_free (RcvPolicy *policy)
{
  if (policy == NULL)
    return;
  g_free (policy->name);
  g_array_unref (policy->levels);
  g_free (policy);
}

/* Appends a level that claims what the policy sets and gives 10 days to pay; the pointer
 * it returns is good until the levels change again. */
RcvReminderLevel *
rcv_policy_add_level (RcvPolicy  *policy,
                      gint        days_after_due,
                      const char *title,
                      const char *body,
                      gint64      fee)
{
  RcvReminderLevel level = {
    days_after_due, g_strdup (title != NULL ? title : ""), g_strdup (body != NULL ? body : ""), fee,
    RCV_CLAIM_AS_POLICY, RCV_CLAIM_AS_POLICY, RCV_DEFAULT_DEADLINE_DAYS,
  };

  g_return_val_if_fail (policy != NULL, NULL);
  g_array_append_val (policy->levels, level);
  return &g_array_index (policy->levels, RcvReminderLevel, policy->levels->len - 1);
}

/* The built-in title of a level by its place (from 0) among n: a courtesy notice before the
 * due date; the first, second and third reminder; the last of three or more, the final
 * notice. Translated: it is shown in the app's language until the user gives a title. */
const char *
rcv_reminder_level_default_title (guint index,
                                  guint n_levels,
                                  gint  days_after_due)
{
  if (days_after_due < 1)
    return _("Payment due soon");
  if (n_levels >= 3 && index + 1 == n_levels)
    return _("Final notice");
  switch (index)
    {
    case 0:
      return _("Payment reminder");
    case 1:
      return _("Second reminder");
    case 2:
      return _("Third reminder");
    default:
      return _("Further reminder");
    }
}

/* The title a level's letters carry: the user's, else the built-in one. */
const char *
rcv_reminder_level_title (const RcvPolicy *policy,
                          guint            index)
{
  const RcvReminderLevel *level;

  g_return_val_if_fail (policy != NULL && index < policy->levels->len, "");

  level = &g_array_index (policy->levels, RcvReminderLevel, index);
  if (level->title[0] != '\0')
    return level->title;
  return rcv_reminder_level_default_title (index, policy->levels->len, level->days_after_due);
}

static gboolean
claims (RcvClaim claim,
        gboolean as_policy)
{
  return claim == RCV_CLAIM_AS_POLICY ? as_policy : claim == RCV_CLAIM_YES;
}

/* Whether a level's letters claim the policy's interest: its own choice, else (a level from
 * before version 8) whether the policy charges interest. */
gboolean
rcv_reminder_level_claims_interest (const RcvPolicy *policy,
                                    guint            index)
{
  g_return_val_if_fail (policy != NULL && index < policy->levels->len, FALSE);

  return policy->interest_kind != RCV_INTEREST_NONE &&
         claims (g_array_index (policy->levels, RcvReminderLevel, index).claims_interest, TRUE);
}

gboolean
rcv_reminder_level_claims_compensation (const RcvPolicy *policy,
                                        guint            index)
{
  g_return_val_if_fail (policy != NULL && index < policy->levels->len, FALSE);

  return policy->compensation != RCV_COMPENSATION_NONE &&
         claims (g_array_index (policy->levels, RcvReminderLevel, index).claims_compensation,
                 TRUE);
}

void
rcv_policy_remove_level (RcvPolicy *policy,
                         guint      index)
{
  g_return_if_fail (policy != NULL && index < policy->levels->len);
  g_array_remove_index (policy->levels, index);
}

/* Moves a level to another place; the levels are numbered by their order. */
void
rcv_policy_move_level (RcvPolicy *policy,
                       guint      from,
                       guint      to)
{
  RcvReminderLevel level;

  g_return_if_fail (policy != NULL && from < policy->levels->len && to < policy->levels->len);

  if (from == to)
    return;
  level = g_array_index (policy->levels, RcvReminderLevel, from);
  /* take it out without clearing it */
  memmove (&g_array_index (policy->levels, RcvReminderLevel, from),
           &g_array_index (policy->levels, RcvReminderLevel, from + 1),
           (policy->levels->len - from - 1) * sizeof (RcvReminderLevel));
  memmove (&g_array_index (policy->levels, RcvReminderLevel, to + 1),
           &g_array_index (policy->levels, RcvReminderLevel, to),
           (policy->levels->len - to - 1) * sizeof (RcvReminderLevel));
  g_array_index (policy->levels, RcvReminderLevel, to) = level;
}

/* The placeholders a letter's text may use, as {name}: the letters fill them in. */
const char *const *
rcv_letter_placeholders (void)
{
  return placeholders;
}

static gboolean
check_placeholders (const char  *body,
                    GError     **error)
{
  for (const char *p = body; *p != '\0'; p++)
    {
      const char *close;
      g_autofree char *name = NULL;

      if (*p == '}' && p[1] == '}')
        {
          p++;
          continue;
        }
      if (*p != '{')
        continue;
      if (p[1] == '{')
        {
          p++;   /* “{{” is a brace */
          continue;
        }
      close = strchr (p, '}');
      if (close == NULL)
        {
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                               _("a “{” is not closed by “}” (write “{{” for a brace)"));
          return FALSE;
        }
      name = g_strndup (p + 1, (gsize) (close - p - 1));
      if (!g_strv_contains (placeholders, name))
        {
          g_autofree char *known = g_strjoinv ("}, {", (char **) placeholders);

          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                       _("{%s} is not a placeholder; the letter knows {%s}"), name, known);
          return FALSE;
        }
      p = close;
    }
  return TRUE;
}

static gboolean
check_days (gint         value,
            gint         min,
            const char  *name,
            const char **field,
            GError     **error)
{
  if (value >= min && value <= RCV_MAX_POLICY_DAYS)
    return TRUE;
  *field = name;
  g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
               _("must be between %d and %d days"), min, RCV_MAX_POLICY_DAYS);
  return FALSE;
}

/* Every rule a policy must follow. On failure, `field` names the field as the JSON format and
 * the editor know it, and `level` the reminder level it belongs to (from 0; -1 for none). */
gboolean
rcv_policy_validate (const RcvPolicy  *policy,
                     const char      **field,
                     gint             *level,
                     GError          **error)
{
  const char *unused_field;
  gint unused_level;
  gint previous_days = G_MININT;

  g_return_val_if_fail (policy != NULL, FALSE);

  if (field == NULL)
    field = &unused_field;
  if (level == NULL)
    level = &unused_level;
  *level = -1;

  if (!rcv_ledger_check_text (policy->name, TRUE, RCV_MAX_POLICY_NAME, "name", field, error) ||
      !check_days (policy->terms_days, 0, "terms_days", field, error) ||
      !check_days (policy->discount_days, 0, "discount_days", field, error))
    return FALSE;
  if (policy->discount_bp < 0 || policy->discount_bp >= 10000)
    {
      g_autofree char *all = rcv_percent_format (10000);

      *field = "discount_percent";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be at least 0 and less than %s"), all);
      return FALSE;
    }
  if ((policy->discount_bp > 0) != (policy->discount_days > 0))
    {
      *field = policy->discount_bp > 0 ? "discount_days" : "discount_percent";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID,
                           policy->discount_bp > 0
                             ? _("a discount needs the days within which it applies")
                             : _("discount days need a discount"));
      return FALSE;
    }
  if (policy->discount_days > 0 && policy->discount_days >= policy->terms_days)
    {
      *field = "discount_days";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be fewer than the payment terms (%d days)"), policy->terms_days);
      return FALSE;
    }
  if (policy->credit_limit < -1 || policy->credit_limit > RCV_MONEY_MAX)
    {
      *field = "credit_limit";
      g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                           _("must not be negative"));
      return FALSE;
    }

  if (policy->levels->len > RCV_MAX_REMINDER_LEVELS)
    {
      *field = "reminder_levels";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("at most %d reminder levels"), RCV_MAX_REMINDER_LEVELS);
      return FALSE;
    }
  for (guint i = 0; i < policy->levels->len; i++)
    {
      const RcvReminderLevel *l = &g_array_index (policy->levels, RcvReminderLevel, i);

      *level = (gint) i;
      if (!check_days (l->days_after_due, RCV_MIN_LEVEL_DAYS, "days_after_due", field, error) ||
          !rcv_ledger_check_text (l->title, FALSE, 200, "title", field, error) ||
          !rcv_ledger_check_text (l->body, FALSE, RCV_MAX_TEXT_LENGTH, "text", field, error))
        return FALSE;
      if (l->deadline_days < 1 || l->deadline_days > 365)
        {
          *field = "deadline_days";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("must be between %d and %d days"), 1, 365);
          return FALSE;
        }
      if (l->days_after_due <= previous_days)
        {
          *field = "days_after_due";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("must be later than the level before (%d days)"), previous_days);
          return FALSE;
        }
      if (!check_placeholders (l->body, error))
        {
          *field = "text";
          return FALSE;
        }
      if (l->fee < 0 || l->fee > RCV_MONEY_MAX)
        {
          *field = "fee";
          g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                               _("must not be negative"));
          return FALSE;
        }
      previous_days = l->days_after_due;
    }
  *level = -1;

  if (policy->interest_kind == RCV_INTEREST_FIXED &&
      (policy->interest_bp <= 0 || policy->interest_bp > 10000))
    {
      g_autofree char *all = rcv_percent_format (10000);

      *field = "interest_rate_percent";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("a fixed rate must be more than 0 and at most %s"), all);
      return FALSE;
    }
  if (!check_days (policy->letter_interval_days, 0, "days_between_letters", field, error) ||
      !check_days (policy->alert_days_first, 1, "alert_days_first", field, error) ||
      !check_days (policy->alert_days_second, 1, "alert_days_second", field, error))
    return FALSE;
  if (policy->alert_days_second <= policy->alert_days_first)
    {
      *field = "alert_days_second";
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                   _("must be later than the first alert (%d days)"), policy->alert_days_first);
      return FALSE;
    }
  if (policy->hold_days != -1 &&
      !check_days (policy->hold_days, 1, "hold_after_days", field, error))
    return FALSE;
  if (policy->agency_days != -1)
    {
      if (!check_days (policy->agency_days, 1, "agency_after_days", field, error))
        return FALSE;
      if (previous_days != G_MININT && policy->agency_days <= previous_days)
        {
          *field = "agency_after_days";
          g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_RANGE,
                       _("must be later than the last reminder (%d days), which is the "
                         "customer’s last chance"), previous_days);
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- interest ------------------------------------------------------------------------ */

/* The annual late-payment interest rate the policy charges for interest that starts on a
 * day: none, its fixed rate, or its regime's reference rate for that day's half-year plus
 * the regime's points (rcv-rates.c). An error when the reference rate is unknown: interest
 * is never guessed. */
gboolean
rcv_policy_get_interest_rate (RcvDatabase     *db,
                              const RcvPolicy *policy,
                              const GDate     *date,
                              gint            *rate_bp,
                              GError         **error)
{
  const RcvStatutoryRegime *regime;
  RcvReferenceRate rate;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (policy != NULL && date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (rate_bp != NULL, FALSE);

  *rate_bp = 0;
  if (policy->interest_kind == RCV_INTEREST_NONE)
    return TRUE;
  if (policy->interest_kind == RCV_INTEREST_FIXED)
    {
      *rate_bp = policy->interest_bp;
      return TRUE;
    }
  regime = rcv_statutory_regime (policy->interest_kind);
  if (!rcv_reference_rate_lookup (db, regime->series, g_date_get_year (date),
                                  g_date_get_month (date) <= 6 ? 1 : 2, &rate, error))
    return FALSE;
  *rate_bp = rate.rate_bp + regime->margin_bp;
  return TRUE;
}

/* The fixed compensation the policy claims for one late invoice (rcv_compensation_amount). */
gint64
rcv_policy_get_compensation (const RcvPolicy   *policy,
                             gint64             invoice_total,
                             const RcvCurrency *currency)
{
  g_return_val_if_fail (policy != NULL, 0);

  return rcv_compensation_amount (policy->compensation, invoice_total, currency);
}
