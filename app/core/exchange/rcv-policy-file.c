/* rcv-policy-file.c - policy files: a company's credit policies and reference rates as JSON
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * README's "Policy files" describes the format. Reading checks everything first and reports
 * every problem with its line and column; one problem, and nothing is written.
 */
#define G_LOG_DOMAIN "rcv-policy"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rcv-database-private.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-money.h"
#include "rcv-policy-file.h"
#include "rcv-policy-private.h"
#include "rcv-rates-private.h"
#include "rcv-text.h"

#define POLICY_FILE_FORMAT "receivables-policies"
#define POLICY_FILE_VERSION 1

static const RcvCurrency percent = { "PCT", 2 };

/* The company's policies and reference rates as a policy file (README: "Policy files"). */
char *
rcv_policy_export_json (RcvDatabase  *db,
                        GError      **error)
{
  g_autoptr(RcvJsonWriter) json = rcv_json_writer_new (TRUE);
  g_autoptr(GPtrArray) policies = NULL;
  g_autoptr(GArray) rates = NULL;
  const RcvCurrency *currency;

  g_return_val_if_fail (RCV_IS_DATABASE (db), NULL);

  policies = rcv_policy_list (db, error);
  if (policies == NULL)
    return NULL;
  rates = rcv_reference_rates_list (db, error);
  if (rates == NULL)
    return NULL;
  currency = rcv_database_get_currency (db);

  rcv_json_begin_object (json);
  rcv_json_key (json, "format");
  rcv_json_string (json, POLICY_FILE_FORMAT);
  rcv_json_key (json, "version");
  rcv_json_int (json, POLICY_FILE_VERSION);
  rcv_json_key (json, "currency");
  rcv_json_string (json, currency->code);
  rcv_json_key (json, "policies");
  rcv_json_begin_array (json);
  for (guint i = 0; i < policies->len; i++)
    rcv_policy_write_json (json, g_ptr_array_index (policies, i), currency);
  rcv_json_end_array (json);
  rcv_json_key (json, "reference_rates");
  rcv_json_begin_array (json);
  for (guint i = 0; i < rates->len; i++)
    {
      const RcvReferenceRate *rate = &g_array_index (rates, RcvReferenceRate, i);

      if (rate->built_in)
        continue;   /* every copy of the app has those */
      rcv_json_begin_object (json);
      rcv_json_key (json, "region");
      rcv_json_string (json, rcv_enum_to_nick (RCV_TYPE_RATE_REGION, rate->region));
      rcv_json_key (json, "year");
      rcv_json_int (json, rate->year);
      rcv_json_key (json, "half");
      rcv_json_int (json, rate->half);
      rcv_json_key (json, "rate_percent");
      rcv_json_money (json, rate->rate_bp, &percent);
      rcv_json_end_object (json);
    }
  rcv_json_end_array (json);
  rcv_json_end_object (json);
  return rcv_json_writer_free_to_string (g_steal_pointer (&json));
}

typedef struct
{
  const char *name;            /* the file's */
  const RcvCurrency *currency;
  GString *problems;
  guint n_problems;
  char *where;                 /* “policy 2 (“Trade”)”, prefixed to the problems */
} Reader;

/* The problems listed; the rest are counted. A file of a million unknown fields would
 * otherwise make a message forty times its size. */
#define MAX_LISTED_PROBLEMS 1000

static void G_GNUC_PRINTF (4, 5)
problem (Reader            *reader,
         const RcvJsonNode *node,
         const char        *key,
         const char        *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (reader->n_problems++ >= MAX_LISTED_PROBLEMS)
    return;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (reader->n_problems > 1)
    g_string_append_c (reader->problems, '\n');
  g_string_append_printf (reader->problems, "%s:%u:%u: ", reader->name, node->line, node->column);
  if (reader->where != NULL)
    g_string_append_printf (reader->problems, "%s, ", reader->where);
  if (key != NULL)
    {
      /* a key may be the file's own (an unknown field) */
      g_autofree char *shown = rcv_text_shorten (key, RCV_TEXT_QUOTE_CHARS);
      g_string_append_printf (reader->problems, "%s: ", shown);
    }
  g_string_append (reader->problems, message);
}

static gboolean
expect_type (Reader            *reader,
             const RcvJsonNode *node,
             const char        *key,
             RcvJsonType        type)
{
  if (node->type == type)
    return TRUE;
  problem (reader, node, key, _("must be %s, not %s"), rcv_json_type_name (type),
           rcv_json_type_name (node->type));
  return FALSE;
}

static void
check_keys (Reader             *reader,
            const RcvJsonNode  *object,
            const char *const  *known)
{
  for (guint i = 0; i < object->keys->len; i++)
    {
      const char *key = g_ptr_array_index (object->keys, i);

      if (!g_strv_contains (known, key))
        {
          g_autofree char *list = g_strjoinv (", ", (char **) known);

          problem (reader, g_ptr_array_index (object->children, i), key,
                   _("is not a known field (the fields are %s)"), list);
        }
    }
}

/* An integer member; absent leaves `value` as it is; null gives -1 when `nullable`. */
static void
read_int (Reader            *reader,
          const RcvJsonNode *object,
          const char        *key,
          gint               min,
          gint               max,
          gboolean           nullable,
          gint              *value)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);
  gint64 parsed;

  if (node == NULL)
    return;
  if (nullable && node->type == RCV_JSON_NULL)
    {
      *value = -1;
      return;
    }
  if (!expect_type (reader, node, key, RCV_JSON_NUMBER))
    return;
  if (!g_ascii_string_to_signed (node->text, 10, min, max, &parsed, NULL))
    {
      problem (reader, node, key, _("%s is not a whole number between %d and %d"), node->text,
               min, max);
      return;
    }
  *value = (gint) parsed;
}

/* An amount (a number or a text, with '.' for decimals) in `currency`'s minor units. */
static void
read_amount (Reader            *reader,
             const RcvJsonNode *object,
             const char        *key,
             const RcvCurrency *currency,
             gboolean           nullable,
             gint64            *value)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);
  g_autoptr(GError) error = NULL;

  if (node == NULL)
    return;
  if (nullable && node->type == RCV_JSON_NULL)
    {
      *value = -1;
      return;
    }
  if (node->type != RCV_JSON_NUMBER && node->type != RCV_JSON_STRING)
    {
      expect_type (reader, node, key, RCV_JSON_NUMBER);
      return;
    }
  if (!rcv_money_parse_plain (node->text, '.', currency, value, &error))
    problem (reader, node, key, "%s", error->message);
  else if (*value < 0)
    problem (reader, node, key, _("must not be negative"));
}

static void
read_percent (Reader            *reader,
              const RcvJsonNode *object,
              const char        *key,
              gint              *value)
{
  gint64 amount = *value;

  read_amount (reader, object, key, &percent, FALSE, &amount);
  if (amount > 10000)
    {
      g_autofree char *all = rcv_percent_format (10000);

      problem (reader, rcv_json_object_get (object, key), key, _("must be at most %s"), all);
    }
  else
    *value = (gint) amount;
}

static const char *
read_string (Reader            *reader,
             const RcvJsonNode *object,
             const char        *key)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);

  if (node == NULL || !expect_type (reader, node, key, RCV_JSON_STRING))
    return NULL;
  return node->text;
}

static void
read_claim (Reader            *reader,
            const RcvJsonNode *object,
            const char        *key,
            RcvClaim          *claim)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);

  if (node != NULL && expect_type (reader, node, key, RCV_JSON_BOOLEAN))
    *claim = node->boolean ? RCV_CLAIM_YES : RCV_CLAIM_NO;
}

static void
read_levels (Reader            *reader,
             const RcvJsonNode *object,
             RcvPolicy         *policy)
{
  static const char *const known[] = {
    "days_after_due", "title", "text", "fee", "claims_interest", "claims_compensation",
    "deadline_days", NULL,
  };
  const RcvJsonNode *levels = rcv_json_object_get (object, "reminder_levels");

  if (levels == NULL || !expect_type (reader, levels, "reminder_levels", RCV_JSON_ARRAY))
    return;
  g_array_set_size (policy->levels, 0);
  for (guint i = 0; i < levels->children->len; i++)
    {
      const RcvJsonNode *node = g_ptr_array_index (levels->children, i);
      g_autofree char *key = g_strdup_printf ("reminder_levels[%u]", i);
      gint days = 0;
      gint64 fee = 0;
      const char *title, *text;
      RcvReminderLevel *level;

      if (!expect_type (reader, node, key, RCV_JSON_OBJECT))
        continue;
      check_keys (reader, node, known);
      if (rcv_json_object_get (node, "days_after_due") == NULL)
        problem (reader, node, key, _("days_after_due is required"));
      read_int (reader, node, "days_after_due", RCV_MIN_LEVEL_DAYS, RCV_MAX_POLICY_DAYS, FALSE,
                &days);
      title = read_string (reader, node, "title");
      text = read_string (reader, node, "text");
      read_amount (reader, node, "fee", reader->currency, FALSE, &fee);
      level = rcv_policy_add_level (policy, days, title, text, fee);
      /* absent: the level claims what its policy sets, as files before version 8 meant */
      read_claim (reader, node, "claims_interest", &level->claims_interest);
      read_claim (reader, node, "claims_compensation", &level->claims_compensation);
      read_int (reader, node, "deadline_days", 1, 365, FALSE, &level->deadline_days);
    }
}

static RcvPolicy *
read_policy (Reader            *reader,
             const RcvJsonNode *object,
             gboolean          *is_default)
{
  static const char *const known[] = {
    "name", "default", "terms_days", "discount_days", "discount_percent", "credit_limit",
    "interest", "interest_rate_percent", "compensation", "alert_days_first",
    "alert_days_second", "hold_after_days", "agency_after_days", "days_between_letters",
    "reminder_levels", NULL,
  };
  g_autoptr(RcvPolicy) policy = rcv_policy_new ();
  g_autoptr(GError) error = NULL;
  const RcvJsonNode *node;
  const char *text;
  const char *field;
  gint level;
  int value;
  guint before = reader->n_problems;

  text = read_string (reader, object, "name");
  if (rcv_json_object_get (object, "name") == NULL)
    problem (reader, object, "name", _("is required"));
  g_free (policy->name);
  policy->name = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (policy->name[0] != '\0')
    {
      g_autofree char *shown = rcv_text_shorten (policy->name, RCV_TEXT_QUOTE_CHARS);

      /* Translators: where a policy file's problem is: policy “Trade” */
      reader->where = g_strdup_printf (_("policy “%s”"), shown);
    }
  check_keys (reader, object, known);

  node = rcv_json_object_get (object, "default");
  *is_default = FALSE;
  if (node != NULL && expect_type (reader, node, "default", RCV_JSON_BOOLEAN))
    *is_default = node->boolean;
  read_int (reader, object, "terms_days", 0, RCV_MAX_POLICY_DAYS, FALSE, &policy->terms_days);
  read_int (reader, object, "discount_days", 0, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->discount_days);
  read_percent (reader, object, "discount_percent", &policy->discount_bp);
  read_amount (reader, object, "credit_limit", reader->currency, TRUE, &policy->credit_limit);
  text = read_string (reader, object, "interest");
  if (rcv_enum_from_nick (RCV_TYPE_INTEREST_KIND, text, &value))
    policy->interest_kind = value;
  else if (text != NULL)
    {
      g_autofree char *shown = rcv_text_shorten (text, RCV_TEXT_QUOTE_CHARS);
      problem (reader, rcv_json_object_get (object, "interest"), "interest",
               _("“%s” is not one of none, fixed, statutory-eu, statutory-de, statutory-fr, "
                 "statutory-nl, statutory-at, statutory-uk"), shown);
    }
  read_percent (reader, object, "interest_rate_percent", &policy->interest_bp);
  text = read_string (reader, object, "compensation");
  if (rcv_enum_from_nick (RCV_TYPE_COMPENSATION, text, &value))
    policy->compensation = value;
  else if (text != NULL)
    {
      g_autofree char *shown = rcv_text_shorten (text, RCV_TEXT_QUOTE_CHARS);
      problem (reader, rcv_json_object_get (object, "compensation"), "compensation",
               _("“%s” is not one of none, eu, uk"), shown);
    }
  read_int (reader, object, "alert_days_first", 1, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->alert_days_first);
  read_int (reader, object, "alert_days_second", 1, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->alert_days_second);
  read_int (reader, object, "hold_after_days", 1, RCV_MAX_POLICY_DAYS, TRUE, &policy->hold_days);
  read_int (reader, object, "agency_after_days", 1, RCV_MAX_POLICY_DAYS, TRUE,
            &policy->agency_days);
  read_int (reader, object, "days_between_letters", 0, RCV_MAX_POLICY_DAYS, FALSE,
            &policy->letter_interval_days);
  read_levels (reader, object, policy);

  /* the rules across fields, once each field reads well */
  if (reader->n_problems == before && !rcv_policy_validate (policy, &field, &level, &error))
    {
      const RcvJsonNode *at = rcv_json_object_get (object, field);
      const RcvJsonNode *levels = rcv_json_object_get (object, "reminder_levels");
      g_autofree char *key = NULL;

      if (level >= 0 && levels != NULL && (guint) level < levels->children->len)
        {
          const RcvJsonNode *level_node = g_ptr_array_index (levels->children, level);

          at = rcv_json_object_get (level_node, field);
          if (at == NULL)
            at = level_node;
          key = g_strdup_printf ("reminder_levels[%d].%s", level, field);
        }
      else
        key = g_strdup (field);
      problem (reader, at != NULL ? at : object, key, "%s", error->message);
    }
  g_clear_pointer (&reader->where, g_free);
  if (reader->n_problems != before)
    return NULL;
  return g_steal_pointer (&policy);
}

/* A reference rate in percent, which may be below zero. */
static void
read_rate_percent (Reader            *reader,
                   const RcvJsonNode *object,
                   const char        *key,
                   gint              *value)
{
  const RcvJsonNode *node = rcv_json_object_get (object, key);
  g_autoptr(GError) error = NULL;
  gint64 amount;

  if (node == NULL)
    return;
  if (node->type != RCV_JSON_NUMBER && node->type != RCV_JSON_STRING)
    {
      expect_type (reader, node, key, RCV_JSON_NUMBER);
      return;
    }
  if (!rcv_money_parse_plain (node->text, '.', &percent, &amount, &error))
    problem (reader, node, key, "%s", error->message);
  else if (amount < -10000 || amount > 10000)
    {
      g_autofree char *low = rcv_percent_format (-10000);
      g_autofree char *high = rcv_percent_format (10000);

      problem (reader, node, key, _("must be between %s and %s"), low, high);
    }
  else
    *value = (gint) amount;
}

static void
read_rate (Reader            *reader,
           const RcvJsonNode *object,
           GArray            *rates)
{
  static const char *const known[] = { "region", "year", "half", "rate_percent", NULL };
  static const char *const required[] = { "region", "year", "half", "rate_percent", NULL };
  RcvReferenceRate rate = { 0 };
  const char *region;
  int value;
  gint year = 0, half = 0;
  guint before = reader->n_problems;

  check_keys (reader, object, known);
  for (guint i = 0; required[i] != NULL; i++)
    if (rcv_json_object_get (object, required[i]) == NULL)
      problem (reader, object, required[i], _("is required"));
  region = read_string (reader, object, "region");
  if (rcv_enum_from_nick (RCV_TYPE_RATE_REGION, region, &value))
    rate.region = value;
  else if (region != NULL)
    {
      g_autofree char *shown = rcv_text_shorten (region, RCV_TEXT_QUOTE_CHARS);
      problem (reader, rcv_json_object_get (object, "region"), "region",
               _("“%s” is not one of eu, de, at, uk"), shown);
    }
  read_int (reader, object, "year", 1999, 2200, FALSE, &year);
  read_int (reader, object, "half", 1, 2, FALSE, &half);
  read_rate_percent (reader, object, "rate_percent", &rate.rate_bp);
  rate.year = (guint) year;
  rate.half = (guint) half;
  if (reader->n_problems != before)
    return;
  for (guint i = 0; i < rates->len; i++)
    {
      const RcvReferenceRate *other = &g_array_index (rates, RcvReferenceRate, i);

      if (other->region == rate.region && other->year == rate.year && other->half == rate.half)
        {
          problem (reader, object, NULL, _("the rate for %s %u, half %u appears twice"),
                   region, rate.year, rate.half);
          return;
        }
    }
  g_array_append_val (rates, rate);
}

static gboolean
write_imported (RcvDatabase  *db,
                GPtrArray    *policies,
                GArray       *defaults,
                GArray       *rates,
                guint        *n_created,
                guint        *n_updated,
                GError      **error)
{
  for (guint i = 0; i < policies->len; i++)
    {
      RcvPolicy *policy = g_ptr_array_index (policies, i);
      RcvStatement *stmt;

      stmt = rcv_database_prepare (db, "SELECT id, is_default FROM policies"
                                       " WHERE name = ?1 COLLATE NOCASE", error);
      if (stmt == NULL)
        return FALSE;
      rcv_statement_bind_text (stmt, 1, policy->name);
      policy->id = 0;
      if (rcv_statement_step (stmt) == RCV_ROW)
        {
          policy->id = rcv_statement_column_int64 (stmt, 0);
          /* a file does not take the default away: it can only give it */
          policy->is_default = rcv_statement_column_int (stmt, 1) != 0;
        }
      rcv_statement_reset (stmt);
      if (policy->id != 0)
        (*n_updated)++;
      else
        (*n_created)++;
      policy->is_default |= g_array_index (defaults, gboolean, i);
      if (!rcv_policy_save_in_transaction (db, policy, error))
        return FALSE;
    }
  for (guint i = 0; i < rates->len; i++)
    if (!rcv_reference_rate_write (db, &g_array_index (rates, RcvReferenceRate, i), error))
      return FALSE;
  return TRUE;
}

/* Reads a policy file: each policy replaces the company's policy of the same name (its
 * customers keep it) or is added; reference rates are entered. Everything is checked first
 * and every problem reported with its line and column; one problem, and nothing is written. */
gboolean
rcv_policy_import_json (RcvDatabase  *db,
                        const char   *text,
                        gssize        length,
                        const char   *name,
                        guint        *n_created,
                        guint        *n_updated,
                        GError      **error)
{
  static const char *const known[] = {
    "format", "version", "currency", "policies", "reference_rates", NULL,
  };
  g_autoptr(RcvJsonNode) root = NULL;
  g_autoptr(GPtrArray) policies = g_ptr_array_new_with_free_func ((GDestroyNotify) rcv_policy_free);
  g_autoptr(GArray) defaults = g_array_new (FALSE, FALSE, sizeof (gboolean));
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (RcvReferenceRate));
  g_autoptr(GString) problems = g_string_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const RcvJsonNode *node;
  Reader reader = { 0 };
  const char *format, *currency;
  guint created = 0, updated = 0, n_defaults = 0;
  gint version = 0;

  g_return_val_if_fail (RCV_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  reader.name = name != NULL ? name : "JSON";
  reader.currency = rcv_database_get_currency (db);
  reader.problems = problems;

  root = rcv_json_parse (text, length, reader.name, error);
  if (root == NULL)
    return FALSE;
  if (!expect_type (&reader, root, NULL, RCV_JSON_OBJECT))
    goto bad;
  check_keys (&reader, root, known);
  format = read_string (&reader, root, "format");
  if (g_strcmp0 (format, POLICY_FILE_FORMAT) != 0)
    problem (&reader, root, "format", _("must be “%s”: this is not a policy file"),
             POLICY_FILE_FORMAT);
  read_int (&reader, root, "version", 0, G_MAXINT, FALSE, &version);
  if (version != POLICY_FILE_VERSION && rcv_json_object_get (root, "version") != NULL)
    problem (&reader, rcv_json_object_get (root, "version"), "version",
             _("version %d is not known to this Receivables (it reads version %d)"), version,
             POLICY_FILE_VERSION);
  currency = read_string (&reader, root, "currency");
  if (currency == NULL && rcv_json_object_get (root, "currency") == NULL)
    problem (&reader, root, "currency", _("is required"));
  else if (currency != NULL && g_strcmp0 (currency, reader.currency->code) != 0)
    problem (&reader, rcv_json_object_get (root, "currency"), "currency",
             _("the file’s amounts are in %s, this company keeps %s"), currency,
             reader.currency->code);
  if (reader.n_problems > 0)
    goto bad;   /* not a policy file for this company: its contents mean nothing */

  node = rcv_json_object_get (root, "policies");
  if (node == NULL)
    problem (&reader, root, "policies", _("is required"));
  else if (expect_type (&reader, node, "policies", RCV_JSON_ARRAY) &&
           node->children->len > RCV_MAX_IMPORTED_POLICIES)
    problem (&reader, node, "policies", _("a file holds at most %u policies, this one %u"),
             (guint) RCV_MAX_IMPORTED_POLICIES, node->children->len);
  else if (node->type == RCV_JSON_ARRAY)
    for (guint i = 0; i < node->children->len; i++)
      {
        const RcvJsonNode *object = g_ptr_array_index (node->children, i);
        g_autofree char *key = g_strdup_printf ("policies[%u]", i);
        RcvPolicy *policy;
        char *folded;
        gboolean is_default = FALSE;

        if (!expect_type (&reader, object, key, RCV_JSON_OBJECT))
          continue;
        policy = read_policy (&reader, object, &is_default);
        if (policy == NULL)
          continue;
        /* the names seen so far, case folded: a file of thousands stays linear */
        folded = g_utf8_casefold (policy->name, -1);
        if (g_hash_table_contains (seen, folded))
          {
            g_autofree char *shown = rcv_text_shorten (policy->name, RCV_TEXT_QUOTE_CHARS);

            problem (&reader, object, "name", _("the policy “%s” appears twice"), shown);
            g_free (folded);
          }
        else
          g_hash_table_add (seen, folded);
        n_defaults += is_default ? 1 : 0;
        g_ptr_array_add (policies, policy);
        g_array_append_val (defaults, is_default);
      }
  if (n_defaults > 1)
    problem (&reader, node, "policies", _("only one policy can be the default one"));

  node = rcv_json_object_get (root, "reference_rates");
  if (node != NULL && expect_type (&reader, node, "reference_rates", RCV_JSON_ARRAY))
    for (guint i = 0; i < node->children->len; i++)
      {
        const RcvJsonNode *object = g_ptr_array_index (node->children, i);
        g_autofree char *key = g_strdup_printf ("reference_rates[%u]", i);

        if (expect_type (&reader, object, key, RCV_JSON_OBJECT))
          read_rate (&reader, object, rates);
      }
  if (reader.n_problems > 0)
    goto bad;

  if (!rcv_database_begin (db, error))
    return FALSE;
  if (!write_imported (db, policies, defaults, rates, &created, &updated, error) ||
      !rcv_database_audit (db, "import", "policies", 0, NULL, NULL, error) ||
      !rcv_database_commit (db, error))
    {
      rcv_database_rollback (db);
      return FALSE;
    }
  if (n_created != NULL)
    *n_created = created;
  if (n_updated != NULL)
    *n_updated = updated;
  return TRUE;

bad:
  if (reader.n_problems > MAX_LISTED_PROBLEMS)
    {
      g_string_append_c (problems, '\n');
      g_string_append_printf (problems, _("… and %u more problems"),
                              reader.n_problems - MAX_LISTED_PROBLEMS);
    }
  g_set_error_literal (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_INVALID, problems->str);
  return FALSE;
}
