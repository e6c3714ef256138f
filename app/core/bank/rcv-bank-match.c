/* rcv-bank-match.c - the receipts of a bank statement matched to invoices, and applied
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry is decided by the most certain rule that fits, and says why:
 *   1. duplicate: the account's entry with this key (the bank's reference, or its date,
 *      amount and text where the bank gives none) was imported before, or stands twice;
 *   2. skip: a debit, a reversal, or not booked yet;
 *   3. auto, by a valid RF reference (ISO 11649; a wrong check digit is no reference) in the
 *      structured reference, the remittance text or the end-to-end ID naming open invoices;
 *   4. auto, by invoice numbers found in the remittance text or the end-to-end ID, all of one
 *      customer: one payment across them, oldest due date first, each up to its open amount;
 *      numbers of several customers are a suggestion;
 *   5. by the payer's IBAN known for one customer: auto with an exact open amount of one of
 *      its invoices, or the exact sum of its oldest open invoices; a suggestion otherwise,
 *      and when two invoices fit equally;
 *   6. suggest, by the payer's name close to one customer's (and no other as close);
 *   7. none.
 * An auto match never takes more than an invoice's open amount, counting the receipts matched
 * before it in the same statement; the rest stays unapplied on the customer. The company is
 * read once per statement: its open invoices by number and by customer, the IBANs, the
 * customers' names by word, the account's entries imported before.

 *
 * rcv_bank_apply () (rcv-bank-apply.c) writes what is decided here.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-bank-match.h"
#include "rcv-bank-statement-private.h"
#include "rcv-collections.h"
#include "rcv-database-private.h"
#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-ledger-private.h"
#include "rcv-reference.h"
#include "rcv-text-match.h"

typedef struct
{
  gint64 id;
  gint64 customer_id;
  char *number;
  gint64 open;           /* as the statement's earlier receipts leave it */
  guint32 due_julian;
} OpenInvoice;

typedef struct
{
  RcvDatabase *db;
  const RcvCurrency *currency;
  GPtrArray *invoices;        /* OpenInvoice, owned */
  GHashTable *by_key;         /* number's letters and digits, upper case → OpenInvoice */
  GHashTable *by_number;      /* number, upper case → OpenInvoice */
  GHashTable *by_id;          /* gint64 → OpenInvoice */
  GHashTable *by_customer;    /* gint64 → GPtrArray of OpenInvoice, oldest due date first */
  GHashTable *ibans;          /* IBAN → customer ID (gint64 *) */
  GHashTable *names;          /* customer ID → its name's words (GStrv, folded) */
  GHashTable *words;          /* a word → GArray of customer IDs */
  GHashTable *customer_names; /* customer ID → name */
  GHashTable *imported;       /* the account's entry keys imported before, and this file's */
} Matcher;

static void
open_invoice_free (gpointer data)
{
  OpenInvoice *invoice = data;

  g_free (invoice->number);
  g_free (invoice);
}

static char *
number_key (const char *number)
{
  GString *key = g_string_new (NULL);

  for (const char *p = number; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (key, g_ascii_toupper (*p));
  return g_string_free (key, FALSE);
}

static int
by_due_date (gconstpointer a,
             gconstpointer b)
{
  const OpenInvoice *x = *(OpenInvoice **) a, *y = *(OpenInvoice **) b;

  if (x->due_julian != y->due_julian)
    return x->due_julian < y->due_julian ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* words that say what kind of company, not which */
static gboolean
is_legal_form (const char *word)
{
  static const char *const forms[] = { "gmbh", "ltd", "limited", "sarl", "sa", "sas", "ag",
                                       "kg", "co", "und", "and", "et", "the", "inc", "llc",
                                       "bv", "nv", "eurl", "ug", "ohg", "plc", "mbh", "e", "k",
                                       NULL };

  return g_strv_contains (forms, word);
}

/* A name's words: folded (accents and case aside), legal forms and one-letter words out. */
static GStrv
name_words (const char *name)
{
  g_autofree char *folded = rcv_text_match_fold (name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GString *word = g_string_new (NULL);

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }
      if (word->len > 1 && !is_legal_form (word->str))
        g_strv_builder_add (builder, word->str);
      g_string_truncate (word, 0);
      if (c == 0)
        break;
    }
  g_string_free (word, TRUE);
  return g_strv_builder_end (builder);
}

static void
matcher_clear (Matcher *m)
{
  g_clear_pointer (&m->by_key, g_hash_table_unref);
  g_clear_pointer (&m->by_number, g_hash_table_unref);
  g_clear_pointer (&m->by_id, g_hash_table_unref);
  g_clear_pointer (&m->by_customer, g_hash_table_unref);
  g_clear_pointer (&m->ibans, g_hash_table_unref);
  g_clear_pointer (&m->names, g_hash_table_unref);
  g_clear_pointer (&m->words, g_hash_table_unref);
  g_clear_pointer (&m->customer_names, g_hash_table_unref);
  g_clear_pointer (&m->imported, g_hash_table_unref);
  g_clear_pointer (&m->invoices, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Matcher, matcher_clear)

static gboolean
load (Matcher     *m,
      const char  *account,
      GError     **error)
{
  RcvStatement *stmt;
  int rc;

  m->invoices = g_ptr_array_new_with_free_func (open_invoice_free);
  m->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->by_number = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  m->by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  m->by_customer = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);
  m->ibans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  m->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                    (GDestroyNotify) g_strfreev);
  m->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                    (GDestroyNotify) g_array_unref);
  m->customer_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  m->imported = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* the open invoices, through the index of the unsettled ones */
  stmt = rcv_database_prepare (m->db,
                               "SELECT id, customer_id, number, total - allocated, due_date"
                               " FROM invoices WHERE settled_date IS NULL AND kind = 'invoice'"
                               " AND status = 'posted' AND total > allocated", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      OpenInvoice *invoice = g_new0 (OpenInvoice, 1);
      GPtrArray *list;
      GDate due;

      invoice->id = rcv_statement_column_int64 (stmt, 0);
      invoice->customer_id = rcv_statement_column_int64 (stmt, 1);
      invoice->number = g_strdup (rcv_statement_column_text (stmt, 2));
      invoice->open = rcv_statement_column_int64 (stmt, 3);
      g_date_clear (&due, 1);
      invoice->due_julian = rcv_date_parse_iso (rcv_statement_column_text (stmt, 4), &due, NULL)
                              ? g_date_get_julian (&due) : G_MAXUINT32;
      g_ptr_array_add (m->invoices, invoice);
      g_hash_table_insert (m->by_key, number_key (invoice->number), invoice);
      g_hash_table_insert (m->by_number, g_ascii_strup (invoice->number, -1), invoice);
      g_hash_table_insert (m->by_id, &invoice->id, invoice);
      list = g_hash_table_lookup (m->by_customer, &invoice->customer_id);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (m->by_customer, &invoice->customer_id, list);
        }
      g_ptr_array_add (list, invoice);
    }
  rcv_statement_reset (stmt);
  if (rc != RCV_DONE)
    {
      rcv_database_set_error (m->db, error);
      return FALSE;
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, m->by_customer);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      g_ptr_array_sort (value, by_due_date);
  }

  stmt = rcv_database_prepare (m->db, "SELECT iban, customer_id FROM customer_ibans", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_hash_table_insert (m->ibans, g_strdup (rcv_statement_column_text (stmt, 0)),
                         g_memdup2 (&(gint64) { rcv_statement_column_int64 (stmt, 1) },
                                    sizeof (gint64)));
  rcv_statement_reset (stmt);

  stmt = rcv_database_prepare (m->db, "SELECT id, name FROM customers WHERE archived = 0",
                               error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    {
      gint64 id = rcv_statement_column_int64 (stmt, 0);
      GStrv words = name_words (rcv_statement_column_text (stmt, 1));

      for (guint i = 0; words[i] != NULL; i++)
        {
          GArray *ids = g_hash_table_lookup (m->words, words[i]);

          if (ids == NULL)
            {
              ids = g_array_new (FALSE, FALSE, sizeof (gint64));
              g_hash_table_insert (m->words, g_strdup (words[i]), ids);
            }
          if (ids->len == 0 || g_array_index (ids, gint64, ids->len - 1) != id)
            g_array_append_val (ids, id);
        }
      g_hash_table_insert (m->names, g_memdup2 (&id, sizeof id), words);
      g_hash_table_insert (m->customer_names, g_memdup2 (&id, sizeof id),
                           g_strdup (rcv_statement_column_text (stmt, 1)));
    }
  rcv_statement_reset (stmt);

  stmt = rcv_database_prepare (m->db, "SELECT entry_key FROM bank_entries WHERE account = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;
  rcv_statement_bind_text (stmt, 1, account);
  while ((rc = rcv_statement_step (stmt)) == RCV_ROW)
    g_hash_table_add (m->imported, g_strdup (rcv_statement_column_text (stmt, 0)));
  rcv_statement_reset (stmt);
  return TRUE;
}

const char *
rcv_bank_decision_nick (RcvBankDecision decision)
{
  static const char *const nicks[] = { "auto", "suggest", "none", "skip", "duplicate" };

  g_return_val_if_fail ((guint) decision < G_N_ELEMENTS (nicks), "none");
  return nicks[decision];
}

static void
match_free (gpointer data)
{
  RcvBankMatch *match = data;

  g_free (match->entry_key);
  g_free (match->reason);
  g_clear_pointer (&match->allocations, g_array_unref);
  g_clear_pointer (&match->invoice_numbers, g_ptr_array_unref);
  g_free (match);
}

/* The bank's reference, or the entry's date, amount and a digest of its text. */
static char *
entry_key (const RcvBankEntry *entry)
{
  g_autoptr(GChecksum) digest = NULL;
  char date[RCV_ISO_DATE_LEN];

  if (entry->entry_ref != NULL && *entry->entry_ref != '\0')
    return g_strdup (entry->entry_ref);
  digest = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (digest, (const guchar *) entry->remittance, -1);
  g_checksum_update (digest, (const guchar *) "\n", 1);
  if (entry->payer_name != NULL)
    g_checksum_update (digest, (const guchar *) entry->payer_name, -1);
  g_checksum_update (digest, (const guchar *) "\n", 1);
  if (entry->end_to_end != NULL)
    g_checksum_update (digest, (const guchar *) entry->end_to_end, -1);
  rcv_date_to_iso (&entry->booking_date, date);
  return g_strdup_printf ("%s:%c%" G_GINT64_FORMAT ":%.16s", date, entry->credit ? 'C' : 'D',
                          entry->amount, g_checksum_get_string (digest));
}

static const char *
customer_name (Matcher *m,
               gint64   customer_id)
{
  const char *name = g_hash_table_lookup (m->customer_names, &customer_id);

  return name != NULL ? name : "?";
}

/* Allocates `amount` across `invoices` in their order, each up to its open amount (and, for
 * an auto match, takes it off what is open for the receipts after it). */
static void
allocate (Matcher      *m,
          RcvBankMatch *match,
          GPtrArray    *invoices,
          gboolean      record)
{
  gint64 left = match->entry->amount;

  match->allocations = g_array_new (FALSE, FALSE, sizeof (RcvAllocationRequest));
  match->invoice_numbers = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < invoices->len && left > 0; i++)
    {
      OpenInvoice *invoice = g_ptr_array_index (invoices, i);
      RcvAllocationRequest request = { invoice->id, MIN (left, invoice->open) };

      if (request.amount <= 0)
        continue;
      g_array_append_val (match->allocations, request);
      g_ptr_array_add (match->invoice_numbers, g_strdup (invoice->number));
      left -= request.amount;
      if (record)
        invoice->open -= request.amount;
    }
  match->allocated = record ? match->entry->amount - left : 0;
  match->unapplied = record ? left : 0;
}

static void
decide (Matcher         *m,
        RcvBankMatch    *match,
        RcvBankDecision  decision,
        gint64           customer_id,
        GPtrArray       *invoices,
        char            *reason)
{
  match->decision = decision;
  match->customer_id = customer_id;
  match->reason = reason;
  if (invoices != NULL)
    allocate (m, match, invoices, decision == RCV_BANK_AUTO);
  else if (decision == RCV_BANK_AUTO)
    match->unapplied = match->entry->amount;
}

/* The open invoices that valid RF references in the entry name, in the order found. */
static GPtrArray *
invoices_by_reference (Matcher            *m,
                       const RcvBankEntry *entry,
                       char              **shown)
{
  GPtrArray *found = g_ptr_array_new ();
  const char *texts[] = { entry->reference, entry->remittance, entry->end_to_end };

  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(GPtrArray) refs = NULL;

      if (texts[t] == NULL)
        continue;
      refs = rcv_creditor_ref_find (texts[t]);
      for (guint i = 0; i < refs->len; i++)
        {
          g_autofree char *body = NULL;
          OpenInvoice *invoice;

          rcv_creditor_ref_valid (g_ptr_array_index (refs, i), &body);
          invoice = g_hash_table_lookup (m->by_key, body);
          if (invoice == NULL && body[0] != '\0' && strspn (body, "0123456789") == strlen (body))
            {
              gint64 id = g_ascii_strtoll (body, NULL, 10);

              invoice = g_hash_table_lookup (m->by_id, &id);
            }
          if (invoice != NULL && !g_ptr_array_find (found, invoice, NULL))
            {
              g_ptr_array_add (found, invoice);
              if (*shown == NULL)
                *shown = rcv_creditor_ref_format (g_ptr_array_index (refs, i));
            }
        }
    }
  return found;
}

/* The open invoices whose numbers stand in the remittance text or the end-to-end ID. */
static GPtrArray *
invoices_by_number (Matcher            *m,
                    const RcvBankEntry *entry)
{
  GPtrArray *found = g_ptr_array_new ();
  g_autofree char *text = rcv_bank_join (entry->remittance, entry->end_to_end);
  g_autofree char *upper = g_ascii_strup (text, -1);
  g_auto(GStrv) tokens = g_strsplit_set (upper, " \t,;:()[]{}\"'+#", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *token = tokens[i];
      gsize length = strlen (token);
      OpenInvoice *invoice;

      /* a full stop or a dash ends a sentence, not a number */
      while (length > 0 && (token[length - 1] == '.' || token[length - 1] == '-' ||
                            token[length - 1] == '/'))
        token[--length] = '\0';
      if (length < 3 || strpbrk (token, "0123456789") == NULL)
        continue;
      invoice = g_hash_table_lookup (m->by_number, token);
      if (invoice == NULL && length >= 4)
        {
          g_autofree char *key = number_key (token);

          invoice = g_hash_table_lookup (m->by_key, key);
        }
      if (invoice != NULL && !g_ptr_array_find (found, invoice, NULL))
        g_ptr_array_add (found, invoice);
    }
  return found;
}

static gboolean
one_customer (GPtrArray *invoices)
{
  for (guint i = 1; i < invoices->len; i++)
    if (((OpenInvoice *) g_ptr_array_index (invoices, i))->customer_id !=
        ((OpenInvoice *) g_ptr_array_index (invoices, 0))->customer_id)
      return FALSE;
  return invoices->len > 0;
}

static void
sort_by_due (GPtrArray *invoices)
{
  g_ptr_array_sort (invoices, by_due_date);
}

/* By the payer's IBAN: one invoice open for the exact amount, or the exact sum of the oldest;
 * otherwise a suggestion of the oldest first. */
static gboolean
match_by_iban (Matcher      *m,
               RcvBankMatch *match)
{
  const RcvBankEntry *entry = match->entry;
  const gint64 *known;
  gint64 customer_id, sum = 0;
  GPtrArray *open;
  g_autoptr(GPtrArray) exact = g_ptr_array_new ();
  const char *name;

  if (entry->payer_iban == NULL ||
      (known = g_hash_table_lookup (m->ibans, entry->payer_iban)) == NULL)
    return FALSE;
  customer_id = *known;
  name = customer_name (m, customer_id);
  open = g_hash_table_lookup (m->by_customer, &customer_id);
  for (guint i = 0; open != NULL && i < open->len; i++)
    if (((OpenInvoice *) g_ptr_array_index (open, i))->open == entry->amount)
      g_ptr_array_add (exact, g_ptr_array_index (open, i));
  if (exact->len == 1)
    {
      decide (m, match, RCV_BANK_AUTO, customer_id, exact,
              /* Translators: an automatic match: the customer, the invoice */
              g_strdup_printf (_("the payer's IBAN is %s's, and the amount is what %s has "
                                 "open"), name,
                               ((OpenInvoice *) g_ptr_array_index (exact, 0))->number));
      return TRUE;
    }
  if (exact->len > 1)
    {
      decide (m, match, RCV_BANK_SUGGEST, customer_id, exact,
              g_strdup_printf (_("the payer's IBAN is %s's, but %u of its invoices are open "
                                 "for this amount"), name, exact->len));
      return TRUE;
    }
  for (guint i = 0; open != NULL && i < open->len; i++)
    {
      OpenInvoice *invoice = g_ptr_array_index (open, i);

      if (invoice->open <= 0)
        continue;
      sum += invoice->open;
      if (sum == entry->amount && i > 0)
        {
          g_autoptr(GPtrArray) oldest = g_ptr_array_new ();

          for (guint k = 0; k <= i; k++)
            if (((OpenInvoice *) g_ptr_array_index (open, k))->open > 0)
              g_ptr_array_add (oldest, g_ptr_array_index (open, k));
          decide (m, match, RCV_BANK_AUTO, customer_id, oldest,
                  g_strdup_printf (_("the payer's IBAN is %s's, and the amount is the sum of "
                                     "its %u oldest open invoices"), name, oldest->len));
          return TRUE;
        }
      if (sum > entry->amount)
        break;
    }
  decide (m, match, RCV_BANK_SUGGEST, customer_id, open,
          g_strdup_printf (_("the payer's IBAN is %s's; the amount fits none of its open "
                             "invoices"), name));
  return TRUE;
}

/* By the payer's name: the customer whose name shares the most words with it, when no other
 * shares as many and at least half of the words of both are shared. */
static gboolean
match_by_name (Matcher      *m,
               RcvBankMatch *match)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GHashTable) shared = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 best = 0;
  double best_score = 0, second = 0;
  guint n_words;

  if (match->entry->payer_name == NULL)
    return FALSE;
  words = name_words (match->entry->payer_name);
  n_words = g_strv_length (words);
  if (n_words == 0)
    return FALSE;
  shared = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      GArray *ids = g_hash_table_lookup (m->words, words[i]);

      /* a word a thousand customers have names nobody */
      if (ids == NULL || ids->len > 1000)
        continue;
      for (guint k = 0; k < ids->len; k++)
        {
          gint64 id = g_array_index (ids, gint64, k);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (shared, &id));

          g_hash_table_insert (shared, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
        }
    }
  g_hash_table_iter_init (&iter, shared);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GStrv theirs = g_hash_table_lookup (m->names, key);
      guint n_shared = GPOINTER_TO_UINT (value);
      double score = (double) n_shared / (double) (n_words + g_strv_length (theirs) - n_shared);

      if (score > best_score)
        {
          second = best_score;
          best_score = score;
          best = *(gint64 *) key;
        }
      else if (score > second)
        second = score;
    }
  if (best == 0 || best_score < 0.5 || second >= best_score)
    return FALSE;
  {
    GPtrArray *open = g_hash_table_lookup (m->by_customer, &best);

    decide (m, match, RCV_BANK_SUGGEST, best, open,
            /* Translators: a suggested match: the payer's name, the customer's */
            g_strdup_printf (_("the payer's name “%s” is close to %s's"), match->entry->payer_name,
                             customer_name (m, best)));
  }
  return TRUE;
}

static void
match_entry (Matcher      *m,
             RcvBankMatch *match)
{
  const RcvBankEntry *entry = match->entry;
  g_autoptr(GPtrArray) by_reference = NULL;
  g_autoptr(GPtrArray) by_number = NULL;
  g_autofree char *shown = NULL;

  if (g_hash_table_contains (m->imported, match->entry_key))
    {
      decide (m, match, RCV_BANK_DUPLICATE, 0, NULL,
              g_strdup (_("this bank entry was imported before")));
      return;
    }
  g_hash_table_add (m->imported, g_strdup (match->entry_key));
  if (!entry->credit || entry->reversal || entry->pending)
    {
      decide (m, match, RCV_BANK_SKIP, 0, NULL,
              g_strdup (!entry->credit ? _("a debit, not a receipt")
                        : entry->reversal ? _("a reversal, not a receipt")
                                          : _("not booked yet")));
      return;
    }

  by_reference = invoices_by_reference (m, entry, &shown);
  if (by_reference->len > 0 && one_customer (by_reference))
    {
      OpenInvoice *first = g_ptr_array_index (by_reference, 0);

      sort_by_due (by_reference);
      decide (m, match, RCV_BANK_AUTO, first->customer_id, by_reference,
              /* Translators: an automatic match: the RF reference, the invoice */
              g_strdup_printf (_("the reference %s names invoice %s"), shown, first->number));
      return;
    }

  by_number = invoices_by_number (m, entry);
  if (by_number->len > 0 && one_customer (by_number))
    {
      OpenInvoice *first = g_ptr_array_index (by_number, 0);
      g_autoptr(GString) numbers = g_string_new (NULL);

      for (guint i = 0; i < by_number->len; i++)
        g_string_append_printf (numbers, "%s%s", i > 0 ? ", " : "",
                                ((OpenInvoice *) g_ptr_array_index (by_number, i))->number);
      sort_by_due (by_number);
      decide (m, match, RCV_BANK_AUTO, first->customer_id, by_number,
              g_strdup_printf (ngettext ("the text names invoice %s of %s",
                                         "the text names invoices %s of %s", by_number->len),
                               numbers->str, customer_name (m, first->customer_id)));
      return;
    }
  if (by_number->len > 0 || by_reference->len > 0)
    {
      GPtrArray *named = by_reference->len > 0 ? by_reference : by_number;
      OpenInvoice *first = g_ptr_array_index (named, 0);

      decide (m, match, RCV_BANK_SUGGEST, first->customer_id, named,
              g_strdup (_("the text names invoices of several customers")));
      return;
    }
  if (match_by_iban (m, match) || match_by_name (m, match))
    return;
  decide (m, match, RCV_BANK_NONE, 0, NULL,
          g_strdup (_("no reference, invoice number, known IBAN or name fits a customer")));
}

/* Every entry of the statement decided, in its order (RcvBankMatch). Nothing is written. */
GPtrArray *
rcv_bank_match_statement (RcvDatabase            *db,
                          const RcvBankStatement *statement,
                          GError                **error)
{
  g_auto(Matcher) m = { 0 };
  GPtrArray *matches;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);
  g_return_val_if_fail (statement != NULL, NULL);

  m.db = db;
  m.currency = rcv_database_get_currency (db);
  if (!load (&m, statement->account != NULL ? statement->account : "", error))
    return NULL;
  matches = g_ptr_array_new_with_free_func (match_free);
  for (guint i = 0; i < statement->entries->len; i++)
    {
      RcvBankMatch *match = g_new0 (RcvBankMatch, 1);

      match->entry = g_ptr_array_index (statement->entries, i);
      match->entry_key = entry_key (match->entry);
      match_entry (&m, match);
      g_ptr_array_add (matches, match);
    }
  return matches;
}
