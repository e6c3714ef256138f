/* rcv-camt.c - ISO 20022 camt.053 (statement) and camt.054 (debit/credit notification)
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read with libxml2, versions .001.02 to .001.08 of both (the elements used here kept their
 * names across them; where they moved, both places are read: a transaction's amount under
 * AmtDtls/TxAmt (02, 03) or directly (04 on), the debtor's name under Dbtr (up to 07) or
 * Dbtr/Pty (08), the entry's status as text (up to 07) or under Cd (08)). Elements are found by
 * their local names inside the document's own namespace. The parser loads no DTD, substitutes
 * no entities and reaches no network. An entry with several transactions (a batch) gives one
 * entry per transaction; only booked entries count (pending ones are listed as such). Each
 * statement's balances (PRCD or OPBD, and CLBD) are checked against its entries.
 */
#define G_LOG_DOMAIN "rcv-bank"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "rcv-date.h"
#include "rcv-error.h"
#include "rcv-reference.h"
#include "rcv-bank-statement-private.h"

#define CAMT_NS "urn:iso:std:iso:20022:tech:xsd:camt.05"

typedef struct
{
  const char *file_name;
  const RcvCurrency *currency;
  const xmlChar *ns;
  GError **error;
} Reader;

static gboolean
is_element (xmlNode    *node,
            const char *name,
            const xmlChar *ns)
{
  return node != NULL && node->type == XML_ELEMENT_NODE &&
         xmlStrcmp (node->name, (const xmlChar *) name) == 0 &&
         node->ns != NULL && xmlStrcmp (node->ns->href, ns) == 0;
}

/* The first child element of `node` at the end of a '/'-separated path of local names. */
static xmlNode *
find (xmlNode       *node,
      const char    *path,
      const xmlChar *ns)
{
  g_auto(GStrv) names = g_strsplit (path, "/", -1);

  for (guint i = 0; names[i] != NULL && node != NULL; i++)
    {
      xmlNode *child = node->children;

      while (child != NULL && !is_element (child, names[i], ns))
        child = child->next;
      node = child;
    }
  return node;
}

/* The element's text, trimmed; NULL for no element or an empty one. */
static char *
text_of (xmlNode *node)
{
  xmlChar *content;
  char *text;

  if (node == NULL)
    return NULL;
  content = xmlNodeGetContent (node);
  text = g_strstrip (g_strdup ((const char *) content));
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static char *
find_text (xmlNode       *node,
           const char    *path,
           const xmlChar *ns)
{
  return text_of (find (node, path, ns));
}

/* "line 12 (Ntry/Amt)": where an element stands, for a message. */
static char *
where_of (xmlNode    *node,
          const char *path)
{
  return g_strdup_printf (_("line %ld (%s)"), xmlGetLineNo (node), path);
}

static gboolean
fail (Reader     *reader,
      xmlNode    *node,
      const char *path,
      const char *problem)
{
  g_autofree char *where = where_of (node, path);

  g_set_error (reader->error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE, "%s, %s: %s",
               reader->file_name, where, problem);
  return FALSE;
}

static gboolean
read_amount (Reader     *reader,
             xmlNode    *parent,
             const char *path,
             gint64     *amount)
{
  xmlNode *node = find (parent, path, reader->ns);
  g_autofree char *text = text_of (node);

  if (text == NULL)
    return fail (reader, parent, path, _("the amount is missing"));
  if (!rcv_bank_read_amount (text, '.', reader->currency, amount))
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is not an amount in %s"), text,
                                                  reader->currency->code);

      return fail (reader, node, path, problem);
    }
  return TRUE;
}

/* A date as ISO 20022 writes it: 2026-03-02, or a date and time. */
static gboolean
read_date (Reader     *reader,
           xmlNode    *parent,
           const char *name,
           GDate      *date,
           gboolean    required)
{
  g_autofree char *path_dt = g_strconcat (name, "/Dt", NULL);
  g_autofree char *path_dttm = g_strconcat (name, "/DtTm", NULL);
  g_autofree char *text = find_text (parent, path_dt, reader->ns);

  if (text == NULL)
    text = find_text (parent, path_dttm, reader->ns);
  if (text == NULL)
    return !required || fail (reader, parent, path_dt, _("the date is missing"));
  if (strlen (text) > 10)
    text[10] = '\0';
  if (!rcv_date_parse_iso (text, date, NULL))
    {
      g_autofree char *problem = g_strdup_printf (_("“%s” is not a date"), text);

      return fail (reader, find (parent, path_dt, reader->ns), path_dt, problem);
    }
  return TRUE;
}

static gboolean
is_credit (Reader  *reader,
           xmlNode *node,
           gboolean *credit)
{
  g_autofree char *mark = find_text (node, "CdtDbtInd", reader->ns);

  if (g_strcmp0 (mark, "CRDT") == 0)
    *credit = TRUE;
  else if (g_strcmp0 (mark, "DBIT") == 0)
    *credit = FALSE;
  else
    return fail (reader, node, "CdtDbtInd", _("neither CRDT nor DBIT"));
  return TRUE;
}

/* The remittance lines, the creditor reference, the parties of one transaction. */
static void
read_details (Reader       *reader,
              xmlNode      *tx,
              RcvBankEntry *entry)
{
  xmlNode *remittance = find (tx, "RmtInf", reader->ns);
  char *name;
  char *iban;

  for (xmlNode *line = remittance != NULL ? remittance->children : NULL; line != NULL;
       line = line->next)
    if (is_element (line, "Ustrd", reader->ns))
      {
        g_autofree char *text = text_of (line);
        char *joined = rcv_bank_join (entry->remittance, text);

        g_free (entry->remittance);
        entry->remittance = joined;
      }
    else if (is_element (line, "Strd", reader->ns) && entry->reference == NULL)
      entry->reference = find_text (line, "CdtrRefInf/Ref", reader->ns);
  if (entry->end_to_end == NULL)
    {
      entry->end_to_end = find_text (tx, "Refs/EndToEndId", reader->ns);
      if (g_strcmp0 (entry->end_to_end, "NOTPROVIDED") == 0)
        g_clear_pointer (&entry->end_to_end, g_free);
    }
  name = find_text (tx, "RltdPties/Dbtr/Nm", reader->ns);
  if (name == NULL)
    name = find_text (tx, "RltdPties/Dbtr/Pty/Nm", reader->ns);
  if (name != NULL)
    {
      g_free (entry->payer_name);
      entry->payer_name = name;
    }
  iban = find_text (tx, "RltdPties/DbtrAcct/Id/IBAN", reader->ns);
  if (iban != NULL)
    {
      g_free (entry->payer_iban);
      entry->payer_iban = rcv_reference_compact (iban);
      g_free (iban);
    }
}

static gboolean
read_entry (Reader       *reader,
            xmlNode      *node,
            guint         index,
            RcvBankStatement *statement)
{
  g_autoptr(RcvBankEntry) base = rcv_bank_entry_new ();
  g_autofree char *status = NULL;
  g_autofree char *reversal = NULL;
  g_autoptr(GPtrArray) transactions = g_ptr_array_new ();
  xmlNode *details = find (node, "NtryDtls", reader->ns);

  if (!read_amount (reader, node, "Amt", &base->amount) ||
      !is_credit (reader, node, &base->credit) ||
      !read_date (reader, node, "BookgDt", &base->booking_date, TRUE) ||
      !read_date (reader, node, "ValDt", &base->value_date, FALSE))
    return FALSE;
  reversal = find_text (node, "RvslInd", reader->ns);
  base->reversal = g_strcmp0 (reversal, "true") == 0;
  status = find_text (node, "Sts/Cd", reader->ns);
  if (status == NULL)
    status = find_text (node, "Sts", reader->ns);
  base->pending = status != NULL && g_strcmp0 (status, "BOOK") != 0;
  base->entry_ref = find_text (node, "AcctSvcrRef", reader->ns);
  if (base->entry_ref == NULL)
    base->entry_ref = find_text (node, "NtryRef", reader->ns);
  base->currency = (char *) xmlGetProp (find (node, "Amt", reader->ns), (const xmlChar *) "Ccy");
  base->where = where_of (node, "Ntry");

  for (xmlNode *tx = details != NULL ? details->children : NULL; tx != NULL; tx = tx->next)
    if (is_element (tx, "TxDtls", reader->ns))
      g_ptr_array_add (transactions, tx);

  if (transactions->len <= 1)
    {
      if (transactions->len == 1)
        read_details (reader, g_ptr_array_index (transactions, 0), base);
      g_ptr_array_add (statement->entries, g_steal_pointer (&base));
      return TRUE;
    }
  /* a batch: one entry per transaction, each with its own amount and reference */
  for (guint i = 0; i < transactions->len; i++)
    {
      xmlNode *tx = g_ptr_array_index (transactions, i);
      RcvBankEntry *entry = rcv_bank_entry_new ();
      g_autofree char *tx_ref = find_text (tx, "Refs/AcctSvcrRef", reader->ns);

      entry->booking_date = base->booking_date;
      entry->value_date = base->value_date;
      entry->credit = base->credit;
      entry->reversal = base->reversal;
      entry->pending = base->pending;
      entry->currency = g_strdup (base->currency);
      entry->where = where_of (tx, "Ntry/NtryDtls/TxDtls");
      entry->entry_ref = tx_ref != NULL ? g_steal_pointer (&tx_ref)
                         : g_strdup_printf ("%s/%u", base->entry_ref != NULL ? base->entry_ref
                                                                              : "entry", i + 1);
      g_ptr_array_add (statement->entries, entry);
      if ((find (tx, "Amt", reader->ns) != NULL && !read_amount (reader, tx, "Amt", &entry->amount)) ||
          (find (tx, "Amt", reader->ns) == NULL &&
           !read_amount (reader, tx, "AmtDtls/TxAmt/Amt", &entry->amount)))
        return FALSE;
      read_details (reader, tx, entry);
    }
  (void) index;
  return TRUE;
}

/* The balance of a type (PRCD or OPBD for the opening, CLBD for the closing); FALSE when the
 * statement has none of it. */
static gboolean
find_balance (Reader     *reader,
              xmlNode    *statement,
              const char *code,
              gint64     *amount,
              gboolean   *ok)
{
  for (xmlNode *node = statement->children; node != NULL; node = node->next)
    {
      g_autofree char *type = NULL;
      gboolean credit = TRUE;

      if (!is_element (node, "Bal", reader->ns))
        continue;
      type = find_text (node, "Tp/CdOrPrtry/Cd", reader->ns);
      if (g_strcmp0 (type, code) != 0)
        continue;
      if (!read_amount (reader, node, "Amt", amount) || !is_credit (reader, node, &credit))
        {
          *ok = FALSE;
          return FALSE;
        }
      if (!credit)
        *amount = -*amount;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_statement (Reader       *reader,
                xmlNode      *node,
                RcvBankStatement *statement,
                gboolean      first)
{
  guint first_entry = statement->entries->len;
  guint index = 0;
  gint64 opening = 0, closing = 0;
  gboolean ok = TRUE, has_opening, has_closing;

  if (first)
    {
      statement->account = find_text (node, "Acct/Id/IBAN", reader->ns);
      if (statement->account == NULL)
        statement->account = find_text (node, "Acct/Id/Othr/Id", reader->ns);
      statement->statement_id = find_text (node, "Id", reader->ns);
    }
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (is_element (child, "Ntry", reader->ns) && !read_entry (reader, child, index++, statement))
      return FALSE;

  has_opening = find_balance (reader, node, "PRCD", &opening, &ok) ||
                (ok && find_balance (reader, node, "OPBD", &opening, &ok));
  has_closing = ok && find_balance (reader, node, "CLBD", &closing, &ok);
  if (!ok)
    return FALSE;
  if (has_opening && has_closing)
    {
      g_autofree char *where = where_of (node, "Stmt");

      if (!rcv_bank_statement_check_range (statement, first_entry, opening, closing, where,
                                      reader->file_name, reader->currency, reader->error))
        return FALSE;
      if (first)
        statement->opening = opening;
      statement->closing = closing;
      statement->has_balances = TRUE;
    }
  return TRUE;
}

RcvBankStatement *
rcv_camt_parse (const char        *data,
                gsize              length,
                const char        *file_name,
                const RcvCurrency *currency,
                GError           **error)
{
  Reader reader = { file_name, currency, NULL, error };
  g_autoptr(RcvBankStatement) statement = NULL;
  xmlDoc *doc;
  xmlNode *root, *body;
  const char *version, *rest;
  gboolean notification, first = TRUE;

  if (length > G_MAXINT)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE, _("%s: the file is too large"),
                   file_name);
      return NULL;
    }
  doc = xmlReadMemory (data, (int) length, file_name, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    {
      const xmlError *problem = xmlGetLastError ();
      g_autofree char *why = g_strstrip (g_strdup (problem != NULL && problem->message != NULL
                                                     ? problem->message : ""));

      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
                   /* Translators: an XML file that does not read: file, line, why */
                   _("%s, line %d: not well-formed XML: %s"), file_name,
                   problem != NULL ? problem->line : 0, why);
      return NULL;
    }
  root = xmlDocGetRootElement (doc);
  version = root != NULL && root->ns != NULL ? (const char *) root->ns->href : "";
  /* …camt.053.001.02 to …camt.054.001.08 */
  rest = g_str_has_prefix (version, CAMT_NS) ? version + strlen (CAMT_NS) : "";
  if (root == NULL || xmlStrcmp (root->name, (const xmlChar *) "Document") != 0 ||
      strlen (rest) != 8 || (rest[0] != '3' && rest[0] != '4') ||
      strncmp (rest + 1, ".001.0", 6) != 0 || rest[7] < '2' || rest[7] > '8')
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE,
                   _("%s: not a camt.053 or camt.054 document of versions 02 to 08 (its "
                     "namespace is “%s”)"), file_name, version);
      xmlFreeDoc (doc);
      return NULL;
    }
  reader.ns = root->ns->href;
  notification = rest[0] == '4';
  statement = rcv_bank_statement_new (notification ? RCV_BANK_CAMT054 : RCV_BANK_CAMT053);
  body = find (root, notification ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt", reader.ns);
  if (body == NULL)
    {
      fail (&reader, root, notification ? "BkToCstmrDbtCdtNtfctn" : "BkToCstmrStmt",
            _("the message's body is missing"));
      xmlFreeDoc (doc);
      return NULL;
    }
  for (xmlNode *node = body->children; node != NULL; node = node->next)
    if (is_element (node, notification ? "Ntfctn" : "Stmt", reader.ns))
      {
        if (!read_statement (&reader, node, statement, first))
          {
            xmlFreeDoc (doc);
            return NULL;
          }
        first = FALSE;
      }
  xmlFreeDoc (doc);
  if (first)
    {
      g_set_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE, _("%s: the file holds no %s"),
                   file_name, notification ? "Ntfctn" : "Stmt");
      return NULL;
    }
  return g_steal_pointer (&statement);
}
