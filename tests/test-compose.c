/* test-compose.c - a letter opened in the user's mail app: through a stand-in Email portal on
 * the test's own session bus (the PDF passed as a file descriptor, byte for byte), its answers
 * (done, cancelled, failed, none, on a handle of its own), Cancel, xdg-email where no portal
 * answers, and what is said when neither is there
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "rcv-company.h"
#include "rcv-company-letterhead.h"
#include "rcv-dunning.h"
#include "rcv-fake-email-portal.h"
#include "rcv-ledger.h"
#include "rcv-mail-compose.h"
#include "rcv-mail-draft.h"
#include "rcv-test-utils.h"

typedef struct
{
  char *path;
  RcvDatabase *db;
  RcvDunningRun *run;
  RcvLetterhead *head;
  GBytes *pdf;
  char *attachment;
} Letter;

/* One overdue invoice of a customer with an address, its letter, the letter's PDF saved. */
static void
letter_open (Letter *l)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvMailDraft) draft = NULL;
  gint64 id;

  l->db = rcv_test_open_new (&l->path);
  g_assert_true (rcv_database_set_currency (l->db, "EUR", &error));
  g_assert_true (rcv_company_set (l->db, RCV_COMPANY_NAME, "Beispiel Handel GmbH", &error));
  id = rcv_test_customer (l->db, "K1", "Müller & Söhne GmbH");
  rcv_test_set_email (l->db, id, "buchhaltung@mueller.example");
  rcv_test_invoice (l->db, id, "2026-0001", "2026-09-01", "2026-10-01", 119000);
  l->run = rcv_dunning_run_new (l->db, rcv_test_date ("2026-11-15"), 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (l->run->letters->len, ==, 1);
  l->head = rcv_letterhead_new_for_company (l->db, rcv_paper_for_locale ());
  l->pdf = rcv_letter_pdf_bytes (l->head, g_ptr_array_index (l->run->letters, 0), &error);
  g_assert_no_error (error);
  draft = rcv_mail_draft_for_letter (l->head, g_ptr_array_index (l->run->letters, 0));
  l->attachment = rcv_mail_compose_save_attachment (draft->attachment_name, l->pdf, &error);
  g_assert_no_error (error);
}

static void
letter_close (Letter *l)
{
  g_clear_pointer (&l->pdf, g_bytes_unref);
  g_clear_pointer (&l->head, rcv_letterhead_free);
  g_clear_pointer (&l->run, rcv_dunning_run_free);
  g_clear_object (&l->db);
  g_free (l->attachment);
  g_free (l->path);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Outcome;

static void
on_composed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = rcv_mail_compose_finish (result, &outcome->error);
  outcome->done = TRUE;
}

static gboolean
outcome_done (gpointer data)
{
  return ((Outcome *) data)->done;
}

static void
compose (const char   *address,
         const char   *subject,
         const char   *body,
         const char   *attachment,
         GCancellable *cancellable,
         Outcome      *outcome)
{
  rcv_mail_compose (NULL, "x11:1a", address, subject, body, attachment, cancellable,
                    on_composed, outcome);
  rcv_test_wait_until (outcome_done, outcome);
}

/* The draft: the level's title and the company as the subject, the letter's text, the file
 * named by the customer and the date; the statement's likewise. */
static void
test_draft (void)
{
  Letter l = { 0 };
  g_autoptr(RcvMailDraft) draft = NULL;
  const RcvDunningLetter *letter;

  letter_open (&l);
  letter = g_ptr_array_index (l.run->letters, 0);
  draft = rcv_mail_draft_for_letter (l.head, letter);
  g_assert_true (g_str_has_prefix (draft->subject, letter->title));
  g_assert_true (g_str_has_suffix (draft->subject, " – Beispiel Handel GmbH"));
  g_assert_nonnull (strstr (draft->body, "1,190.00"));
  g_assert_true (g_str_has_suffix (draft->body, "The letter is attached as a PDF file."));
  /* the letter's text without the isolates that lay the user's text out on paper */
  g_assert_nonnull (strstr (draft->body, "Beispiel Handel GmbH"));
  g_assert_null (strstr (draft->body, "\u2068"));
  g_assert_null (strstr (draft->body, "\u2069"));
  g_assert_cmpstr (draft->attachment_name, ==, "Reminder K1 2026-11-15.pdf");
  /* saved in the cache under that name, mode 0600, the PDF as made */
  {
    g_autofree char *contents = NULL;
    gsize length = 0;
    GStatBuf st;

    g_assert_true (g_str_has_suffix (l.attachment, "/receivables/mail/Reminder K1 2026-11-15.pdf"));
    g_assert_true (g_file_get_contents (l.attachment, &contents, &length, NULL));
    g_assert_cmpmem (contents, length, g_bytes_get_data (l.pdf, NULL), g_bytes_get_size (l.pdf));
    g_assert_cmpint (g_stat (l.attachment, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  /* a name with a slash stays in the folder */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *odd = rcv_mail_compose_save_attachment ("../Reminder A/B.pdf", l.pdf, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (odd, "/receivables/mail/_.-Reminder A-B.pdf"));
    g_unlink (odd);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(RcvAccountStatement) statement =
      rcv_account_statement_read (l.db, letter->customer_id, rcv_test_date ("2026-09-01"),
                                  rcv_test_date ("2026-11-30"), &error);
    g_autoptr(RcvMailDraft) again = NULL;

    g_assert_no_error (error);
    again = rcv_mail_draft_for_statement (l.head, statement);
    g_assert_true (g_str_has_prefix (again->subject, "Statement of account – Beispiel Handel GmbH"));
    g_assert_nonnull (strstr (again->body, "1,190.00"));
    g_assert_cmpstr (again->attachment_name, ==, "Statement K1 2026-11-30.pdf");
  }
  letter_close (&l);
}

/* Through the portal: the address, a subject with non-ASCII text, the body, the window, and
 * the PDF read from the descriptor byte for byte. */
static void
test_portal (void)
{
  Letter l = { 0 };
  RcvFakeEmailPortal *portal = rcv_fake_email_portal_start (0);
  g_autoptr(RcvFakeEmail) email = NULL;
  g_autofree char *saved = NULL;
  gsize length = 0;
  Outcome outcome = { 0 };

  letter_open (&l);
  g_assert_true (g_file_get_contents (l.attachment, &saved, &length, NULL));
  g_assert_cmpmem (saved, length, g_bytes_get_data (l.pdf, NULL), g_bytes_get_size (l.pdf));
  g_assert_true (g_str_has_prefix (saved, "%PDF-"));
  compose ("buchhaltung@mueller.example", "Zahlungserinnerung – Müller & Söhne",
           "Sehr geehrte Damen und Herren,\n\n„offen“: 1.190,00 €", l.attachment, NULL,
           &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_cmpuint (rcv_fake_email_portal_count (portal), ==, 1);
  email = rcv_fake_email_portal_get (portal, 0);
  g_assert_cmpstr (email->parent_window, ==, "x11:1a");
  g_assert_cmpstr (email->address, ==, "buchhaltung@mueller.example");
  g_assert_cmpstr (email->subject, ==, "Zahlungserinnerung – Müller & Söhne");
  g_assert_cmpstr (email->body, ==, "Sehr geehrte Damen und Herren,\n\n„offen“: 1.190,00 €");
  g_assert_cmpuint (email->attachments->len, ==, 1);
  /* what the mail app read from the descriptor is the file, byte for byte */
  {
    GBytes *got = g_ptr_array_index (email->attachments, 0);

    g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), saved, length);
  }
  g_assert_false (email->closed);

  /* without an address ("" or NULL): none passed, the mail app asks */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RcvFakeEmail) other = NULL;
      Outcome again = { 0 };

      compose (i == 0 ? "" : NULL, "Subject", "Body", l.attachment, NULL, &again);
      g_assert_no_error (again.error);
      g_assert_true (again.ok);
      other = rcv_fake_email_portal_get (portal, i + 1);
      g_assert_cmpstr (other->address, ==, "");
      g_assert_cmpstr (other->subject, ==, "Subject");
      g_assert_cmpuint (other->attachments->len, ==, 1);
    }
  g_assert_cmpuint (rcv_fake_email_portal_count (portal), ==, 3);
  rcv_fake_email_portal_stop (portal);
  letter_close (&l);
}

/* The person closed the mail app chooser (1), or the portal failed (2): said as such. */
static void
test_portal_cancelled (void)
{
  Letter l = { 0 };
  RcvFakeEmailPortal *portal = rcv_fake_email_portal_start (1);
  Outcome cancelled = { 0 }, failed = { 0 };

  letter_open (&l);
  compose ("a@example.com", "S", "B", l.attachment, NULL, &cancelled);
  g_assert_false (cancelled.ok);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  rcv_fake_email_portal_set_response (portal, 2);
  compose ("a@example.com", "S", "B", l.attachment, NULL, &failed);
  g_assert_false (failed.ok);
  g_assert_error (failed.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (failed.error->message, "attach it to a message yourself"));
  g_assert_cmpuint (rcv_fake_email_portal_count (portal), ==, 2);
  g_clear_error (&cancelled.error);
  g_clear_error (&failed.error);
  rcv_fake_email_portal_stop (portal);
  letter_close (&l);
}

/* A portal that names its request itself (older than the handle token) and answers later:
 * the handle the call returned is followed. */
static void
test_portal_own_handle (void)
{
  Letter l = { 0 };
  RcvFakeEmailPortal *portal = rcv_fake_email_portal_start (0);
  Outcome done = { 0 }, failed = { 0 };

  rcv_fake_email_portal_set_own_handles (portal, TRUE);
  letter_open (&l);
  compose ("a@example.com", "S", "B", l.attachment, NULL, &done);
  g_assert_no_error (done.error);
  g_assert_true (done.ok);
  rcv_fake_email_portal_set_response (portal, 2);
  compose ("a@example.com", "S", "B", l.attachment, NULL, &failed);
  g_assert_error (failed.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_cmpuint (rcv_fake_email_portal_count (portal), ==, 2);
  g_clear_error (&failed.error);
  rcv_fake_email_portal_stop (portal);
  letter_close (&l);
}

static gboolean
cancel_later (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

/* A portal that never answers: Cancel ends the wait and closes the request. */
static void
test_cancel (void)
{
  Letter l = { 0 };
  RcvFakeEmailPortal *portal = rcv_fake_email_portal_start (RCV_FAKE_EMAIL_NO_RESPONSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(RcvFakeEmail) email = NULL;
  Outcome outcome = { 0 };

  letter_open (&l);
  g_timeout_add (300, cancel_later, cancellable);
  compose ("a@example.com", "S", "B", l.attachment, cancellable, &outcome);
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&outcome.error);
  /* the Close call reaches the stand-in */
  for (guint i = 0; i < 100; i++)
    {
      g_clear_pointer (&email, rcv_fake_email_free);
      email = rcv_fake_email_portal_get (portal, 0);
      if (email->closed)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  g_assert_true (email->closed);
  rcv_fake_email_portal_stop (portal);
  letter_close (&l);
}

/* An executable `xdg-email` in `dir` that writes its arguments, one per line (NUL-separated),
 * to `log`, and exits with `status`. */
static void
fake_xdg_email (const char *dir,
                const char *log,
                int         status)
{
  g_autofree char *script = g_build_filename (dir, "xdg-email", NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n"
                                           "for a in \"$@\"; do printf '%%s\\0' \"$a\"; done > '%s'\n"
                                           "exit %d\n", log, status);

  rcv_test_write_file (script, text);
  g_assert_cmpint (g_chmod (script, 0755), ==, 0);
}

/* No portal on the bus: xdg-email gets the message as arguments, user text intact (no shell
 * reads it); its failure is said. */
static void
test_xdg_email (void)
{
  Letter l = { 0 };
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *log = g_build_filename (dir, "args", NULL);
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  g_autofree char *contents = NULL;
  gsize length = 0;
  Outcome outcome = { 0 }, failed = { 0 };
  const char *subject = "Mahnung \"2\" – $HOME `id` ; rm -rf /";

  letter_open (&l);
  fake_xdg_email (dir, log, 0);
  g_setenv ("PATH", dir, TRUE);
  compose ("buchhaltung@mueller.example", subject, "Zeile 1\nZeile 2 $(id)", l.attachment, NULL,
           &outcome);
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_true (g_file_get_contents (log, &contents, &length, NULL));
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new ();

    for (gsize at = 0; at < length; at += strlen (contents + at) + 1)
      g_ptr_array_add (args, contents + at);
    g_assert_cmpuint (args->len, ==, 8);
    g_assert_cmpstr (g_ptr_array_index (args, 0), ==, "--utf8");
    g_assert_cmpstr (g_ptr_array_index (args, 1), ==, "--subject");
    g_assert_cmpstr (g_ptr_array_index (args, 2), ==, subject);
    g_assert_cmpstr (g_ptr_array_index (args, 3), ==, "--body");
    g_assert_cmpstr (g_ptr_array_index (args, 4), ==, "Zeile 1\nZeile 2 $(id)");
    g_assert_cmpstr (g_ptr_array_index (args, 5), ==, "--attach");
    g_assert_cmpstr (g_ptr_array_index (args, 6), ==, l.attachment);
    g_assert_cmpstr (g_ptr_array_index (args, 7), ==, "buchhaltung@mueller.example");
  }

  fake_xdg_email (dir, log, 3);
  compose ("a@example.com", "S", "B", l.attachment, NULL, &failed);
  g_assert_error (failed.error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_nonnull (strstr (failed.error->message, "exit status 3"));
  g_setenv ("PATH", old_path, TRUE);
  g_clear_error (&failed.error);
  rcv_test_rmdir (dir);
  letter_close (&l);
}

/* Neither a portal on the bus nor xdg-email on PATH: the way out is said. */
static void
test_nothing (void)
{
  Letter l = { 0 };
  g_autofree char *dir = rcv_test_tmpdir ();
  g_autofree char *old_path = g_strdup (g_getenv ("PATH"));
  Outcome missing = { 0 };

  letter_open (&l);
  /* an empty folder: no xdg-email, whatever the machine has */
  g_setenv ("PATH", dir, TRUE);
  compose ("a@example.com", "S", "B", l.attachment, NULL, &missing);
  g_setenv ("PATH", old_path, TRUE);
  g_assert_false (missing.ok);
  g_assert_error (missing.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (missing.error->message, "Neither the desktop's Email portal nor "
                                                    "xdg-email"));
  g_assert_nonnull (strstr (missing.error->message, "save the PDF"));
  g_clear_error (&missing.error);
  rcv_test_rmdir (dir);
  letter_close (&l);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/compose/draft", test_draft);
  g_test_add_func ("/core/compose/portal", test_portal);
  g_test_add_func ("/core/compose/portal-cancelled", test_portal_cancelled);
  g_test_add_func ("/core/compose/portal-own-handle", test_portal_own_handle);
  g_test_add_func ("/core/compose/cancel", test_cancel);
  g_test_add_func ("/core/compose/xdg-email", test_xdg_email);
  g_test_add_func ("/core/compose/nothing", test_nothing);
  status = g_test_run ();
  rcv_test_release_fonts ();
  return status;
}
