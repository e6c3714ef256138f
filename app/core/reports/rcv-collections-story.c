/* rcv-collections-story.c - an account's story: contacts, promises, plans, letters, payments, disputes, hand-over
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "rcv-collections"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-collections-report.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-ledger.h"
#include "rcv-money.h"
#include "rcv-policy.h"

/* ---- The account's story ---- */

void
rcv_collections_event_free (RcvCollectionsEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->detail);
  g_free (event);
}

#define TIMELINE_SQL \
  "SELECT 0, date, id, 0, 0, kind, notes, NULL FROM contacts WHERE customer_id = ?1" \
  " UNION ALL SELECT 1, made_on, id, amount," \
  "  coalesce ((SELECT sum (p.amount) FROM payments p WHERE p.customer_id = ?1" \
  "   AND p.date >= pr.made_on AND p.date <= pr.due_date), 0), due_date, notes, NULL" \
  "  FROM promises pr WHERE customer_id = ?1" \
  " UNION ALL SELECT 2, created_on, id," \
  "  (SELECT sum (amount) FROM plan_instalments WHERE plan_id = pl.id)," \
  "  (SELECT count (*) FROM plan_instalments WHERE plan_id = pl.id), ended_on," \
  "  (SELECT max (due_date) FROM plan_instalments WHERE plan_id = pl.id), NULL" \
  "  FROM payment_plans pl WHERE customer_id = ?1" \
  " UNION ALL SELECT 3, date, id, total, level, title, NULL, NULL FROM letters" \
  "  WHERE customer_id = ?1" \
  " UNION ALL SELECT 4, date, id, amount, commission, reference, method, NULL FROM payments" \
  "  WHERE customer_id = ?1" \
  " UNION ALL SELECT 5, d.opened_on, d.id, i.total, 0, i.number, d.reason, d.notes" \
  "  FROM disputes d JOIN invoices i ON i.id = d.invoice_id WHERE i.customer_id = ?1" \
  " UNION ALL SELECT 6, d.resolved_on, d.id, i.total, 0, i.number, d.reason, NULL" \
  "  FROM disputes d JOIN invoices i ON i.id = d.invoice_id" \
  "  WHERE i.customer_id = ?1 AND d.resolved_on IS NOT NULL" \
  " UNION ALL SELECT 7, handed_over_on, customer_id, 0, commission_bp, agency, NULL, NULL" \
  "  FROM collection_accounts WHERE customer_id = ?1 AND agency IS NOT NULL" \
  " ORDER BY 2 DESC, 1 DESC, 3 DESC LIMIT ?2"

static const char *
contact_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "call") == 0)
    return C_("contact", "Call");
  if (g_strcmp0 (kind, "email") == 0)
    return C_("contact", "Email");
  if (g_strcmp0 (kind, "letter") == 0)
    return C_("contact", "Letter");
  if (g_strcmp0 (kind, "visit") == 0)
    return C_("contact", "Visit");
  return C_("contact", "Note");
}

static RcvCollectionsEvent *
event_from_row (RcvStatement *row,
                const RcvCurrency *currency,
                const char        *as_of)
{
  RcvCollectionsEvent *event = g_new0 (RcvCollectionsEvent, 1);
  gint64 extra = rcv_statement_column_int64 (row, 4);
  const char *t1 = rcv_statement_column_text (row, 5);
  const char *t2 = rcv_statement_column_text (row, 6);
  const char *t3 = rcv_statement_column_text (row, 7);
  g_autofree char *amount = NULL;
  RcvDisputeReason reason = RCV_DISPUTE_OTHER;

  event->kind = (RcvEventKind) rcv_statement_column_int (row, 0);
  g_date_clear (&event->date, 1);
  g_date_set_julian (&event->date, rcv_iso_to_julian (rcv_statement_column_text (row, 1)));
  event->id = rcv_statement_column_int64 (row, 2);
  event->amount = rcv_statement_column_int64 (row, 3);
  amount = rcv_money_format (event->amount, currency);
  switch (event->kind)
    {
    case RCV_EVENT_CONTACT:
      event->title = g_strdup (contact_kind_label (t1));
      event->detail = g_strdup (t2);
      break;
    case RCV_EVENT_PROMISE:
      {
        GDate due;
        g_autofree char *shown = NULL;

        g_date_clear (&due, 1);
        g_date_set_julian (&due, rcv_iso_to_julian (t1));
        shown = rcv_date_format_locale (&due);
        event->flagged = g_strcmp0 (t1, as_of) < 0 && extra < event->amount;
        /* Translators: a promise to pay: the amount, and the date it was promised by */
        event->title = g_strdup_printf (_("Promised %s by %s"), amount, shown);
        event->detail = g_strdup (event->flagged ? _("Broken: not paid in full by its date")
                                                 : t2);
      }
      break;
    case RCV_EVENT_PLAN:
      event->title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Payment plan: %s in %u instalment",
                                                   "Payment plan: %s in %u instalments",
                                                   (gulong) extra),
                                      amount, (guint) extra);
      if (*t1 != '\0')
        {
          GDate ended;
          g_autofree char *shown = NULL;

          g_date_clear (&ended, 1);
          g_date_set_julian (&ended, rcv_iso_to_julian (t1));
          shown = rcv_date_format_locale (&ended);
          event->detail = g_strdup_printf (_("Ended on %s"), shown);
        }
      else
        event->detail = g_strdup ("");
      break;
    case RCV_EVENT_LETTER:
      /* Translators: a reminder letter sent: its level and its title */
      event->title = g_strdup_printf (_("Reminder %u: %s"), (guint) extra, t1);
      event->detail = g_strdup_printf (_("Asked for %s"), amount);
      break;
    case RCV_EVENT_PAYMENT:
      event->title = g_strdup_printf (_("Paid %s"), amount);
      if (extra > 0)
        {
          g_autofree char *commission = rcv_money_format (extra, currency);
          g_autofree char *net = rcv_money_format (event->amount - extra, currency);

          /* Translators: a payment through a collection agency */
          event->detail = g_strdup_printf (_("Through the agency: %s commission, %s received"),
                                           commission, net);
        }
      else
        event->detail = g_strdup (t1);
      break;
    case RCV_EVENT_DISPUTE:
      reason = rcv_enum_from_nick_or (RCV_TYPE_DISPUTE_REASON, t2, reason);
      /* Translators: an invoice number and why it is disputed */
      event->title = g_strdup_printf (_("Invoice %s disputed: %s"), t1,
                                      rcv_dispute_reason_label (reason));
      event->detail = g_strdup (t3);
      break;
    case RCV_EVENT_DISPUTE_RESOLVED:
      event->title = g_strdup_printf (_("Dispute on invoice %s resolved"), t1);
      event->detail = g_strdup ("");
      break;
    case RCV_EVENT_HAND_OVER:
    default:
      {
        g_autofree char *commission = rcv_percent_format ((gint) extra);

        event->title = g_strdup_printf (_("Handed over to %s"), t1);
        event->detail = g_strdup_printf (_("Commission %s"), commission);
      }
      break;
    }
  return event;
}

GPtrArray *
rcv_collections_timeline (RcvDatabase  *db,
                          gint64        customer_id,
                          const GDate  *as_of,
                          guint         limit,
                          GError      **error)
{
  g_autoptr(GPtrArray) events = NULL;
  char iso[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;
  int rc;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (as_of != NULL && g_date_valid (as_of), NULL);

  rcv_date_to_iso (as_of, iso);
  stmt = rcv_database_prepare (db, TIMELINE_SQL, error);
  if (stmt == NULL)
    return NULL;
  rcv_statement_bind_int64 (stmt, 1, customer_id);
  rcv_statement_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_collections_event_free);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_ptr_array_add (events, event_from_row (stmt, rcv_database_get_currency (db), iso));
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}
