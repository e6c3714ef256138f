/* test-letter.c - reminder letters as PDF: the text in it, its pages, the window, the logo
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PDF is read back with poppler's pdftotext, pdfinfo and pdfimages, as a person's viewer
 * would read it; RCV_LETTER_PNG_DIR keeps each page as a PNG to look at.
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gi18n-lib.h>
#include <locale.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "rcv-company-letterhead.h"
#include "rcv-company.h"
#include "rcv-date.h"
#include "rcv-dunning.h"
#include "rcv-error.h"
#include "rcv-letter.h"
#include "rcv-policy.h"
#include "rcv-letter-private.h"
#include "rcv-test-utils.h"
#include "rcv-text.h"

#define MM(x) ((x) * 72.0 / 25.4)

typedef struct
{
  char *path;
  char *dir;
  RcvDatabase *db;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const profile[][2] = {
    { RCV_COMPANY_NAME, "Muster & Söhne GmbH" },
    { RCV_COMPANY_ADDRESS, "Hauptstraße 1\n10115 Berlin" },
    { RCV_COMPANY_TAX_ID, "DE123456789" },
    { RCV_COMPANY_EMAIL, "konto@muster.example" },
    { RCV_COMPANY_IBAN, "DE89 3704 0044 0532 0130 00" },
    { RCV_COMPANY_BIC, "COBADEFF" },
  };

  fixture->db = rcv_test_open_new (&fixture->path);
  fixture->dir = g_path_get_dirname (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (profile); i++)
    {
      g_autoptr(GError) error = NULL;
      g_assert_true (rcv_company_set (fixture->db, profile[i][0], profile[i][1], &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->db);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static RcvDunningRun *
run_as_of (RcvDatabase *db,
           const char  *as_of)
{
  g_autoptr(GError) error = NULL;
  RcvDunningRun *run = rcv_dunning_run_new (db, rcv_test_date (as_of), 0, NULL, &error);

  g_assert_no_error (error);
  return run;
}

/* Writes the run's letters and returns the PDF's path; each page kept as a PNG when asked. */
static char *
write_pdf (Fixture             *fixture,
           const RcvDunningRun *run,
           RcvPaper             paper,
           const char          *name,
           guint               *n_pages)
{
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (fixture->db, paper);
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_strconcat (name, ".pdf", NULL);
  char *pdf = g_build_filename (fixture->dir, file, NULL);
  const char *png_dir = g_getenv ("RCV_LETTER_PNG_DIR");

  g_assert_true (rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) run->letters->pdata,
                                        run->letters->len, pdf, n_pages, NULL, NULL, NULL,
                                        &error));
  g_assert_no_error (error);

  if (png_dir != NULL && rcv_test_have_program ("pdftoppm"))
    {
      g_autofree char *prefix = g_build_filename (png_dir, name, NULL);
      const char *argv[] = { "pdftoppm", "-png", "-r", "60", pdf, prefix, NULL };
      g_autofree char *out = NULL;

      g_mkdir_with_parents (png_dir, 0700);
      out = rcv_test_run (argv);
    }
  return pdf;
}

static char *
pdf_text (const char *pdf,
          guint       page)
{
  g_autofree char *number = g_strdup_printf ("%u", page);
  const char *all[] = { "pdftotext", pdf, "-", NULL };
  const char *one[] = { "pdftotext", "-f", number, "-l", number, pdf, "-", NULL };

  return rcv_test_run (page == 0 ? all : one);
}

static char *
pdf_info (const char *pdf,
          const char *field)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *out = rcv_test_run (argv);
  const char *line = strstr (out, field);
  const char *end;

  g_assert_nonnull (line);
  line += strlen (field);
  while (*line == ' ' || *line == ':')
    line++;
  end = strchr (line, '\n');
  return g_strndup (line, end != NULL ? (gsize) (end - line) : strlen (line));
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

typedef struct
{
  double x_min, y_min, x_max, y_max;
} Box;

/* Where a word sits on the first page, in points from the top left, from pdftotext -bbox. */
static gboolean
find_word (const char *pdf,
           const char *word,
           Box        *box)
{
  const char *argv[] = { "pdftotext", "-bbox", "-f", "1", "-l", "1", pdf, "-", NULL };
  g_autofree char *out = rcv_test_run (argv);
  g_autofree char *closing = g_strdup_printf (">%s</word>", word);
  const char *end = strstr (out, closing);
  const char *start;

  if (end == NULL)
    return FALSE;
  for (start = end; start > out && strncmp (start, "<word", 5) != 0; start--)
    ;
  g_assert_cmpint (sscanf (start, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"",
                           &box->x_min, &box->y_min, &box->x_max, &box->y_max), ==, 4);
  return TRUE;
}

/* Names with accents, Japanese and markup characters, invoice numbers and amounts are in the
 * PDF as text, one letter per page. */
static void
test_pdf_text (Fixture       *fixture,
               gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pages = NULL;
  gint64 a = rcv_test_customer (db, "C1", "Café Lumière SARL");
  gint64 b = rcv_test_customer (db, "C2", "Studio Nakamura 中村デザイン");
  gint64 c = rcv_test_customer (db, "C3", "<b>Tom & Jerry</b> Ltd");
  guint n_pages;

  rcv_test_invoice (db, a, "2026-0101", "2026-01-01", "2026-01-31", 123456);
  rcv_test_invoice (db, b, "2026-0102", "2026-01-05", "2026-02-04", 98765);
  rcv_test_invoice (db, c, "2026-0103", "2026-01-06", "2026-02-05", 5000);
  rcv_test_invoice (db, c, "2026-0104", "2026-01-07", "2026-02-06", 2500);
  run = run_as_of (db, "2026-03-01");
  g_assert_cmpuint (run->letters->len, ==, 3);

  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "text", &n_pages);
  g_assert_cmpuint (n_pages, ==, 3);
  pages = pdf_info (pdf, "Pages");
  g_assert_cmpstr (pages, ==, "3");

  text = pdf_text (pdf, 0);
  g_assert_nonnull (strstr (text, "Muster & Söhne GmbH"));
  g_assert_nonnull (strstr (text, "Café Lumière SARL"));
  g_assert_nonnull (strstr (text, "中村デザイン"));
  g_assert_nonnull (strstr (text, "<b>Tom & Jerry</b> Ltd"));   /* never markup */
  /* each number once in its table; a letter about two invoices also asks for both numbers
   * to be quoted, one about one invoice for its RF creditor reference (ISO 11649) */
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *number = g_strdup_printf ("2026-010%u", i);
      g_assert_cmpuint (count (text, number), ==, i >= 3 ? 2 : 1);
    }
  {
    g_autofree char *flat = g_strdup (text);

    g_strdelimit (flat, "\n", ' ');
    g_assert_nonnull (strstr (flat, "quoting the reference RF47 2026 0101."));
    g_assert_nonnull (strstr (flat, "quoting the invoice numbers 2026-0103, 2026-0104."));
  }
  g_assert_nonnull (strstr (text, "1,234.56 €"));
  g_assert_nonnull (strstr (text, "987.65 €"));
  g_assert_nonnull (strstr (text, "75.00 €"));                   /* C3's amount due */
  g_assert_nonnull (strstr (text, "DE89 3704 0044 0532 0130 00"));
  g_assert_nonnull (strstr (text, "DE123456789"));
  g_assert_null (strstr (text, "Page 1 of"));                    /* one page each */

  /* each letter on its own page, in customer order */
  for (guint page = 1; page <= 3; page++)
    {
      g_autofree char *one = pdf_text (pdf, page);
      g_assert_nonnull (strstr (one, page == 1 ? "Café" : page == 2 ? "Nakamura" : "Jerry"));
      g_assert_null (strstr (one, page == 1 ? "Jerry" : "Café"));
    }
}

/* A letter longer than a page: the table goes on, under its header, with page numbers; the
 * next letter starts on a page of its own. */
static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(RcvLetterLayout) layout = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last = NULL;
  g_autofree char *total = NULL;
  gint64 big = rcv_test_customer (db, "C1", "Großkunde AG");
  gint64 small = rcv_test_customer (db, "C2", "Kleinkunde");
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages, letter_pages;

  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *number = g_strdup_printf ("L-%03u", i);
      rcv_test_invoice (db, big, number, "2026-01-01", "2026-01-31", 10000 + i);
    }
  rcv_test_invoice (db, small, "S-001", "2026-01-01", "2026-01-31", 4200);
  run = run_as_of (db, "2026-03-01");

  head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  surface = cairo_pdf_surface_create (NULL, 595, 842);
  cr = cairo_create (surface);
  layout = rcv_letter_layout_new (head, g_ptr_array_index (run->letters, 0), cr);
  letter_pages = rcv_letter_layout_get_n_pages (layout);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpuint (letter_pages, >=, 3);

  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "pages", &n_pages);
  g_assert_cmpuint (n_pages, ==, letter_pages + 1);
  text = pdf_text (pdf, 0);
  for (guint i = 0; i < 90; i++)
    {
      g_autofree char *number = g_strdup_printf ("L-%03u", i);
      g_assert_cmpuint (count (text, number), ==, 1);
    }
  /* 90 × 100.00 + Σ 0..89 cents */
  total = g_strdup ("9,040.05 €");
  g_assert_nonnull (strstr (text, total));
  for (guint page = 1; page <= letter_pages; page++)
    {
      g_autofree char *one = pdf_text (pdf, page);
      g_autofree char *label = g_strdup_printf ("Page %u of %u", page, letter_pages);

      g_assert_nonnull (strstr (one, label));
      g_assert_nonnull (strstr (one, "Invoice"));                /* the header, each page */
      g_assert_nonnull (strstr (one, "Großkunde AG"));
    }
  last = pdf_text (pdf, letter_pages + 1);
  g_assert_nonnull (strstr (last, "Kleinkunde"));
  g_assert_nonnull (strstr (last, "S-001"));
  g_assert_null (strstr (last, "Page "));
  g_assert_null (strstr (last, "L-0"));
}

/* The recipient's name lies inside the envelope's window: DIN 5008 form B on A4, a #10
 * envelope on US Letter; a long name wraps inside the field. */
static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autofree char *a4 = NULL;
  g_autofree char *letter = NULL;
  g_autofree char *a4_size = NULL;
  g_autofree char *letter_size = NULL;
  gint64 customer = rcv_test_customer (db, "C1",
                                       "Windowfield Internationale Handelsgesellschaft für "
                                       "Feinmechanik und Optik Zweigniederlassung Rheinland");
  Box box;

  rcv_test_invoice (db, customer, "W-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");

  a4 = write_pdf (fixture, run, RCV_PAPER_A4, "window-a4", NULL);
  a4_size = pdf_info (a4, "Page size");
  g_assert_true (g_str_has_prefix (a4_size, "595.276 x 841.89 pts"));
  g_assert_true (find_word (a4, "Windowfield", &box));
  g_assert_cmpfloat (box.x_min, >=, MM (20));
  g_assert_cmpfloat (box.y_min, >=, MM (45 + 17.7) - 1);
  g_assert_cmpfloat (box.y_max, <=, MM (90));
  g_assert_true (find_word (a4, "Rheinland", &box));            /* wrapped, still inside */
  g_assert_cmpfloat (box.x_max, <=, MM (105));
  g_assert_cmpfloat (box.y_max, <=, MM (90));

  letter = write_pdf (fixture, run, RCV_PAPER_US_LETTER, "window-letter", NULL);
  letter_size = pdf_info (letter, "Page size");
  g_assert_true (g_str_has_prefix (letter_size, "612 x 792 pts"));
  g_assert_true (find_word (letter, "Windowfield", &box));
  g_assert_cmpfloat (box.x_min, >=, 0.875 * 72);
  g_assert_cmpfloat (box.y_min, >=, 2.0 * 72 - 1);
  g_assert_cmpfloat (box.y_max, <=, (2.0 + 1.125) * 72 + 1);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The company's logo is drawn; one that cannot be read is left out, with the reason. */
static void
test_logo (Fixture       *fixture,
           gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(GByteArray) png = g_byte_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *images = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 100);
  cairo_t *cr = cairo_create (surface);
  const char *argv[4] = { "pdfimages", "-list", NULL, NULL };

  cairo_set_source_rgb (cr, 0.8, 0.2, 0.1);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, png), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  bytes = g_bytes_new (png->data, png->len);
  g_assert_true (rcv_company_set_logo (db, bytes, &error));
  g_assert_no_error (error);

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_assert_null (rcv_letterhead_get_logo_problem (head));
  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "logo", NULL);
  argv[2] = pdf;
  images = rcv_test_run (argv);
  g_assert_cmpuint (count (images, "\n"), ==, 3);               /* two header lines, one image */
  g_assert_nonnull (strstr (images, "300   100"));           /* as it is: not scaled up */

  /* an image the letters cannot decode: no logo, a reason, and the letters still print */
  broken = g_bytes_new_static ("\x89PNG\r\n\x1a\nnot really", 18);
  g_assert_true (rcv_company_set_logo (db, broken, &error));
  g_assert_no_error (error);
  g_clear_pointer (&head, rcv_letterhead_free);
  head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_assert_nonnull (rcv_letterhead_get_logo_problem (head));
  g_clear_pointer (&pdf, g_free);
  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "logo-broken", NULL);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* Nothing to write, a folder that is not there, a cancelled batch: an error, and no file (or
 * the old one) left behind. */
static void
test_errors (Fixture       *fixture,
             gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-folder", "x.pdf", NULL);
  g_autofree char *old = g_build_filename (fixture->dir, "old.pdf", NULL);
  g_autofree char *contents = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");

  g_assert_false (rcv_letters_write_pdf (head, NULL, 0, old, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (old, G_FILE_TEST_EXISTS));

  rcv_test_invoice (db, customer, "R-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  g_assert_false (rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) run->letters->pdata,
                                         1, missing, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  rcv_test_write_file (old, "the old letters");
  g_cancellable_cancel (cancellable);
  g_assert_false (rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) run->letters->pdata,
                                         1, old, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (old, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old letters");
}

static void
count_progress (guint    done,
                guint    total,
                gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, ==, *calls + 1);
  g_assert_cmpuint (total, ==, 5);
  (*calls)++;
}

/* The batch reports its progress letter by letter. */
static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (fixture->dir, "progress.pdf", NULL);
  guint calls = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *code = g_strdup_printf ("C%u", i);
      g_autofree char *number = g_strdup_printf ("P-%u", i);
      gint64 customer = rcv_test_customer (db, code, code);
      rcv_test_invoice (db, customer, number, "2026-01-01", "2026-01-31", 10000);
    }
  run = run_as_of (db, "2026-03-01");
  g_assert_true (rcv_letters_write_pdf (head, (const RcvDunningLetter *const *) run->letters->pdata,
                                        run->letters->len, pdf, NULL, count_progress, &calls,
                                        NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 5);
}

/* In German, with the app's translations: the built-in text, the table and the amounts as a
 * German reader expects them. */
static void
test_german (Fixture       *fixture,
             gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  const char *localedir = g_getenv ("RCV_LOCALEDIR");
  gint64 customer = rcv_test_customer (db, "C1", "Müller KG");

  if (localedir == NULL || setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("no de_DE.UTF-8 locale or no translations built");
      return;
    }
  g_setenv ("LANGUAGE", "de", TRUE);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  rcv_test_invoice (db, customer, "R-77", "2026-01-01", "2026-01-31", 123456);
  run = run_as_of (db, "2026-02-10");
  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "german", NULL);
  text = pdf_text (pdf, 0);
  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");

  g_assert_nonnull (strstr (text, "Sehr geehrte Damen und Herren"));
  g_assert_nonnull (strstr (text, "Überfällige Rechnungen"));
  g_assert_nonnull (strstr (text, "Zahlbetrag"));
  g_assert_nonnull (strstr (text, "1.234,56 €"));
  g_assert_nonnull (strstr (text, "01.01.2026"));              /* the table: numeric */
  g_assert_nonnull (strstr (text, "Februar 2026"));            /* the letter's date */
  g_assert_null (strstr (text, ".26 "));                       /* never a 2-digit year */
  g_assert_nonnull (strstr (text, "Müller KG"));
}

/* Names are isolates in the letter: an override in one (“\u202Eevil\u202C Corp”, which
 * showed as “Corp live”) is left out and cannot run past the name, a stray PDI cannot end the
 * isolate early, and a right-to-left name is kept as written, as its own isolate. */
static void
test_bidi_names (Fixture       *fixture,
                 gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autofree char *shortened = rcv_text_isolate ("Müller\u202E GmbH", 3);
  g_autofree char *plain = rcv_text_shorten ("Mü\xff" "ller", 3);
  gint64 evil = rcv_test_customer (db, "C1", "\u202Eevil\u202C Corp\u2069\u202D");
  gint64 arabic = rcv_test_customer (db, "C2", "شركة الأمل\u200F");
  const char *const expected[] = { "\u2068evil Corp\u2069", "\u2068شركة الأمل\u200F\u2069" };

  g_assert_cmpstr (shortened, ==, "\u2068Mül…\u2069");
  g_assert_cmpstr (plain, ==, "Mü\uFFFD…");
  rcv_test_invoice (db, evil, "E-1", "2026-01-01", "2026-01-31", 10000);
  rcv_test_invoice (db, arabic, "A-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  g_assert_cmpuint (run->letters->len, ==, 2);
  head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);

  for (guint i = 0; i < 2; i++)
    {
      RcvDunningLetter *letter = g_ptr_array_index (run->letters, i);
      g_autoptr(RcvLetterLayout) layout = NULL;
      g_autofree char *body = NULL;
      g_autofree char *greeting = NULL;
      cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595, 842);
      cairo_t *cr = cairo_create (surface);
      const char *recipient, *running;

      layout = rcv_letter_layout_new (head, letter, cr);
      rcv_letter_layout_get_texts (layout, &recipient, &running);
      g_assert_true (g_str_has_prefix (recipient, expected[i]));
      g_assert_true (g_str_has_prefix (running, expected[i]));
      g_assert_true (g_str_has_prefix (running + strlen (expected[i]), " · "));
      body = rcv_dunning_letter_expand (letter, "Dear {customer}, pay.", "Firma", NULL,
                                        rcv_database_get_currency (db));
      greeting = g_strconcat ("Dear ", expected[i], ", pay.", NULL);
      g_assert_cmpstr (body, ==, greeting);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

static RcvLetterLayout *
layout_letter (const RcvLetterhead    *head,
               const RcvDunningLetter *letter)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (NULL, 595, 842);
  cairo_t *cr = cairo_create (surface);
  RcvLetterLayout *layout = rcv_letter_layout_new (head, letter, cr);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return layout;
}

/* The page a part's blocks are on: all of them on one page, or G_MAXUINT. */
static guint
page_of (GArray        *blocks,
         RcvLetterPart  part)
{
  guint page = G_MAXUINT;

  for (guint i = 0; i < blocks->len; i++)
    {
      const RcvLetterBlockInfo *b = &g_array_index (blocks, RcvLetterBlockInfo, i);

      if (b->part != part)
        continue;
      if (page != G_MAXUINT && page != b->page)
        return G_MAXUINT;
      page = b->page;
    }
  return page;
}

static gboolean
page_holds (GArray        *blocks,
            guint          page,
            RcvLetterPart  part)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      const RcvLetterBlockInfo *b = &g_array_index (blocks, RcvLetterBlockInfo, i);

      if (b->page == page && b->part == part)
        return TRUE;
    }
  return FALSE;
}

/* The facts of a letter's pages, whatever its length: every block inside the text area; the
 * payment details whole on one page, with the totals and at least one row of the table on
 * it; the closing after them on that page; each page the table runs on to starts with its
 * header row; a header row is never last on a page. */
static void
check_pages (const RcvLetterLayout *layout,
             RcvPaper               paper,
             guint                  n_invoices)
{
  g_autoptr(GArray) blocks = rcv_letter_layout_get_blocks (layout);
  guint n_pages = rcv_letter_layout_get_n_pages (layout);
  guint payment = page_of (blocks, RCV_LETTER_PART_PAYMENT);
  guint rows = 0, last_payment = 0, first_closing = G_MAXUINT;
  double height;

  rcv_paper_get_size (paper, NULL, &height);
  g_assert_cmpuint (payment, !=, G_MAXUINT);
  g_assert_cmpuint (page_of (blocks, RCV_LETTER_PART_TOTALS), ==, payment);
  g_assert_cmpuint (page_of (blocks, RCV_LETTER_PART_CLOSING), ==, payment);
  g_assert_true (page_holds (blocks, payment, RCV_LETTER_PART_TABLE_ROW));
  for (guint i = 0; i < blocks->len; i++)
    {
      const RcvLetterBlockInfo *b = &g_array_index (blocks, RcvLetterBlockInfo, i);
      const RcvLetterBlockInfo *next = i + 1 < blocks->len
                                         ? &g_array_index (blocks, RcvLetterBlockInfo, i + 1)
                                         : NULL;

      g_assert_cmpuint (b->page, <, n_pages);
      g_assert_cmpfloat (b->y + b->height, <=, height - MM (27) + 0.01);
      if (b->part == RCV_LETTER_PART_TABLE_ROW)
        rows++;
      if (b->part == RCV_LETTER_PART_PAYMENT)
        last_payment = i;
      if (b->part == RCV_LETTER_PART_CLOSING && first_closing == G_MAXUINT)
        first_closing = i;
      if (b->part == RCV_LETTER_PART_TABLE_HEADER)
        g_assert_true (next != NULL && next->page == b->page &&
                       next->part == RCV_LETTER_PART_TABLE_ROW);
      /* a page that goes on with the table starts with its header */
      if (next != NULL && next->page != b->page && next->part == RCV_LETTER_PART_TABLE_ROW)
        g_assert_cmpint (next->part, ==, RCV_LETTER_PART_TABLE_HEADER);
      if (next != NULL && next->page != b->page &&
          (b->part == RCV_LETTER_PART_TABLE_ROW || b->part == RCV_LETTER_PART_TABLE_HEADER))
        g_assert_true (next->part == RCV_LETTER_PART_TABLE_HEADER);
    }
  g_assert_cmpuint (rows, ==, n_invoices);
  g_assert_cmpuint (first_closing, !=, G_MAXUINT);
  g_assert_cmpuint (first_closing, >, last_payment);
}

/* Letters of 1 to 40 invoices on A4 and US Letter: the payment details are never alone on a
 * page (a 16-invoice letter put “Account holder: …” alone on page 2), the closing follows
 * them, and a table that runs on repeats its header. */
static void
test_keep_together (Fixture       *fixture,
                    gconstpointer  data)
{
  static const guint counts[] = { 1, 12, 14, 15, 16, 17, 18, 19, 20, 24, 40 };
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  guint n = 0;

  for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      g_autofree char *code = g_strdup_printf ("C%02u", c);
      gint64 customer = rcv_test_customer (db, code, code);

      for (guint i = 0; i < counts[c]; i++)
        {
          g_autofree char *number = g_strdup_printf ("2026-%02u%02u", c, i);
          rcv_test_invoice (db, customer, number, "2026-01-01", "2026-01-31", 10000 + i);
        }
    }
  run = run_as_of (db, "2026-03-01");
  g_assert_cmpuint (run->letters->len, ==, G_N_ELEMENTS (counts));

  for (RcvPaper paper = RCV_PAPER_A4; paper <= RCV_PAPER_US_LETTER; paper++)
    {
      g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, paper);

      for (guint c = 0; c < run->letters->len; c++)
        {
          g_autoptr(RcvLetterLayout) layout = layout_letter (head,
                                                             g_ptr_array_index (run->letters, c));

          check_pages (layout, paper, counts[c]);
          if (counts[c] >= 40)
            g_assert_cmpuint (rcv_letter_layout_get_n_pages (layout), >=, 2);
          if (rcv_letter_layout_get_n_pages (layout) > 1)
            n++;
        }
    }
  g_assert_cmpuint (n, >=, 4);   /* the rules were put to the test on several letters */
}

/* The closing (“Kind regards”, the company) stands under the payment details in the PDF,
 * and the dates are written out. */
static void
test_closing (Fixture       *fixture,
              gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");
  const char *regards, *iban, *table;

  rcv_test_invoice (db, customer, "K-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "closing", NULL);
  text = pdf_text (pdf, 0);
  regards = strstr (text, "Kind regards");
  iban = strstr (text, "IBAN: DE89 3704 0044 0532 0130 00");
  table = strstr (text, "K-1");
  g_assert_nonnull (regards);
  g_assert_nonnull (iban);
  g_assert_nonnull (table);
  g_assert_true (table < iban && iban < regards);
  g_assert_nonnull (strstr (regards, "Muster & Söhne GmbH"));
  g_assert_nonnull (strstr (text, "1 March 2026"));             /* the letter's date */
  {
    RcvDunningLetter *letter = g_ptr_array_index (run->letters, 0);
    g_autofree char *deadline = rcv_date_format_long (&letter->deadline);
    g_autofree char *by = g_strdup_printf ("by %s", deadline);

    g_assert_true (g_str_has_suffix (deadline, " March 2026"));
    g_assert_nonnull (strstr (text, by));                        /* the deadline */
  }
  g_assert_nonnull (strstr (text, "01/31/2026"));                /* the table: 4 digits */
  g_assert_null (strstr (text, "/26"));
}

/* A level's own text: its last paragraph is the closing when it is signed "{company}" or
 * opens with a short phrase; a text that ends in a sentence keeps it where it is. */
static void
test_own_closing (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct { const char *body; gboolean closing; } cases[] = {
    { "Madame, Monsieur,\n\nVeuillez régler {total}.\n\n"
      "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.\n{company}", TRUE },
    { "Hello,\n\nplease pay {total}.\n\nBest wishes", TRUE },
    { "Hello,\n\nplease pay {total} by {deadline}, or we will have to write to you again "
      "about these invoices.", FALSE },
    { "Please pay {total}.", FALSE },
  };
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");
  RcvDunningLetter *letter;
  char *body;

  rcv_test_invoice (db, customer, "K-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  letter = g_ptr_array_index (run->letters, 0);
  body = letter->body;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RcvLetterLayout) layout = NULL;
      g_autoptr(GArray) blocks = NULL;
      guint closing = G_MAXUINT, payment = 0;

      letter->body = (char *) cases[i].body;
      layout = layout_letter (head, letter);
      blocks = rcv_letter_layout_get_blocks (layout);
      for (guint b = 0; b < blocks->len; b++)
        {
          RcvLetterPart part = g_array_index (blocks, RcvLetterBlockInfo, b).part;

          if (part == RCV_LETTER_PART_PAYMENT)
            payment = b;
          if (part == RCV_LETTER_PART_CLOSING && closing == G_MAXUINT)
            closing = b;
        }
      if (cases[i].closing)
        g_assert_cmpuint (closing, ==, payment + 1);
      else
        g_assert_cmpuint (closing, ==, G_MAXUINT);
    }
  letter->body = body;
}

/* A name of 4 000 characters is shortened in the window, in the smallest print, so that the
 * address under it stays whole; a name that fits is left alone, in the normal size. */
static void
test_window_long_name (Fixture       *fixture,
                       gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_autoptr(GString) huge = g_string_new (NULL);
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");
  RcvDunningLetter *letter;
  char *name, *address;

  while (huge->len < 4000)
    g_string_append (huge, "Internationale Handelsgesellschaft ");
  rcv_test_invoice (db, customer, "K-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  letter = g_ptr_array_index (run->letters, 0);
  name = letter->name;
  address = letter->address;
  letter->address = (char *) "Accounts payable\n10115 Berlin";
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(RcvLetterLayout) layout = NULL;
      const char *recipient, *running;

      letter->name = i == 0 ? (char *) "Kunde GmbH" : huge->str;
      layout = layout_letter (head, letter);
      rcv_letter_layout_get_texts (layout, &recipient, &running);
      g_assert_true (g_str_has_suffix (recipient, "\nAccounts payable\n10115 Berlin"));
      if (i == 0)
        {
          g_assert_cmpfloat (rcv_letter_layout_get_recipient_size (layout), ==, 10);
          g_assert_true (g_str_has_prefix (recipient, "\u2068Kunde GmbH\u2069\n"));
        }
      else
        {
          g_assert_cmpfloat (rcv_letter_layout_get_recipient_size (layout), ==, 8);
          g_assert_cmpuint (strlen (recipient), <, 1000);
          g_assert_nonnull (strstr (recipient, "…"));
        }
    }
  letter->name = name;
  letter->address = address;
}

/* The return address above the window fits the window's width: smaller, then without the
 * company's country, and only then shortened with a visible ellipsis. */
static void
test_return_line (Fixture       *fixture,
                  gconstpointer  data)
{
  static const struct
  {
    const char *name, *address, *has, *lacks;
    gboolean ellipsized;
  } cases[] = {
    { "Muster & Söhne GmbH", "Hauptstraße 1\n10115 Berlin", "10115 Berlin", "·  ·", FALSE },
    { "Beispiel Handel GmbH", "Hauptstraße 1\n10115 Berlin\nDeutschland", "Deutschland",
      "·  ·", FALSE },
    { "Muster & Söhne GmbH",
      "Friedrich-Ebert-Straße 12\n10115 Berlin\nBundesrepublik Deutschland", "10115 Berlin",
      "Bundesrepublik", FALSE },
    { "Internationale Handelsgesellschaft für Feinmechanik und Optik Muster & Söhne GmbH & Co. KG",
      "Friedrich-Ebert-Straße 123, Hinterhaus, 3. Obergeschoss\n10115 Berlin\nDeutschland",
      "10115 Berlin", "Deutschland", TRUE },
  };
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");

  rcv_test_invoice (db, customer, "K-1", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(RcvLetterhead) head = NULL;
      g_autoptr(RcvLetterLayout) layout = NULL;
      g_autoptr(GError) error = NULL;
      const char *text;
      double width, size, window;
      gboolean ellipsized;

      g_assert_true (rcv_company_set (db, RCV_COMPANY_NAME, cases[i].name, &error));
      g_assert_true (rcv_company_set (db, RCV_COMPANY_ADDRESS, cases[i].address, &error));
      g_assert_no_error (error);
      head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
      layout = layout_letter (head, g_ptr_array_index (run->letters, 0));
      rcv_letter_layout_get_return_line (layout, &text, &width, &size, &window, &ellipsized);
      g_assert_nonnull (text);
      g_assert_cmpfloat (width, <=, window);
      g_assert_cmpfloat (size, >=, 6);
      if (strstr (text, cases[i].has) == NULL)
        g_error ("case %u: “%s” at %g pt", i, text, size);
      g_assert_null (strstr (text, cases[i].lacks));
      if (ellipsized != cases[i].ellipsized)
        g_error ("case %u: “%s” at %g pt, %g of %g", i, text, size, width, window);
      g_assert_true (g_str_has_prefix (text, cases[i].name));
      if (i == 0)
        g_assert_cmpfloat (size, ==, 7);
      if (ellipsized)
        g_assert_cmpfloat (size, ==, 6);
    }
}

/* E-mail addresses, IBANs and invoice numbers never break inside: an address with a hyphen
 * broke at it (“konto@muster-” / “soehne.example”). The address's length varies so that it
 * meets the line's end at every point of the sentence. */
static void
test_unbroken (Fixture       *fixture,
               gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Kunde");

  rcv_test_invoice (db, customer, "2026-REF-LONG-0001", "2026-01-01", "2026-01-31", 10000);
  run = run_as_of (db, "2026-03-01");
  for (guint i = 1; i <= 24; i++)
    {
      g_autofree char *local = g_strnfill (i, 'k');
      g_autofree char *email = g_strdup_printf ("%s@muster-soehne.example", local);
      g_autofree char *name = g_strdup_printf ("unbroken-%u", i);
      g_autofree char *pdf = NULL;
      g_autofree char *text = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (rcv_company_set (db, RCV_COMPANY_EMAIL, email, &error));
      g_assert_no_error (error);
      pdf = write_pdf (fixture, run, i % 2 ? RCV_PAPER_A4 : RCV_PAPER_US_LETTER, name, NULL);
      text = pdf_text (pdf, 0);
      g_assert_null (strstr (text, "muster-\n"));
      g_assert_cmpuint (count (text, email), >=, 2);       /* the letterhead and the text */
      g_assert_nonnull (strstr (text, "DE89 3704 0044 0532 0130 00"));
      g_assert_nonnull (strstr (text, "2026-REF-LONG-0001"));
    }
}

/* The address check: a town's line is one with a postcode (4 to 6 digits, or the British or
 * Canadian form) and a word; a last line after it without digits is a country; without one,
 * an address whose postcode is written unlike the company's own (10115) probably goes abroad
 * without its country. A French address (69002 Lyon) looks domestic to a German company: the
 * check cannot tell, and says nothing. Too long and too many lines are measured as printed. */
static void
test_address_check (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct { const char *address; RcvAddressProblem expected; } cases[] = {
    { "Accounts payable\n30159 Hannover", RCV_ADDRESS_PROBLEM_NONE },
    { "Hauptstraße 5\nD-80331 München", RCV_ADDRESS_PROBLEM_NONE },
    { "", RCV_ADDRESS_PROBLEM_MISSING },
    { "  \n \n", RCV_ADDRESS_PROBLEM_MISSING },
    { "Hauptstraße 5", RCV_ADDRESS_PROBLEM_NO_TOWN },
    { "Hauptstraße 5\nMünchen", RCV_ADDRESS_PROBLEM_NO_TOWN },
    { "12 Baker Street\nLondon SW1A 1AA", RCV_ADDRESS_PROBLEM_NO_COUNTRY },
    { "12 Baker Street\nLondon SW1A 1AA\nUnited Kingdom", RCV_ADDRESS_PROBLEM_NONE },
    { "Rue de la Loi 16\n1000 Bruxelles", RCV_ADDRESS_PROBLEM_NO_COUNTRY },
    { "Rue de la Loi 16\n1000 Bruxelles\nBelgique", RCV_ADDRESS_PROBLEM_NONE },
    { "1 Rue de la République\n69002 Lyon", RCV_ADDRESS_PROBLEM_NONE },
    { "A\nB\nC\nD\nE\nF\nG\n10115 Berlin", RCV_ADDRESS_PROBLEM_TOO_MANY_LINES },
  };
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvLetterhead) head = rcv_letterhead_new_for_company (db, RCV_PAPER_A4);
  g_autoptr(RcvLetterhead) vague = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *huge = g_strnfill (4000, 'W');
  g_autofree char *all = NULL;
  RcvDunningLetter letter = { 0 };
  RcvAddressProblem problems;

  letter.name = (char *) "Kunde GmbH";
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      letter.address = (char *) cases[i].address;
      problems = rcv_letter_check_address (head, &letter);
      if (problems != cases[i].expected)
        g_error ("“%s”: %d, not %d", cases[i].address, problems, cases[i].expected);
    }
  g_assert_null (rcv_address_problem_describe (RCV_ADDRESS_PROBLEM_NONE));

  /* a long name wraps inside the window; one of 4 000 characters does not fit it at all */
  letter.address = (char *) "Accounts payable\n30159 Hannover";
  letter.name = (char *) "Windowfield Internationale Handelsgesellschaft für Feinmechanik und "
                         "Optik Zweigniederlassung Rheinland";
  g_assert_cmpint (rcv_letter_check_address (head, &letter), ==,
                   RCV_ADDRESS_PROBLEM_LINE_TOO_LONG);
  letter.name = huge;
  problems = rcv_letter_check_address (head, &letter);
  g_assert_cmpint (problems, ==, RCV_ADDRESS_PROBLEM_LINE_TOO_LONG |
                                 RCV_ADDRESS_PROBLEM_TOO_MANY_LINES);
  all = rcv_address_problem_describe (problems | RCV_ADDRESS_PROBLEM_NO_COUNTRY);
  g_assert_cmpuint (count (all, "\n"), ==, 2);
  g_assert_nonnull (strstr (all, "country"));
  g_assert_nonnull (strstr (all, "window"));

  /* a company whose own address has no postcode cannot tell what is abroad */
  g_assert_true (rcv_company_set (db, RCV_COMPANY_ADDRESS, "Am Markt", &error));
  g_assert_no_error (error);
  vague = rcv_letterhead_new_for_company (db, RCV_PAPER_US_LETTER);
  letter.name = (char *) "Kunde GmbH";
  letter.address = (char *) "12 Baker Street\nLondon SW1A 1AA";
  g_assert_cmpint (rcv_letter_check_address (vague, &letter), ==, RCV_ADDRESS_PROBLEM_NONE);
}

static void
german_statutory (RcvPolicy *policy)
{
  policy->interest_kind = RCV_INTEREST_STATUTORY_DE;
  policy->compensation = RCV_COMPENSATION_EU;
}

/* The letter states the basis of each claim: the law, and per invoice the rate, the periods,
 * the days and the amount; the compensation's law and sum. A first reminder of the default
 * policy claims neither, and says nothing of them. */
static void
test_basis (Fixture       *fixture,
            gconstpointer  data)
{
  RcvDatabase *db = fixture->db;
  g_autoptr(RcvDunningRun) run = NULL;
  g_autoptr(RcvPolicy) policy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;
  gint64 customer = rcv_test_customer (db, "C1", "Kunde GmbH");
  guint n_pages;

  policy = rcv_policy_load (db, 0, &error);
  g_assert_no_error (error);
  german_statutory (policy);
  g_assert_true (rcv_policy_save (db, policy, &error));
  g_assert_no_error (error);
  rcv_test_invoice (db, customer, "R-1", "2025-05-01", "2025-05-31", 100000);
  run = run_as_of (db, "2025-08-31");
  g_assert_cmpuint (run->letters->len, ==, 1);

  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "basis-first", &n_pages);
  first = pdf_text (pdf, 0);
  g_assert_null (strstr (first, "BGB"));
  g_assert_null (strstr (first, "Compensation"));
  g_clear_pointer (&pdf, g_free);

  g_assert_true (rcv_dunning_letter_set_level (g_ptr_array_index (run->letters, 0), 2, &error));
  g_assert_no_error (error);
  pdf = write_pdf (fixture, run, RCV_PAPER_A4, "basis", &n_pages);
  second = pdf_text (pdf, 0);
  /* pdftotext breaks the lines where the letter does: compare without them */
  text = g_strdelimit (g_strdup (second), "\n", ' ');
  g_assert_nonnull (strstr (text, "§ 288 (2) BGB"));
  g_assert_nonnull (strstr (text, "11.27% × 30 days (1 June 2025 to 30 June 2025)"));
  g_assert_nonnull (strstr (text, "10.27% × 62 days (1 July 2025 to 31 August 2025)"));
  g_assert_nonnull (strstr (text, "= 26.71 €"));
  g_assert_nonnull (strstr (text, "§ 288 (5) BGB"));
  g_assert_nonnull (strstr (text, "40.00 €"));
}

static void
test_paper (void)
{
  RcvPaper paper;
  double width, height;

  g_assert_true (rcv_paper_from_option ("a4", &paper));
  g_assert_cmpint (paper, ==, RCV_PAPER_A4);
  g_assert_true (rcv_paper_from_option ("letter", &paper));
  g_assert_cmpint (paper, ==, RCV_PAPER_US_LETTER);
  g_assert_true (rcv_paper_from_option ("A4", &paper));
  g_assert_cmpint (paper, ==, RCV_PAPER_A4);
  g_assert_true (rcv_paper_from_option ("auto", &paper));
  g_assert_cmpint (paper, ==, rcv_paper_for_locale ());
  g_assert_false (rcv_paper_from_option ("a5", &paper));
  rcv_paper_get_size (RCV_PAPER_US_LETTER, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 612, 0.01);
  g_assert_cmpfloat_with_epsilon (height, 792, 0.01);
  rcv_paper_get_size (RCV_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.276, 0.01);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/letter/paper", test_paper);
#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/letter/pdf-text", test_pdf_text);
  ADD ("/letter/pages", test_pages);
  ADD ("/letter/window", test_window);
  ADD ("/letter/logo", test_logo);
  ADD ("/letter/errors", test_errors);
  ADD ("/letter/progress", test_progress);
  ADD ("/letter/german", test_german);
  ADD ("/letter/bidi-names", test_bidi_names);
  ADD ("/letter/keep-together", test_keep_together);
  ADD ("/letter/closing", test_closing);
  ADD ("/letter/own-closing", test_own_closing);
  ADD ("/letter/window-long-name", test_window_long_name);
  ADD ("/letter/return-line", test_return_line);
  ADD ("/letter/unbroken", test_unbroken);
  ADD ("/letter/address-check", test_address_check);
  ADD ("/letter/basis", test_basis);
#undef ADD

  status = g_test_run ();
  /* let go of the font caches, so that valgrind sees only what the letters might leak */
  rcv_test_release_fonts ();
  return status;
}
