/* rcv-bank-apply.c - a bank statement's matches written to the company file
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rcv_bank_apply () writes the whole statement in one transaction: every entry not a
 * duplicate into bank_entries (with `record_auto`, the auto ones applied as payments, "Bank
 * transfer", the bank's reference as theirs, the payer's IBAN learned for the customer; the
 * skipped ones marked so; the rest pending for the window), or nothing at all. An entry that
 * another program imported between the match (rcv-bank-match.c) and this write is found inside
 * the transaction and becomes a duplicate.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-bank-match.h"
#include "rcv-bank-statement-private.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-ledger-private.h"

static gboolean
insert_entry (RcvDatabase            *db,
              const RcvBankStatement *statement,
              const RcvBankMatch     *match,
              gint64                  payment_id,
              GError                **error)
{
  const RcvBankEntry *entry = match->entry;
  g_autoptr(GString) invoices = g_string_new (NULL);
  char date[RCV_ISO_DATE_LEN];
  RcvStatement *stmt;

  for (guint i = 0; match->invoice_numbers != NULL && i < match->invoice_numbers->len; i++)
    g_string_append_printf (invoices, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (match->invoice_numbers, i));
  rcv_date_to_iso (&entry->booking_date, date);
  stmt = rcv_database_prepare (db,
                               "INSERT INTO bank_entries (account, entry_key, booking_date,"
                               " amount, credit, payer_name, payer_iban, remittance, decision,"
                               " reason, customer_id, invoices, status, payment_id)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                               " ?14)", error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, statement->account != NULL ? statement->account : "");
  rcv_statement_bind_text (stmt, 2, match->entry_key);
  rcv_statement_bind_text (stmt, 3, date);
  rcv_statement_bind_int64 (stmt, 4, entry->amount);
  rcv_statement_bind_int64 (stmt, 5, entry->credit ? 1 : 0);
  rcv_statement_bind_text (stmt, 6, entry->payer_name != NULL ? entry->payer_name : "");
  rcv_statement_bind_text (stmt, 7, entry->payer_iban != NULL ? entry->payer_iban : "");
  rcv_statement_bind_text (stmt, 8, entry->remittance);
  rcv_statement_bind_text (stmt, 9, rcv_bank_decision_nick (match->decision));
  rcv_statement_bind_text (stmt, 10, match->reason);
  if (match->customer_id > 0)
    rcv_statement_bind_int64 (stmt, 11, match->customer_id);
  else
    rcv_statement_bind_null (stmt, 11);
  rcv_statement_bind_text (stmt, 12, invoices->str);
  rcv_statement_bind_text (stmt, 13, payment_id > 0 ? "applied"
                                     : match->decision == RCV_BANK_SKIP ? "skipped" : "pending");
  if (payment_id > 0)
    rcv_statement_bind_int64 (stmt, 14, payment_id);
  else
    rcv_statement_bind_null (stmt, 14);
  return rcv_database_step_done (db, stmt, error);
}

static gboolean
entry_known (RcvDatabase            *db,
             const RcvBankStatement *statement,
             const RcvBankMatch     *match,
             gboolean               *known,
             GError                **error)
{
  RcvStatement *stmt = rcv_database_prepare (db, "SELECT 1 FROM bank_entries WHERE account = ?1"
                                                 " AND entry_key = ?2", error);

  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, statement->account != NULL ? statement->account : "");
  rcv_statement_bind_text (stmt, 2, match->entry_key);
  *known = rcv_statement_step (stmt) == RCV_ROW;
  rcv_statement_reset (stmt);
  return TRUE;
}

static gboolean
apply_all (RcvDatabase            *db,
           const RcvBankStatement *statement,
           GPtrArray              *matches,
           gboolean                record_auto,
           guint                  *n_recorded,
           GError                **error)
{
  for (guint i = 0; i < matches->len; i++)
    {
      RcvBankMatch *match = g_ptr_array_index (matches, i);
      gint64 payment_id = 0;
      gboolean known = FALSE;

      if (match->decision == RCV_BANK_DUPLICATE)
        continue;
      /* matched before this transaction: another program (a second window, the command) may
       * have imported the same statement since; inside it the file's word is the last */
      if (!entry_known (db, statement, match, &known, error))
        return FALSE;
      if (known)
        {
          match->decision = RCV_BANK_DUPLICATE;
          g_free (match->reason);
          match->reason = g_strdup (_("this bank entry was imported meanwhile, by another "
                                      "program"));
          match->allocated = match->unapplied = 0;
          continue;
        }
      if (match->decision == RCV_BANK_AUTO && record_auto)
        {
          g_autoptr(RcvPayment) payment = rcv_payment_new ();

          payment->customer_id = match->customer_id;
          payment->date = match->entry->booking_date;
          payment->amount = match->entry->amount;
          payment->method = g_strdup (_("Bank transfer"));
          payment->reference = g_strdup (match->entry->entry_ref != NULL
                                           ? match->entry->entry_ref
                                           : match->entry->end_to_end != NULL
                                               ? match->entry->end_to_end : "");
          if (!rcv_ledger_write_payment (db, payment,
                                         (const RcvAllocationRequest *) match->allocations->data,
                                         match->allocations->len, FALSE, error))
            {
              g_prefix_error (error, "%s: ", match->entry->where);
              return FALSE;
            }
          payment_id = payment->id;
          if (!rcv_bank_learn_iban (db, match->entry->payer_iban, match->customer_id, error))
            return FALSE;
          (*n_recorded)++;
        }
      if (!insert_entry (db, statement, match, payment_id, error))
        return FALSE;
    }
  return rcv_collections_charge_commission (db, error);
}

/* Writes the statement: every entry not a duplicate into the company file's bank entries and,
 * with `record_auto`, the auto matches as payments (otherwise they wait, decided, for
 * rcv_bank_apply_pending ()); all in one transaction, or nothing. */
gboolean
rcv_bank_apply (RcvDatabase            *db,
                const RcvBankStatement *statement,
                GPtrArray              *matches,
                gboolean                record_auto,
                guint                  *n_recorded,
                GError                **error)
{
  guint recorded = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (statement != NULL && matches != NULL, FALSE);

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!apply_all (db, statement, matches, record_auto, &recorded, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  if (n_recorded != NULL)
    *n_recorded = recorded;
  return TRUE;
}
