/* rcv-demo.c - a sample company to explore the app with
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Three dozen customers and two years of invoices up to `today`, with the payment habits a
 * real ledger has: prompt payers, slow payers, partial payers, two that stopped paying, a
 * credit note now and then, a payment on account. The same `today` gives the same company.
 */
#define G_LOG_DOMAIN "rcv-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rcv-company.h"
#include "rcv-database-private.h"
#include "rcv-demo.h"
#include "rcv-error.h"
#include "rcv-ledger-private.h"
#include "rcv-policy.h"
#include "rcv-posting.h"

typedef enum
{
  PAYS_PROMPTLY,
  PAYS_LATE,
  PAYS_VERY_LATE,
  PAYS_IN_PARTS,
  STOPPED_PAYING,
} Habit;

typedef struct
{
  const char *name;
  const char *city;        /* the postcode and town; abroad, the country under them, as a
                            * letter from the demo's Berlin company writes it */
  Habit habit;
} DemoCustomer;

static const DemoCustomer demo_customers[] = {
  { "Müller & Söhne GmbH", "80331 München", PAYS_PROMPTLY },
  { "Café Lumière SARL", "69002 Lyon\nFRANKREICH", PAYS_LATE },
  { "Nordwind Logistik AG", "20095 Hamburg", PAYS_PROMPTLY },
  { "Bäckerei Sonnenschein", "50667 Köln", PAYS_IN_PARTS },
  { "Atelier Dubois", "75011 Paris\nFRANKREICH", PAYS_VERY_LATE },
  { "Greenfield Gardening Ltd", "Bristol BS1 4DJ\nVEREINIGTES KÖNIGREICH", PAYS_PROMPTLY },
  { "Schreinerei Holzmann", "70173 Stuttgart", PAYS_LATE },
  { "Hotel Alpenblick", "6020 Innsbruck\nÖSTERREICH", PAYS_PROMPTLY },
  { "Brightside Media", "Manchester M1 1AE\nVEREINIGTES KÖNIGREICH", STOPPED_PAYING },
  { "Weingut Rebenhof", "67098 Bad Dürkheim", PAYS_PROMPTLY },
  { "Öko-Markt Grünwald", "82031 Grünwald", PAYS_LATE },
  { "Fahrradwerkstatt Speiche", "04109 Leipzig", PAYS_PROMPTLY },
  { "Boulangerie Martin", "33000 Bordeaux\nFRANKREICH", PAYS_IN_PARTS },
  { "Kanzlei Berger & Partner", "10117 Berlin", PAYS_PROMPTLY },
  { "Studio Nakamura 中村デザイン", "10115 Berlin", PAYS_LATE },
  { "Elektro Blitz GmbH", "01067 Dresden", PAYS_VERY_LATE },
  { "Praxis Dr. Schäfer", "60311 Frankfurt am Main", PAYS_PROMPTLY },
  { "Tischlerei Jansen", "28195 Bremen", PAYS_PROMPTLY },
  { "Restaurant Zur Linde", "90402 Nürnberg", PAYS_LATE },
  { "Copperfield Books", "Oxford OX1 3BG\nVEREINIGTES KÖNIGREICH", PAYS_PROMPTLY },
  { "Malerbetrieb Farbenfroh", "30159 Hannover", STOPPED_PAYING },
  { "Autohaus Kraft", "44135 Dortmund", PAYS_PROMPTLY },
  { "Blumen Rosalie", "76133 Karlsruhe", PAYS_IN_PARTS },
  { "Fromagerie Lefèvre", "67000 Strasbourg\nFRANKREICH", PAYS_LATE },
  { "Dachdeckerei Hoch & Co.", "24103 Kiel", PAYS_PROMPTLY },
  { "Yoga Raum Mitte", "10178 Berlin", PAYS_PROMPTLY },
  { "Druckerei Schwarz", "86150 Augsburg", PAYS_VERY_LATE },
  { "Optik Klarblick", "93047 Regensburg", PAYS_PROMPTLY },
  { "Sanitär Wasserfall", "99084 Erfurt", PAYS_LATE },
  { "Event & Ton Verleih", "55116 Mainz", PAYS_PROMPTLY },
  { "Kaffeerösterei Bohne", "18055 Rostock", PAYS_PROMPTLY },
  { "Baumschule Lindner", "49074 Osnabrück", PAYS_IN_PARTS },
  { "Reisebüro Fernweh", "53111 Bonn", PAYS_LATE },
  { "Physiotherapie Bewegt", "79098 Freiburg", PAYS_PROMPTLY },
  { "Gärtnerei Kleeblatt", "38100 Braunschweig", PAYS_PROMPTLY },
  { "Architekturbüro Weitblick", "65183 Wiesbaden", PAYS_VERY_LATE },
};

static const struct
{
  const char *description;
  gint64 unit_price;
  gint tax_bp;
} demo_items[] = {
  { "Consulting, per hour", 9500, 1900 },
  { "Website maintenance (monthly)", 24900, 1900 },
  { "Printed flyers, 1000 pieces", 18750, 1900 },
  { "Workshop day", 120000, 1900 },
  { "Travel expenses", 8640, 1900 },
  { "Books", 2490, 700 },
  { "Software licence (yearly)", 59000, 1900 },
  { "Photography, half day", 45000, 1900 },
};

static gboolean
add_payment (RcvDatabase *db,
             gint64       customer_id,
             gint64       invoice_id,
             const GDate *date,
             gint64       amount,
             const char  *reference,
             GError     **error)
{
  g_autoptr(RcvPayment) payment = rcv_payment_new ();

  payment->customer_id = customer_id;
  payment->date = *date;
  payment->amount = amount;
  payment->method = g_strdup (_("Bank transfer"));
  payment->reference = g_strdup (reference);
  if (!rcv_ledger_insert_payment_row (db, payment, error))
    return FALSE;
  if (invoice_id == 0)
    return rcv_ledger_auto_allocate_row (db, payment->id, error);
  return rcv_ledger_allocate_row (db, RCV_SOURCE_PAYMENT, payment->id, invoice_id, amount, TRUE,
                                  NULL, error);
}

#define NEVER G_MININT

/* Days after the due date (before it when negative) this customer pays, or NEVER. */
static gint
payment_delay (GRand *rand,
               Habit  habit,
               guint  age_days)
{
  switch (habit)
    {
    case PAYS_PROMPTLY:
      return g_rand_int_range (rand, -10, 6);
    case PAYS_LATE:
      return g_rand_int_range (rand, 5, 45);
    case PAYS_VERY_LATE:
      return g_rand_int_range (rand, 30, 120);
    case PAYS_IN_PARTS:
      return g_rand_int_range (rand, 0, 40);
    case STOPPED_PAYING:
      /* paid well until about five months ago */
      return age_days > 150 ? g_rand_int_range (rand, 0, 20) : NEVER;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
fill_profile (RcvDatabase *db,
              GError     **error)
{
  static const char *const profile[][2] = {
    { RCV_COMPANY_NAME, "Beispiel Handel GmbH" },
    { RCV_COMPANY_ADDRESS, "Hauptstraße 1\n10115 Berlin\nDeutschland" },
    { RCV_COMPANY_TAX_ID, "DE123456789" },
    { RCV_COMPANY_EMAIL, "buchhaltung@beispiel-handel.example" },
    { RCV_COMPANY_PHONE, "+49 30 1234567" },
    { RCV_COMPANY_BANK, "Beispielbank Berlin" },
    { RCV_COMPANY_IBAN, "DE89 3704 0044 0532 0130 00" },
    { RCV_COMPANY_BIC, "COBADEFF" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (profile); i++)
    if (!rcv_database_set_setting (db, profile[i][0], profile[i][1], error))
      return FALSE;
  return TRUE;
}

/* The ECB's main refinancing rate on 1 January and 1 July, in basis points, that statutory
 * interest adds 8 points to; later half-years of the sample keep the last rate. */
/* The demo's statutory interest runs up to today: the half-years after the last shipped ECB
 * rate get that rate, entered as the demo company's own (a demo assumption, shown as such in
 * Preferences). */
static gboolean
fill_reference_rates (RcvDatabase *db,
                      const GDate *today,
                      GError     **error)
{
  guint n = 0, last_year = g_date_get_year (today);
  const RcvReferenceRate *shipped = rcv_reference_rates_built_in (&n);
  RcvReferenceRate latest = { RCV_RATE_REGION_EU, 0, 0, 0, FALSE };

  for (guint i = 0; i < n; i++)
    if (shipped[i].region == RCV_RATE_REGION_EU &&
        shipped[i].year * 2 + shipped[i].half > latest.year * 2 + latest.half)
      latest = shipped[i];
  for (guint year = latest.year; year <= last_year; year++)
    for (guint half = 1; half <= 2; half++)
      {
        RcvReferenceRate rate = { RCV_RATE_REGION_EU, year, half, latest.rate_bp, FALSE };

        if (year * 2 + half <= latest.year * 2 + latest.half)
          continue;
        if (!rcv_reference_rate_set (db, &rate, error))
          return FALSE;
      }
  return TRUE;
}

/* A second policy for the trade customers: statutory interest and the EU's 40 EUR per late
 * invoice (in a company that keeps euros), and fees on the second and third reminders. */
static gint64
add_trade_policy (RcvDatabase *db,
                  GError     **error)
{
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  const RcvCurrency *currency = rcv_database_get_currency (db);
  gint64 unit = currency->decimals == 0 ? 1 : currency->decimals == 3 ? 1000 : 100;

  g_free (policy->name);
  policy->name = g_strdup (_("Trade customers"));
  /* the EU's rules in euros; elsewhere a fixed 8 % a year and no fixed compensation */
  if (g_str_equal (currency->code, "EUR"))
    {
      policy->interest_kind = RCV_INTEREST_STATUTORY_EU;
      policy->compensation = RCV_COMPENSATION_EU;
    }
  else
    {
      policy->interest_kind = RCV_INTEREST_FIXED;
      policy->interest_bp = 800;
    }
  g_array_index (policy->levels, RcvReminderLevel, 1).fee = 5 * unit;
  g_array_index (policy->levels, RcvReminderLevel, 2).fee = 10 * unit;
  if (!rcv_policy_save (db, policy, error))
    return 0;
  return policy->id;
}

/* The invoice paid as its customer's habit has it, if it is by today. */
static gboolean
pay_invoice (RcvDatabase        *db,
             GRand              *rand,
             const DemoCustomer *demo,
             const RcvCustomer  *customer,
             const RcvInvoice   *invoice,
             gint                terms,
             guint32             today_julian,
             GError            **error)
{
  guint32 day = g_date_get_julian (&invoice->issue_date);
  GDate pay_date;
  gint64 open;
  gint delay;

  delay = payment_delay (rand, demo->habit, today_julian - day);
  if (delay == NEVER)
    return TRUE;
  open = rcv_ledger_get_open_amount (db, invoice->id, NULL);
  if (open <= 0)
    return TRUE;
  pay_date = invoice->due_date;
  if (delay > 0)
    g_date_add_days (&pay_date, (guint) delay);
  else if (delay < 0 && (guint) -delay < (guint) terms)
    g_date_subtract_days (&pay_date, (guint) -delay);
  if (g_date_get_julian (&pay_date) < day)
    g_date_set_julian (&pay_date, day);
  if (g_date_get_julian (&pay_date) > today_julian)
    return TRUE;

  if (demo->habit == PAYS_IN_PARTS)
    {
      gint64 half = rcv_round_div (open, 2);
      GDate later = pay_date;

      if (!add_payment (db, customer->id, invoice->id, &pay_date, half, invoice->number,
                        error))
        return FALSE;
      g_date_add_days (&later, (guint) g_rand_int_range (rand, 20, 60));
      if (g_date_get_julian (&later) <= today_julian &&
          !add_payment (db, customer->id, invoice->id, &later, open - half,
                        invoice->number, error))
        return FALSE;
    }
  else if (!add_payment (db, customer->id, invoice->id, &pay_date, open,
                         invoice->number, error))
    return FALSE;
  return TRUE;
}

static gboolean
fill (RcvDatabase *db,
      const GDate *today,
      GRand       *rand,
      GError     **error)
{
  guint32 today_julian = g_date_get_julian (today);
  guint32 start_julian = today_julian - 730;
  guint sequence = 0, credit_sequence = 0;

  gint64 trade_policy;

  if (!fill_profile (db, error) || !fill_reference_rates (db, today, error))
    return FALSE;
  trade_policy = add_trade_policy (db, error);
  if (trade_policy == 0)
    return FALSE;

  for (guint c = 0; c < G_N_ELEMENTS (demo_customers); c++)
    {
      const DemoCustomer *demo = &demo_customers[c];
      g_autoptr(RcvCustomer) customer = rcv_customer_new ();
      guint32 day;
      g_autofree char *slug = NULL;

      customer->code = g_strdup_printf ("C%03u", c + 1);
      customer->name = g_strdup (demo->name);
      slug = g_strdup_printf ("accounts%u", c + 1);
      customer->email = g_strdup_printf ("%s@example.com", slug);
      customer->phone = g_strdup_printf ("+49 30 %07d", g_rand_int_range (rand, 1000000, 9999999));
      customer->address = g_strdup_printf (_("Accounts payable\n%s"), demo->city);
      if (c % 7 == 3)
        customer->terms_days = 14;
      if (c % 4 == 1)
        customer->policy_id = trade_policy;
      if (!rcv_ledger_insert_customer_row (db, customer, error))
        return FALSE;

      /* about 85 invoices each over two years */
      for (day = start_julian + (guint32) g_rand_int_range (rand, 0, 10); day <= today_julian;
           day += (guint32) g_rand_int_range (rand, 3, 15))
        {
          g_autoptr(RcvInvoice) invoice = rcv_invoice_new (RCV_INVOICE_KIND_INVOICE);
          guint n_lines = (guint) g_rand_int_range (rand, 1, 4);
          gint terms = rcv_posting_get_terms (db, customer);

          g_date_clear (&invoice->issue_date, 1);
          g_date_set_julian (&invoice->issue_date, day);
          invoice->due_date = invoice->issue_date;
          g_date_add_days (&invoice->due_date, (guint) terms);
          invoice->number = g_strdup_printf ("%04u-%04u", (guint) g_date_get_year (&invoice->issue_date),
                                             ++sequence);
          invoice->customer_id = customer->id;
          for (guint l = 0; l < n_lines; l++)
            {
              guint item = (guint) g_rand_int_range (rand, 0, G_N_ELEMENTS (demo_items));
              gint64 quantity = (gint64) g_rand_int_range (rand, 1, 9) * 500;

              rcv_invoice_add_line (invoice, demo_items[item].description, quantity,
                                    demo_items[item].unit_price, demo_items[item].tax_bp);
            }
          if (!rcv_ledger_insert_invoice_row (db, invoice, error))
            return FALSE;

          /* now and then a credit note for a returned item */
          if (g_rand_int_range (rand, 0, 40) == 0)
            {
              g_autoptr(RcvInvoice) credit = rcv_invoice_new (RCV_INVOICE_KIND_CREDIT_NOTE);
              RcvInvoiceLine *first = &g_array_index (invoice->lines, RcvInvoiceLine, 0);

              credit->number = g_strdup_printf ("CN-%04u-%04u",
                                                (guint) g_date_get_year (&invoice->issue_date),
                                                ++credit_sequence);
              credit->customer_id = customer->id;
              credit->issue_date = invoice->issue_date;
              g_date_add_days (&credit->issue_date, 3);
              if (g_date_get_julian (&credit->issue_date) > today_julian)
                credit->issue_date = *today;
              credit->due_date = credit->issue_date;
              credit->description = g_strdup_printf (_("Credit for invoice %s"), invoice->number);
              rcv_invoice_add_line (credit, first->description, -500, first->unit_price,
                                    first->tax_bp);
              if (!rcv_ledger_insert_invoice_row (db, credit, error) ||
                  !rcv_ledger_allocate_row (db, RCV_SOURCE_CREDIT_NOTE, credit->id, invoice->id,
                                            0, TRUE, NULL, error))
                return FALSE;
            }

          if (!pay_invoice (db, rand, demo, customer, invoice, terms, today_julian, error))
            return FALSE;
        }

      /* a credit note not yet applied: unapplied credit on the account */
      if (c == 5)
        {
          g_autoptr(RcvInvoice) credit = rcv_invoice_new (RCV_INVOICE_KIND_CREDIT_NOTE);

          credit->number = g_strdup_printf ("CN-%04u-%04u", (guint) g_date_get_year (today),
                                            ++credit_sequence);
          credit->customer_id = customer->id;
          g_date_clear (&credit->issue_date, 1);
          g_date_set_julian (&credit->issue_date, today_julian - 12);
          credit->due_date = credit->issue_date;
          credit->description = g_strdup (_("Goodwill credit"));
          rcv_invoice_add_line (credit, credit->description, 1000, -25000, 0);
          if (!rcv_ledger_insert_invoice_row (db, credit, error))
            return FALSE;
        }

      /* a payment on account for some, allocated oldest first */
      if (c % 9 == 4)
        {
          GDate date;

          g_date_clear (&date, 1);
          g_date_set_julian (&date, today_julian - 20);
          if (!add_payment (db, customer->id, 0, &date, 150000, _("On account"), error))
            return FALSE;
        }
    }

  return TRUE;
}

/* Fills an empty company; a company that has data is refused untouched. */
gboolean
rcv_demo_fill (RcvDatabase *db,
               const GDate *today,
               GError     **error)
{
  g_autoptr(GRand) rand = NULL;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);

  if (!rcv_ledger_is_empty (db))
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_CONFLICT,
                   _("“%s” already holds a company: demo data only fills an empty one"),
                   rcv_database_get_path (db));
      return FALSE;
    }

  rand = g_rand_new_with_seed (g_date_get_julian (today));

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!fill (db, today, rand, error) ||
      !rcv_database_audit (db, "demo", "company", 0, NULL, NULL, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  return TRUE;
}
