/* rcv-policy-choices.c - the credit policies as a list to choose from
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a customer's form, the Customers page's “Assign Policy…” and a policy's deletion offer:
 * first “The default policy (Standard)”, which means none of the customer's own (it follows
 * whichever policy is the default one), then every policy by name.
 */
#define G_LOG_DOMAIN "rcv-policy-choices"

#include "config.h"

#include <glib/gi18n.h>

#include "rcv-policy.h"
#include "rcv-policy-choices.h"

/* The names to show, and in `ids` (gint64, parallel to them) the policy each stands for, 0
 * for the default one; the policy `except_id` is left out (0: none is). */
GtkStringList *
rcv_policy_choices_new (RcvDatabase *database,
                        gint64       except_id,
                        GArray     **ids)
{
  g_autoptr(GPtrArray) policies = rcv_policy_list (database, NULL);
  GtkStringList *names = gtk_string_list_new (NULL);
  g_autofree char *first = NULL;
  gint64 none = 0;

  g_return_val_if_fail (ids != NULL, names);

  *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_val (*ids, none);
  for (guint i = 0; policies != NULL && i < policies->len; i++)
    if (((RcvPolicy *) g_ptr_array_index (policies, i))->is_default)
      first = g_strdup_printf (_("The default policy (%s)"),
                               ((RcvPolicy *) g_ptr_array_index (policies, i))->name);
  gtk_string_list_append (names, first != NULL ? first : _("The default policy"));

  for (guint i = 0; policies != NULL && i < policies->len; i++)
    {
      const RcvPolicy *policy = g_ptr_array_index (policies, i);

      if (policy->id == except_id)
        continue;
      g_array_append_val (*ids, policy->id);
      gtk_string_list_append (names, policy->name);
    }
  return names;
}
