/* rcv-error.c - the error domains of the core
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-error.h"

G_DEFINE_QUARK (rcv-input-error-quark, rcv_input_error)
G_DEFINE_QUARK (rcv-database-error-quark, rcv_database_error)

/* The core's input errors start with the field they concern: "name: there is already …".
 * Returns the field (NULL when the message has none) and sets `rest` to what follows it, or
 * to the whole message. */
char *
rcv_error_split_field (const char  *message,
                       const char **rest)
{
  const char *colon;

  g_return_val_if_fail (message != NULL && rest != NULL, NULL);

  colon = strstr (message, ": ");
  *rest = colon != NULL ? colon + 2 : message;
  return colon != NULL ? g_strndup (message, (gsize) (colon - message)) : NULL;
}
