/* fuzz-json.c - libFuzzer harness: the JSON reader, alone and through the policy import
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is parsed (every node walked), then imported as a policy file into the run's
 * company file. A crash, a sanitizer report, a critical or a leak is a failure.
 */
#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "rcv-error.h"
#include "rcv-json.h"
#include "rcv-policy.h"
#include "rcv-policy-file.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static guint
walk (const RcvJsonNode *node)
{
  guint n = 1;

  g_assert_true (node->line >= 1 && node->column >= 1);
  if (node->type == RCV_JSON_STRING || node->type == RCV_JSON_NUMBER)
    g_assert_true (g_utf8_validate (node->text, -1, NULL));
  if (node->type == RCV_JSON_ARRAY || node->type == RCV_JSON_OBJECT)
    for (guint i = 0; i < node->children->len; i++)
      n += walk (g_ptr_array_index (node->children, i));
  if (node->type == RCV_JSON_OBJECT)
    g_assert_cmpuint (node->keys->len, ==, node->children->len);
  return n;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(RcvJsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = (const char *) data;

  root = rcv_json_parse (text, (gssize) size, "fuzz.json", &error);
  if (root != NULL)
    g_assert_cmpuint (walk (root), <=, RCV_JSON_MAX_VALUES);
  else
    g_assert_error (error, RCV_INPUT_ERROR, RCV_INPUT_ERROR_FILE);
  g_clear_error (&error);

  if (!rcv_policy_import_json (fuzz_company (), text, (gssize) size, "fuzz.json", NULL, NULL,
                               &error))
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == RCV_INPUT_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
  return 0;
}
