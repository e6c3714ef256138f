/* bench-statement.c - the benchmark's bank statement, written from a company's open invoices
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A camt.053 of receipts for open invoices of the company (every seventh open one): two in
 * five carry the invoice's RF reference, three in ten its number in the text, one in five the
 * payer's name only, one in ten nothing known. Shared by rcv-bench (read and matched) and
 * rcv-bench-window (imported on the Bank page).
 */
#include "config.h"

#include "bench-statement.h"
#include "rcv-database-private.h"
#include "rcv-reference.h"

GString *
bench_statement_camt053 (RcvDatabase *db,
                         guint        n_entries)
{
  GString *xml = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  RcvStatement *stmt;
  guint n = 0;

  g_string_append (xml, "<?xml version=\"1.0\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:"
                        "xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Id>B</Id><Acct><Id><IBAN>"
                        "DE02120300000000202051</IBAN></Id></Acct>");
  stmt = rcv_database_prepare (db, "SELECT i.number, i.total - i.allocated, c.name FROM invoices i"
                                   " JOIN customers c ON c.id = i.customer_id"
                                   " WHERE i.settled_date IS NULL AND i.total > 0 AND i.id % 7 = 0"
                                   " LIMIT ?1",
                               &error);
  g_assert_no_error (error);
  rcv_statement_bind_int64 (stmt, 1, n_entries);
  while (rcv_statement_step (stmt) == RCV_ROW)
    {
      const char *number = rcv_statement_column_text (stmt, 0);
      gint64 open = rcv_statement_column_int64 (stmt, 1);
      g_autofree char *ref = rcv_creditor_ref_make (number, 0);
      g_autofree char *name = g_markup_escape_text (rcv_statement_column_text (stmt, 2), -1);
      g_autofree char *text = n % 10 < 4 ? g_strdup_printf ("<Strd><CdtrRefInf><Ref>%s</Ref>"
                                                            "</CdtrRefInf></Strd>", ref)
                              : n % 10 < 7 ? g_strdup_printf ("<Ustrd>Invoice %s</Ustrd>", number)
                              : g_strdup ("<Ustrd>Payment</Ustrd>");

      g_string_append_printf (xml, "<Ntry><Amt Ccy=\"EUR\">%" G_GINT64_FORMAT ".%02d</Amt>"
                              "<CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-20"
                              "</Dt></BookgDt><AcctSvcrRef>E%u</AcctSvcrRef><NtryDtls><TxDtls>"
                              "<RltdPties><Dbtr><Nm>%s</Nm></Dbtr></RltdPties><RmtInf>%s</RmtInf>"
                              "</TxDtls></NtryDtls></Ntry>", open / 100, (int) (open % 100), n,
                              n % 10 == 9 ? "Somebody Else" : name, text);
      n++;
    }
  rcv_statement_reset (stmt);
  g_string_append (xml, "</Stmt></BkToCstmrStmt></Document>");
  return xml;
}
