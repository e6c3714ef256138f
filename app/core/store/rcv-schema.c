/* rcv-schema.c - the company file's schema, one migration per file-format version
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Amounts are INTEGER minor units, dates ISO TEXT (YYYY-MM-DD, whose text order is date
 * order; the core validates them before they are written, so the schema does not re-parse
 * them on every insert). Each invoice, credit note and payment keeps its open interval [start, settled_date)
 * and span_class, the bit length of that interval in days (15 while still open), so that the
 * documents open at any date are found through the (span_class, start) indexes: see
 * rcv-aging.c. last_allocation is the latest effective date of a document's allocations:
 * as of any later date, its open amount is simply total − allocated. When a document was
 * written is the audit table's to say, not a column evaluated on each of a million inserts.
 */
#define G_LOG_DOMAIN "rcv-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-error.h"
#include "rcv-schema.h"
#include "rcv-sqlite-private.h"

#define PAYMENTS_OPEN_INDEX \
  "CREATE INDEX payments_open ON payments (span_class, date, settled_date) WHERE span_class > 0"

static const char migration_1[] =
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE policies ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
  "  terms_days INTEGER NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 3650),"
  "  discount_days INTEGER NOT NULL DEFAULT 0 CHECK (discount_days >= 0),"
  "  discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),"
  "  credit_limit INTEGER CHECK (credit_limit IS NULL OR credit_limit >= 0),"
  "  interest_kind TEXT NOT NULL DEFAULT 'none'"
  "    CHECK (interest_kind IN ('none', 'fixed', 'statutory-eu', 'statutory-uk')),"
  "  interest_bp INTEGER NOT NULL DEFAULT 0 CHECK (interest_bp >= 0),"
  "  compensation TEXT NOT NULL DEFAULT 'none' CHECK (compensation IN ('none', 'eu', 'uk')),"
  "  alert_days_first INTEGER NOT NULL DEFAULT 60 CHECK (alert_days_first > 0),"
  "  alert_days_second INTEGER NOT NULL DEFAULT 90 CHECK (alert_days_second > alert_days_first),"
  "  hold_days INTEGER DEFAULT 90 CHECK (hold_days IS NULL OR hold_days > 0),"
  "  agency_days INTEGER DEFAULT 90 CHECK (agency_days IS NULL OR agency_days > 0)"
  ");"
  "CREATE UNIQUE INDEX policies_one_default ON policies (is_default) WHERE is_default = 1;"

  /* body '' stands for the built-in (translated) letter text of the level */
  "CREATE TABLE reminder_levels ("
  "  policy_id INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,"
  "  level INTEGER NOT NULL CHECK (level >= 1),"
  "  days_after_due INTEGER NOT NULL CHECK (days_after_due >= 0),"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL DEFAULT '',"
  "  fee INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),"
  "  PRIMARY KEY (policy_id, level)"
  ") WITHOUT ROWID;"

  "CREATE TABLE customers ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(code) > 0),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  policy_id INTEGER REFERENCES policies (id),"
  "  credit_limit INTEGER CHECK (credit_limit IS NULL OR credit_limit >= 0),"
  "  terms_days INTEGER CHECK (terms_days IS NULL OR terms_days BETWEEN 0 AND 3650),"
  "  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE INDEX customers_name ON customers (name COLLATE NOCASE);"
  "CREATE INDEX customers_policy ON customers (policy_id);"

  "CREATE TABLE invoices ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE CHECK (length(number) > 0),"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit-note')),"
  "  status TEXT NOT NULL DEFAULT 'posted' CHECK (status IN ('posted', 'void')),"
  "  issue_date TEXT NOT NULL,"
  "  due_date TEXT NOT NULL CHECK (due_date >= issue_date),"
  "  total INTEGER NOT NULL,"
  "  allocated INTEGER NOT NULL DEFAULT 0,"
  "  last_allocation TEXT,"
  "  settled_date TEXT,"
  "  span_class INTEGER NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  CHECK ((kind = 'invoice' AND total >= 0) OR (kind = 'credit-note' AND total <= 0)),"
  "  CHECK (allocated >= 0 AND allocated <= abs(total))"
  ");"

  "CREATE TABLE invoice_lines ("
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  description TEXT NOT NULL DEFAULT '',"
  "  quantity_milli INTEGER NOT NULL,"
  "  unit_price INTEGER NOT NULL,"
  "  tax_bp INTEGER NOT NULL DEFAULT 0 CHECK (tax_bp BETWEEN 0 AND 10000),"
  "  net INTEGER NOT NULL,"
  "  tax INTEGER NOT NULL,"
  "  PRIMARY KEY (invoice_id, position)"
  ") WITHOUT ROWID;"

  "CREATE TABLE payments ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  date TEXT NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= amount),"
  "  last_allocation TEXT,"
  "  settled_date TEXT,"
  "  span_class INTEGER NOT NULL,"
  "  method TEXT NOT NULL DEFAULT '',"
  "  reference TEXT NOT NULL DEFAULT ''"
  ");"

  /* A payment or a credit note (the source) settles an invoice, from effective_date on:
   * the later of the source's date and the invoice's issue date. */
  "CREATE TABLE allocations ("
  "  id INTEGER PRIMARY KEY,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  payment_id INTEGER REFERENCES payments (id),"
  "  credit_note_id INTEGER REFERENCES invoices (id),"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  effective_date TEXT NOT NULL,"
  "  CHECK ((payment_id IS NULL) <> (credit_note_id IS NULL))"
  ");"

  "CREATE TABLE audit ("
  "  id INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),"
  "  user TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  record_id INTEGER,"
  "  old_values TEXT,"
  "  new_values TEXT"
  ");"
  "CREATE INDEX audit_record ON audit (table_name, record_id);";

/* The secondary indexes, as they are now, by name: the first migration creates them (and a
 * later one brings an older file's up to date), and a bulk import may drop some inside its
 * transaction and build them again at its end. */
#define INVOICES_ISSUED_INDEX "CREATE INDEX invoices_issued ON invoices (issue_date)"
#define PAYMENTS_DATED_INDEX "CREATE INDEX payments_dated ON payments (date)"
#define INVOICES_CUSTOMER_SETTLED_INDEX \
  "CREATE INDEX invoices_customer_settled ON invoices (customer_id, settled_date)" \
  " WHERE settled_date IS NOT NULL"

static const RcvSchemaIndex indexes[] = {
  /* Aging as of a date reads the open documents through this index alone: it covers
   * every column the by-customer query needs, so no row is fetched from the table (a fifth
   * less time at a million invoices, for a tenth more file). */
  { "invoices_open",
    "CREATE INDEX invoices_open ON invoices (span_class, issue_date, settled_date, customer_id,"
    " kind, status, due_date, total, allocated, last_allocation)" },
  { "invoices_customer", "CREATE INDEX invoices_customer ON invoices (customer_id, issue_date)" },
  { "invoices_customer_unsettled",
    "CREATE INDEX invoices_customer_unsettled ON invoices (customer_id, due_date, issue_date,"
    " number) WHERE settled_date IS NULL" },
  /* A customer's invoices settled after a day (version 13): what an alert told a month ago
   * and a customer's payer behaviour read, a month's or a year's, not the account's history. */
  { "invoices_customer_settled", INVOICES_CUSTOMER_SETTLED_INDEX },
  /* A payment allocated in whole on its own date (span class 0, most of them) was never open
   * as of any date: aging never looks for it, and the index leaves it out (version 7). */
  { "payments_open", PAYMENTS_OPEN_INDEX },
  { "payments_customer", "CREATE INDEX payments_customer ON payments (customer_id, date)" },
  /* The Invoices and Payments pages list newest first by date (version 9): these indexes
   * give that order without sorting a million rows. */
  { "invoices_issued", INVOICES_ISSUED_INDEX },
  { "payments_dated", PAYMENTS_DATED_INDEX },
  { "allocations_invoice",
    "CREATE INDEX allocations_invoice ON allocations (invoice_id, effective_date, amount)" },
  { "allocations_payment",
    "CREATE INDEX allocations_payment ON allocations (payment_id, effective_date, amount)"
    " WHERE payment_id IS NOT NULL" },
  { "allocations_credit_note",
    "CREATE INDEX allocations_credit_note ON allocations (credit_note_id, effective_date,"
    " amount) WHERE credit_note_id IS NOT NULL" },
  { NULL, NULL },
};

/* Version 2: the statutory reference rates (EU: the ECB's main refinancing rate on 1 January
 * and 1 July; UK: the Bank of England's base rate on 31 December and 30 June), one per region
 * and half-year, that statutory late-payment interest adds its 8 points to. */
static const char migration_2[] =
  "CREATE TABLE reference_rates ("
  "  region TEXT NOT NULL CHECK (region IN ('eu', 'uk')),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1999 AND 2200),"
  "  half INTEGER NOT NULL CHECK (half IN (1, 2)),"
  "  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 0 AND 10000),"
  "  PRIMARY KEY (region, year, half)"
  ") WITHOUT ROWID;";

/* Version 3: the reminder letters sent. A letter is recorded once per customer, date and
 * level; each of its invoices keeps the level it had reached then, so that the next run asks
 * only for a level an invoice has not yet been sent (see rcv-dunning.c). */
static const char migration_3[] =
  "CREATE TABLE letters ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id),"
  "  date TEXT NOT NULL,"
  "  level INTEGER NOT NULL CHECK (level >= 1),"
  "  title TEXT NOT NULL,"
  "  open INTEGER NOT NULL,"
  "  interest INTEGER NOT NULL CHECK (interest >= 0),"
  "  fees INTEGER NOT NULL CHECK (fees >= 0),"
  "  credit INTEGER NOT NULL CHECK (credit >= 0),"
  "  total INTEGER NOT NULL,"
  "  UNIQUE (customer_id, date, level)"
  ");"
  "CREATE TABLE letter_items ("
  "  letter_id INTEGER NOT NULL REFERENCES letters (id) ON DELETE CASCADE,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
  "  level INTEGER NOT NULL CHECK (level >= 0),"
  "  days_late INTEGER NOT NULL,"
  "  open INTEGER NOT NULL,"
  "  interest INTEGER NOT NULL CHECK (interest >= 0),"
  "  fees INTEGER NOT NULL CHECK (fees >= 0),"
  "  PRIMARY KEY (letter_id, invoice_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX letter_items_invoice ON letter_items (invoice_id, level);";

/* Version 4: the alert thresholds each account has been notified of (rcv-alerts.c). A row
 * says "this customer was told about passing its first (1) or second (2) threshold as of
 * as_of"; a check that finds, from the invoices and payments, that the account was below it
 * on a day since then tells the new crossing and renews the row (issue 24). */
static const char migration_4[] =
  "CREATE TABLE alerts ("
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  threshold INTEGER NOT NULL CHECK (threshold IN (1, 2)),"
  "  days INTEGER NOT NULL CHECK (days > 0),"
  "  as_of TEXT NOT NULL,"
  "  notified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  PRIMARY KEY (customer_id, threshold)"
  ") WITHOUT ROWID;";

/* Version 5: collections (rcv-collections.c). A dispute holds one invoice out of dunning and
 * alerts from opened_on until resolved_on; an invoice has at most one unresolved dispute. An
 * account's collections record keeps why it does not pay, who follows it, and its hand-over
 * to an agency (agency, date, commission), after which it leaves dunning and alerts. Promises
 * to pay and payment plans with their instalments are kept as made; whether one is broken is
 * computed as of a date from the payments. */
static const char migration_5[] =
  "CREATE TABLE disputes ("
  "  id INTEGER PRIMARY KEY,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL"
  "   CHECK (reason IN ('billing-error', 'quality', 'not-received', 'other')),"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  opened_on TEXT NOT NULL,"
  "  resolved_on TEXT CHECK (resolved_on IS NULL OR resolved_on >= opened_on)"
  ");"
  "CREATE INDEX disputes_invoice ON disputes (invoice_id, opened_on);"
  "CREATE UNIQUE INDEX disputes_unresolved ON disputes (invoice_id) WHERE resolved_on IS NULL;"

  "CREATE TABLE collection_accounts ("
  "  customer_id INTEGER PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,"
  "  nonpayment TEXT NOT NULL DEFAULT 'unknown'"
  "   CHECK (nonpayment IN ('cant-pay', 'wont-pay', 'dispute', 'unknown')),"
  "  responsible TEXT NOT NULL DEFAULT '',"
  "  agency TEXT,"
  "  handed_over_on TEXT,"
  "  commission_bp INTEGER CHECK (commission_bp IS NULL OR commission_bp BETWEEN 0 AND 10000),"
  "  CHECK ((agency IS NULL) = (handed_over_on IS NULL)"
  "         AND (agency IS NULL) = (commission_bp IS NULL))"
  ");"

  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  date TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('call', 'email', 'letter', 'visit', 'note')),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX contacts_customer ON contacts (customer_id, date);"

  "CREATE TABLE promises ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  made_on TEXT NOT NULL,"
  "  due_date TEXT NOT NULL CHECK (due_date >= made_on),"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX promises_customer ON promises (customer_id, due_date);"

  "CREATE TABLE payment_plans ("
  "  id INTEGER PRIMARY KEY,"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  created_on TEXT NOT NULL,"
  "  ended_on TEXT CHECK (ended_on IS NULL OR ended_on >= created_on)"
  ");"
  "CREATE INDEX payment_plans_customer ON payment_plans (customer_id, created_on);"
  "CREATE TABLE plan_instalments ("
  "  plan_id INTEGER NOT NULL REFERENCES payment_plans (id) ON DELETE CASCADE,"
  "  seq INTEGER NOT NULL CHECK (seq > 0),"
  "  due_date TEXT NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  PRIMARY KEY (plan_id, seq)"
  ") WITHOUT ROWID;";

/* Version 6: the agency's commission on each payment an account makes from its hand-over on
 * (rcv_collections_charge_commission: the amount × the commission, rounded half away from
 * zero), and the missed instalments already told as notifications, each told once (a missed
 * instalment stays missed: later payments do not count towards it). */
static const char migration_6[] =
  "ALTER TABLE payments ADD COLUMN commission INTEGER NOT NULL DEFAULT 0"
  "  CHECK (commission >= 0 AND commission <= amount);"
  "CREATE TABLE instalment_alerts ("
  "  plan_id INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  as_of TEXT NOT NULL,"
  "  notified_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  PRIMARY KEY (plan_id, seq),"
  "  FOREIGN KEY (plan_id, seq) REFERENCES plan_instalments (plan_id, seq) ON DELETE CASCADE"
  ") WITHOUT ROWID;";

/* Version 7: payments_open without the payments that were never open (see `indexes`). */
static const char migration_7[] =
  "DROP INDEX payments_open;" PAYMENTS_OPEN_INDEX ";";

/* Version 8 (issue 24): letters go up one level at a time and each level says what it claims.
 * SQLite cannot change a CHECK constraint in place, so the three tables are rebuilt the way
 * its documentation gives ("Making Other Kinds Of Table Schema Changes": new table, copy,
 * drop, rename), with foreign keys off around the migration's transaction (rcv-database.c)
 * and checked before it commits.
 * - policies: the national statutory regimes, and the days between two letters (14).
 * - reminder_levels: a level may come before the due date (negative days); title '' is the
 *   built-in title of its place, shown in the app's language (rcv_reminder_level_title ();
 *   the built-in titles as earlier versions stored them, in English, German or French, become
 *   ''); claims_interest / claims_compensation: NULL claims what the policy sets, as before
 *   this version; deadline_days: the days the letter gives to pay (10, as before).
 * - reference_rates: the German and Austrian base rates, and rates below zero (the German
 *   base rate was −0.88 % from 2016 to 2022). */
static const char migration_8[] =
  "CREATE TABLE policies_8 ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),"
  "  terms_days INTEGER NOT NULL DEFAULT 30 CHECK (terms_days BETWEEN 0 AND 3650),"
  "  discount_days INTEGER NOT NULL DEFAULT 0 CHECK (discount_days >= 0),"
  "  discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),"
  "  credit_limit INTEGER CHECK (credit_limit IS NULL OR credit_limit >= 0),"
  "  interest_kind TEXT NOT NULL DEFAULT 'none'"
  "    CHECK (interest_kind IN ('none', 'fixed', 'statutory-eu', 'statutory-uk',"
  "                             'statutory-de', 'statutory-fr', 'statutory-nl',"
  "                             'statutory-at')),"
  "  interest_bp INTEGER NOT NULL DEFAULT 0 CHECK (interest_bp >= 0),"
  "  compensation TEXT NOT NULL DEFAULT 'none' CHECK (compensation IN ('none', 'eu', 'uk')),"
  "  alert_days_first INTEGER NOT NULL DEFAULT 60 CHECK (alert_days_first > 0),"
  "  alert_days_second INTEGER NOT NULL DEFAULT 90 CHECK (alert_days_second > alert_days_first),"
  "  hold_days INTEGER DEFAULT 90 CHECK (hold_days IS NULL OR hold_days > 0),"
  "  agency_days INTEGER DEFAULT 90 CHECK (agency_days IS NULL OR agency_days > 0),"
  "  letter_interval_days INTEGER NOT NULL DEFAULT 14"
  "    CHECK (letter_interval_days BETWEEN 0 AND 3650)"
  ");"
  "INSERT INTO policies_8 (id, name, is_default, terms_days, discount_days, discount_bp,"
  "  credit_limit, interest_kind, interest_bp, compensation, alert_days_first,"
  "  alert_days_second, hold_days, agency_days)"
  " SELECT id, name, is_default, terms_days, discount_days, discount_bp, credit_limit,"
  "  interest_kind, interest_bp, compensation, alert_days_first, alert_days_second,"
  "  hold_days, agency_days FROM policies;"
  "DROP TABLE policies;"
  "ALTER TABLE policies_8 RENAME TO policies;"
  "CREATE UNIQUE INDEX policies_one_default ON policies (is_default) WHERE is_default = 1;"

  "CREATE TABLE reminder_levels_8 ("
  "  policy_id INTEGER NOT NULL REFERENCES policies (id) ON DELETE CASCADE,"
  "  level INTEGER NOT NULL CHECK (level >= 1),"
  "  days_after_due INTEGER NOT NULL CHECK (days_after_due BETWEEN -365 AND 3650),"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  fee INTEGER NOT NULL DEFAULT 0 CHECK (fee >= 0),"
  "  claims_interest INTEGER CHECK (claims_interest IS NULL OR claims_interest IN (0, 1)),"
  "  claims_compensation INTEGER"
  "    CHECK (claims_compensation IS NULL OR claims_compensation IN (0, 1)),"
  "  deadline_days INTEGER NOT NULL DEFAULT 10 CHECK (deadline_days BETWEEN 1 AND 365),"
  "  PRIMARY KEY (policy_id, level)"
  ") WITHOUT ROWID;"
  "INSERT INTO reminder_levels_8 (policy_id, level, days_after_due, title, body, fee)"
  " SELECT policy_id, level, days_after_due,"
  "  CASE WHEN (level = 1 AND title IN ('Payment reminder', 'Zahlungserinnerung',"
  "                                     'Rappel de paiement'))"
  "         OR (level = 2 AND title IN ('Second reminder', 'Zweite Mahnung', 'Deuxième rappel'))"
  "         OR (level >= 3 AND level = (SELECT max (level) FROM reminder_levels r"
  "                                     WHERE r.policy_id = reminder_levels.policy_id)"
  "             AND title IN ('Final notice', 'Letzte Mahnung', 'Mise en demeure'))"
  "       THEN '' ELSE title END,"
  "  body, fee FROM reminder_levels;"
  "DROP TABLE reminder_levels;"
  "ALTER TABLE reminder_levels_8 RENAME TO reminder_levels;"

  "CREATE TABLE reference_rates_8 ("
  "  region TEXT NOT NULL CHECK (region IN ('eu', 'de', 'at', 'uk')),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 1999 AND 2200),"
  "  half INTEGER NOT NULL CHECK (half IN (1, 2)),"
  "  rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN -10000 AND 10000),"
  "  PRIMARY KEY (region, year, half)"
  ") WITHOUT ROWID;"
  "INSERT INTO reference_rates_8 SELECT region, year, half, rate_bp FROM reference_rates;"
  "DROP TABLE reference_rates;"
  "ALTER TABLE reference_rates_8 RENAME TO reference_rates;";

/* Version 9 (issue 26): the lists in date order (see `indexes`); a new file has them from
 * version 1's indexes already. */
static const char migration_9[] =
  "CREATE INDEX IF NOT EXISTS invoices_issued ON invoices (issue_date);"
  "CREATE INDEX IF NOT EXISTS payments_dated ON payments (date);";

/* Version 10 (issue 27): bank statements in. The IBANs a customer pays from (given in the
 * customers CSV, or learned from a match confirmed), and every bank entry imported: the
 * account's and the bank's reference make it unique, so that a statement imported twice adds
 * nothing; an entry waits ('pending') until it is applied as a payment or skipped. */
static const char migration_10[] =
  "CREATE TABLE IF NOT EXISTS customer_ibans ("
  "  iban TEXT PRIMARY KEY NOT NULL CHECK (length(iban) BETWEEN 15 AND 34),"
  "  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,"
  "  learned INTEGER NOT NULL DEFAULT 0 CHECK (learned IN (0, 1))"
  ") WITHOUT ROWID;"
  "CREATE INDEX IF NOT EXISTS customer_ibans_customer ON customer_ibans (customer_id);"
  "CREATE TABLE IF NOT EXISTS bank_entries ("
  "  id INTEGER PRIMARY KEY,"
  "  account TEXT NOT NULL,"
  "  entry_key TEXT NOT NULL CHECK (length(entry_key) > 0),"
  "  booking_date TEXT NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  credit INTEGER NOT NULL CHECK (credit IN (0, 1)),"
  "  payer_name TEXT NOT NULL DEFAULT '',"
  "  payer_iban TEXT NOT NULL DEFAULT '',"
  "  remittance TEXT NOT NULL DEFAULT '',"
  "  decision TEXT NOT NULL CHECK (decision IN ('auto', 'suggest', 'none', 'skip')),"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  customer_id INTEGER REFERENCES customers (id),"
  "  invoices TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'applied', 'skipped')),"
  "  payment_id INTEGER REFERENCES payments (id),"
  "  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  UNIQUE (account, entry_key)"
  ");"
  "CREATE INDEX IF NOT EXISTS bank_entries_pending ON bank_entries (status) WHERE status = 'pending';";

/* Version 11 (issue 27): the columns of a bank's CSV export as a person named them, for the
 * bank account (its IBAN; header '') or, for an export naming no account, for its header row
 * (account ''): each column's header cell. */
static const char migration_11[] =
  "CREATE TABLE IF NOT EXISTS bank_csv_columns ("
  "  account TEXT NOT NULL,"
  "  header TEXT NOT NULL,"
  "  field TEXT NOT NULL CHECK (length(field) > 0),"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  PRIMARY KEY (account, header, field),"
  "  CHECK ((account = '') <> (header = ''))"
  ") WITHOUT ROWID;";

/* Version 12 (issue 28): what was sent by e-mail, for the customer's page: when, to whom,
 * about what, and what the server answered. */
static const char migration_12[] =
  "CREATE TABLE IF NOT EXISTS mail_log ("
  "  id INTEGER PRIMARY KEY,"
  "  sent_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  customer_id INTEGER REFERENCES customers (id) ON DELETE SET NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('letter', 'statement', 'test')),"
  "  recipient TEXT NOT NULL,"
  "  subject TEXT NOT NULL,"
  "  message_id TEXT NOT NULL DEFAULT '',"
  "  result TEXT NOT NULL CHECK (result IN ('sent', 'failed')),"
  "  reply TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX IF NOT EXISTS mail_log_customer ON mail_log (customer_id, sent_at);";

/* Version 13 (issue 29): a customer's invoices by the day they were settled (see
 * `indexes`). */
static const char migration_13[] =
  "CREATE INDEX IF NOT EXISTS invoices_customer_settled ON invoices (customer_id, settled_date)"
  " WHERE settled_date IS NOT NULL;";

static const char *const migrations[] = {
  migration_1,
  migration_2,
  migration_3,
  migration_4,
  migration_5,
  migration_6,
  migration_7,
  migration_8,
  migration_9,
  migration_10,
  migration_11,
  migration_12,
  migration_13,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RCV_SCHEMA_VERSION);

const RcvSchemaIndex *
rcv_schema_get_indexes (void)
{
  return indexes;
}

const RcvSchemaIndex *
rcv_schema_find_index (const char *name)
{
  for (const RcvSchemaIndex *index = indexes; index->name != NULL; index++)
    if (g_str_equal (index->name, name))
      return index;
  g_return_val_if_reached (NULL);
}

const char *
rcv_schema_get_migration (guint to_version)
{
  g_return_val_if_fail (to_version >= 1 && to_version <= G_N_ELEMENTS (migrations), NULL);

  return migrations[to_version - 1];
}

/* The default policy of a new company (DESIGN.md §3): the built-in titles and texts (''), the
 * first reminder friendly, claiming neither interest nor compensation, the later ones both
 * (which claim nothing until the user sets interest or compensation on the policy). */
static void
insert_default_policy (RcvDatabase *self,
                       GError     **error)
{
  static const struct { int days; int claims; } levels[] = { { 7, 0 }, { 21, 1 }, { 45, 1 } };
  RcvStatement *stmt;
  gint64 policy_id;

  stmt = rcv_database_prepare (self, "INSERT INTO policies (name, is_default) VALUES (?1, 1)",
                               error);
  if (stmt == NULL)
    return;
  rcv_statement_bind_text (stmt, 1, _("Standard"));
  if (!rcv_database_step_done (self, stmt, error))
    return;
  policy_id = sqlite3_last_insert_rowid (self->handle);

  for (guint i = 0; i < G_N_ELEMENTS (levels); i++)
    {
      stmt = rcv_database_prepare (self,
                                   "INSERT INTO reminder_levels (policy_id, level, days_after_due,"
                                   " claims_interest, claims_compensation)"
                                   " VALUES (?1, ?2, ?3, ?4, ?4)",
                                   error);
      if (stmt == NULL)
        return;
      rcv_statement_bind_int64 (stmt, 1, policy_id);
      rcv_statement_bind_int (stmt, 2, (int) i + 1);
      rcv_statement_bind_int (stmt, 3, levels[i].days);
      rcv_statement_bind_int (stmt, 4, levels[i].claims);
      if (!rcv_database_step_done (self, stmt, error))
        return;
    }
}

/* A row whose reference a rebuilt table no longer holds: the migration is refused. */
static void
check_foreign_keys (RcvDatabase *self,
                    GError     **error)
{
  RcvStatement *stmt = rcv_database_prepare (self, "PRAGMA foreign_key_check", error);

  if (stmt == NULL)
    return;
  if (rcv_statement_step (stmt) == RCV_ROW)
    g_set_error (error, RCV_DATABASE_ERROR, RCV_DATABASE_ERROR_CORRUPT,
                 _("a row of table %s refers to a missing row of table %s"),
                 rcv_statement_column_text (stmt, 0), rcv_statement_column_text (stmt, 2));
  rcv_statement_reset (stmt);
}

gboolean
rcv_schema_migrate (RcvDatabase *self,
                    gint64       from_version,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  /* Foreign keys are off while tables are rebuilt (version 8): dropping the old policies
   * table must not cascade to the levels and customers that refer to it. The pragma is a
   * no-op inside a transaction, hence around it; foreign_key_check runs before the commit. */
  if (!rcv_database_exec (self, "PRAGMA foreign_keys = OFF", error))
    return FALSE;
  if (!rcv_database_begin (self, error))
    {
      rcv_database_exec (self, "PRAGMA foreign_keys = ON", NULL);
      return FALSE;
    }

  for (gint64 v = from_version + 1; v <= RCV_SCHEMA_VERSION && local_error == NULL; v++)
    {
      rcv_database_exec (self, rcv_schema_get_migration ((guint) v), &local_error);

      if (v == 1 && local_error == NULL)
        {
          for (const RcvSchemaIndex *index = rcv_schema_get_indexes ();
               index->name != NULL && local_error == NULL; index++)
            rcv_database_exec (self, index->create, &local_error);
        }

    }

  /* a new company: its default policy in the newest schema */
  if (from_version == 0 && local_error == NULL)
    {
      RcvCurrency currency;

      rcv_currency_init_from_locale (&currency);
      insert_default_policy (self, &local_error);
      if (local_error == NULL)
        rcv_database_set_setting (self, "company.currency", currency.code, &local_error);
    }
  if (local_error == NULL)
    check_foreign_keys (self, &local_error);

  if (local_error == NULL)
    {
      g_autofree char *pragmas =
        g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                         RCV_APPLICATION_ID, RCV_SCHEMA_VERSION);
      rcv_database_exec (self, pragmas, &local_error);
    }

  if (local_error != NULL || !rcv_database_commit (self, &local_error))
    {
      rcv_database_rollback (self);
      rcv_database_exec (self, "PRAGMA foreign_keys = ON", NULL);
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Cannot prepare the company file: "));
      return FALSE;
    }

  return rcv_database_exec (self, "PRAGMA foreign_keys = ON", error);
}
