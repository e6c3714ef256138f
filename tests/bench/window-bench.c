/* window-bench.c - the window's figures on a company: start, pages read, a payment saved
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * rcv-bench-window COMPANY_FILE (under Xvfb: tests/bench/window-timings.sh runs it) opens the
 * real window on the company, prints the window's own debug timings as they come, in seconds
 * after the start, then saves a payment on the newest open invoice through the window's
 * connection, as the payment form does, and prints how long the Invoices row, the Payments
 * list, the Overview and the customer list took to show it. The payment (reference
 * "window-bench") stays in the company file. Last it imports a bank statement of 10 000
 * receipts on the Bank page (bench-statement.c) and prints how long until its entries were
 * listed, and the window's longest stall meanwhile (how late a 10 ms tick came at worst); the
 * entries are taken out of the company file again.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "bench-statement.h"
#include "rcv-application.h"
#include "rcv-bank-page.h"
#include "rcv-database-private.h"
#include "rcv-invoice-list.h"
#include "rcv-ledger.h"
#include "rcv-posting.h"
#include "rcv-ui-fixture.h"
#include "rcv-window.h"

static gint64 start;
static gint64 saved;       /* when the payment was saved, 0 before */
static gint64 shown_reminders; /* when the Reminders page was shown, 0 before */
static GHashTable *seen;   /* what a message says → when it came first (after `saved`) */

static const char *const startup[][2] = {
  { "first frame", "first frame painted" },
  { "Overview figures", "overview read in" },
  { "trend chart", "months read in" },
  { "customer list", "customers read in" },
  { "invoice list", "invoices listed in" },
  { "payment list", "payments listed in" },
};

/* the Reminders page runs the letters when it is first shown */
static const char *const reminders[][2] = {
  { "Reminders page", "dunning run as of the date" },
};

static const char *const after_save[][2] = {
  { "invoice row updated", "invoice rows updated" },
  { "Overview figures", "overview read in" },
  { "trend chart", "months read in" },
  { "customer list", "customers updated in" },
};

static gint64 last_tick, longest_stall;

/* every 10 ms: how late it came is how long the main loop could not answer */
static gboolean
tick (gpointer data)
{
  gint64 now = g_get_monotonic_time ();

  longest_stall = MAX (longest_stall, now - last_tick - 10000);
  last_tick = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
importing (gpointer bank)
{
  return rcv_bank_page_is_importing (bank);
}

/* The Bank page importing the benchmark's statement of 10 000 receipts. */
static void
bench_bank_page (RcvWindow *window)
{
  RcvDatabase *db = rcv_window_get_database (window);
  g_autoptr(GString) xml = bench_statement_camt053 (db, 10000);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("rcv-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  RcvBankPage *bank = RCV_BANK_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                    RCV_TYPE_WINDOW,
                                                                    "bank_page"));
  RcvStatement *stmt;
  gint64 begun, returned, done;
  guint source;

  g_assert_no_error (error);
  path = g_build_filename (dir, "statement.xml", NULL);
  if (!g_file_set_contents (path, xml->str, (gssize) xml->len, &error))
    g_error ("%s", error->message);
  file = g_file_new_for_path (path);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "bank");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  last_tick = g_get_monotonic_time ();
  longest_stall = 0;
  source = g_timeout_add (10, tick, NULL);
  begun = g_get_monotonic_time ();
  if (!rcv_bank_page_import_file (bank, file))
    g_error ("the Bank page did not start the import");
  returned = g_get_monotonic_time ();
  while (importing (bank))
    g_main_context_iteration (NULL, TRUE);
  done = g_get_monotonic_time ();
  for (gint64 until = done + G_USEC_PER_SEC / 2; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);
  g_source_remove (source);
  g_print ("A bank statement of 10 000 receipts imported on the Bank page:\n");
  g_print ("  %-24s %6.3f s\n", "the import call returned", (returned - begun) / 1e6);
  g_print ("  %-24s %6.2f s (%u entries waiting)\n", "entries listed", (done - begun) / 1e6,
           rcv_bank_page_get_n_waiting (bank));
  g_print ("  %-24s %6.3f s (the longest the window could not answer)\n", "longest stall",
           longest_stall / 1e6);

  stmt = rcv_database_prepare (db, "DELETE FROM bank_entries WHERE account ="
                                   " 'DE02120300000000202051'", &error);
  if (stmt == NULL || !rcv_database_step_done (db, stmt, &error))
    g_error ("%s", error->message);
  g_unlink (path);
  g_rmdir (dir);
}

static void
note (const char *message)
{
  const char *const (*table)[2] = saved > 0 ? after_save : shown_reminders > 0 ? reminders : startup;
  guint n = saved > 0 ? G_N_ELEMENTS (after_save)
                      : shown_reminders > 0 ? G_N_ELEMENTS (reminders) : G_N_ELEMENTS (startup);
  const char *when = saved > 0 ? "after" : shown_reminders > 0 ? "reminders" : "start";
  gint64 now = g_get_monotonic_time ();

  for (guint i = 0; i < n; i++)
    if (strstr (message, table[i][1]) != NULL)
      {
        char *key = g_strdup_printf ("%s:%u", when, i);

        if (!g_hash_table_contains (seen, key))
          g_hash_table_insert (seen, key, g_memdup2 (&now, sizeof now));
        else
          g_free (key);
      }
}

static GLogWriterOutput
log_writer (GLogLevelFlags   level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  const char *message = NULL, *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      message = fields[i].value;
    else if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
  if (message == NULL || domain == NULL ||
      !(g_str_has_prefix (domain, "rcv-") || g_str_equal (domain, "receivables")) ||
      (level & G_LOG_LEVEL_DEBUG) == 0)
    return (level & G_LOG_LEVEL_DEBUG) ? G_LOG_WRITER_HANDLED
                                       : g_log_writer_default (level, fields, n_fields, NULL);
  g_print ("%8.3f  %s: %s\n", (g_get_monotonic_time () - start) / 1e6, domain, message);
  note (message);
  return G_LOG_WRITER_HANDLED;
}

static gboolean
all_seen (const char *when,
          guint       n)
{
  for (guint i = 0; i < n; i++)
    {
      char key[64];

      g_snprintf (key, sizeof key, "%s:%u", when, i);
      if (!g_hash_table_contains (seen, key))
        return FALSE;
    }
  return TRUE;
}

static GtkWidget *shot_window;  /* with RCV_SCREENSHOT_DIR: its first frame is kept */

static void
run_until (const char *when,
           guint       n,
           gint64      seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!all_seen (when, n) && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, TRUE);
      /* what the user sees before the figures arrive (the shot itself delays them) */
      if (shot_window != NULL && g_hash_table_contains (seen, "start:0"))
        {
          rcv_ui_screenshot (shot_window, "bench-first-frame");
          shot_window = NULL;
        }
    }
}

static void
print_figures (const char        *when,
               const char *const  names[][2],
               guint              n,
               gint64             from,
               const char        *since)
{
  for (guint i = 0; i < n; i++)
    {
      char key[64];
      gint64 *at;

      g_snprintf (key, sizeof key, "%s:%u", when, i);
      at = g_hash_table_lookup (seen, key);
      if (at == NULL)
        g_print ("  %-24s not within the time allowed\n", names[i][0]);
      else
        g_print ("  %-24s %6.2f s %s\n", names[i][0], (*at - from) / 1e6, since);
    }
}

/* The newest invoice with something open, among the first rows of the Invoices list. */
static RcvInvoiceItem *
newest_open (GListModel *list)
{
  for (guint i = 0; i < MIN (g_list_model_get_n_items (list), 1000u); i++)
    {
      g_autoptr(RcvInvoiceItem) item = g_list_model_get_item (list, i);

      if (item != NULL && rcv_invoice_item_get_open (item) > 1)
        return g_steal_pointer (&item);
    }
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RcvApplication) app = NULL;
  g_autoptr(RcvInvoiceItem) item = NULL;
  g_autoptr(RcvInvoice) invoice = NULL;
  g_autoptr(RcvPayment) payment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *open_before = NULL;
  g_autofree char *open_after = NULL;
  RcvAllocationRequest request;
  GtkWidget *invoices_page;
  GtkSingleSelection *selection;
  RcvWindow *window;
  gint64 returned, shown = 0;

  start = g_get_monotonic_time ();
  if (argc != 2)
    {
      g_printerr ("usage: %s COMPANY_FILE\n", argv[0]);
      return 2;
    }
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_log_set_writer_func (log_writer, NULL, NULL);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  app = rcv_application_new ();
  if (!g_application_register (G_APPLICATION (app), NULL, &error))
    g_error ("%s", error->message);
  window = RCV_WINDOW (rcv_application_open_company (app, argv[1]));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
  if (g_getenv ("RCV_SCREENSHOT_DIR") != NULL)
    shot_window = GTK_WIDGET (window);
  run_until ("start", G_N_ELEMENTS (startup), 120);
  rcv_ui_screenshot (GTK_WIDGET (window), "bench-overview");

  g_print ("The window on %s, after the start:\n", argv[1]);
  print_figures ("start", startup, G_N_ELEMENTS (startup), start, "");

  shown_reminders = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reminders");
  run_until ("reminders", G_N_ELEMENTS (reminders), 60);
  print_figures ("reminders", reminders, G_N_ELEMENTS (reminders), shown_reminders,
                 "after it was shown");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "overview");

  /* a moment for what the start left running (the hourly alerts check) */
  for (gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC; g_get_monotonic_time () < until;)
    g_main_context_iteration (NULL, FALSE);

  invoices_page = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window), RCV_TYPE_WINDOW,
                                                             "invoices_page"));
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (invoices_page,
                                                                   G_OBJECT_TYPE (invoices_page),
                                                                   "selection"));
  item = newest_open (gtk_single_selection_get_model (selection));
  if (item == NULL)
    {
      g_printerr ("no open invoice among the newest thousand\n");
      return 1;
    }
  invoice = rcv_ledger_get_invoice (rcv_window_get_database (window), rcv_invoice_item_get_id (item),
                                    &error);
  if (invoice == NULL)
    g_error ("%s", error->message);
  g_object_get (item, "open-text", &open_before, NULL);

  /* as the payment form saves it: half the open amount, on the invoice */
  payment = rcv_payment_new ();
  payment->customer_id = invoice->customer_id;
  payment->date = invoice->issue_date;
  payment->amount = rcv_invoice_item_get_open (item) / 2;
  payment->reference = g_strdup ("window-bench");
  request.invoice_id = invoice->id;
  request.amount = payment->amount;
  saved = g_get_monotonic_time ();
  if (!rcv_posting_add_payment (rcv_window_get_database (window), payment, &request, 1, FALSE,
                                &error))
    g_error ("%s", error->message);
  returned = g_get_monotonic_time ();
  g_object_get (item, "open-text", &open_after, NULL);
  if (g_strcmp0 (open_before, open_after) != 0)
    shown = returned;
  run_until ("after", G_N_ELEMENTS (after_save), 30);

  g_print ("A payment saved in the window on invoice %s (the save itself: %.3f s):\n",
           invoice->number, (returned - saved) / 1e6);
  if (shown > 0)
    g_print ("  %-24s %6.2f s after the save began (%s → %s, in the row shown)\n",
             "invoice row shows it", (shown - saved) / 1e6, open_before, open_after);
  else
    g_print ("  %-24s not by the end of the save\n", "invoice row shows it");
  print_figures ("after", after_save, G_N_ELEMENTS (after_save), saved,
                 "after the save began");
  bench_bank_page (window);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return 0;
}
