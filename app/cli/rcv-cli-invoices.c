/* rcv-cli-invoices.c - receivables-cli invoices: invoices and credit notes as documents, one PDF
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The documents of the invoices and credit notes numbered on the command line, in that order,
 * each starting on a new page, with the payment details (the RF creditor reference, the EPC
 * QR code) and what is still to pay today. An unknown number or a void document writes
 * nothing and exits 2. Nothing is written to the company file.
 */
#define G_LOG_DOMAIN "receivables-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "rcv-cli.h"
#include "rcv-company-letterhead.h"
#include "rcv-error.h"
#include "rcv-invoice-document.h"

int
command_invoices (const char  *database,
                  int          argc,
                  char       **argv)
{
  g_autoptr(RcvDatabase) db = NULL;
  g_autoptr(RcvLetterhead) head = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *paper_text = NULL;
  g_autofree char *output = NULL;
  int status = EXIT_OK;
  guint n_pages = 0;
  RcvPaper paper;
  GOptionEntry entries[] = {
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_text,
      N_("Paper size (default: the locale's)"), "a4|letter" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The PDF file to write"), "FILE.pdf" },
    { NULL }
  };

  if (!rcv_cli_parse_options ("invoices", entries, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return rcv_cli_usage_error (_("invoices needs the numbers of the invoices or credit notes "
                                  "to write"));
  if (output == NULL)
    return rcv_cli_usage_error (_("invoices needs --output FILE.pdf"));
  if (!g_str_has_suffix (output, ".pdf") && !g_str_has_suffix (output, ".PDF"))
    return rcv_cli_usage_error (_("--output: “%s” does not end in .pdf"), output);
  if (!rcv_paper_from_option (paper_text, &paper))
    return rcv_cli_usage_error (_("--paper: use a4 or letter, not “%s”"), paper_text);

  db = rcv_cli_open_database (database, FALSE, &status);
  if (db == NULL)
    return status;
  documents = rcv_invoice_documents_find (db, (const char *const *) argv + 1, &error);
  if (documents == NULL)
    return rcv_cli_report_error (error);

  head = rcv_letterhead_new_for_company (db, paper);
  if (rcv_letterhead_get_logo_problem (head) != NULL)
    fprintf (stderr, "%s\n", rcv_letterhead_get_logo_problem (head));
  if (!rcv_invoices_write_pdf (head, (const RcvInvoiceDocument *const *) documents->pdata,
                               documents->len, output, &n_pages, &error))
    return rcv_cli_report_error (error);
  printf (ngettext ("Wrote %u document to %s", "Wrote %u documents to %s", documents->len),
          documents->len, output);
  printf (ngettext (" (%u page)\n", " (%u pages)\n", n_pages), n_pages);
  return EXIT_OK;
}
