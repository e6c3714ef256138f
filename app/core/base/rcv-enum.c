/* rcv-enum.c - the core's enums by their nicks, the spelling files and commands use
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The nicks come from the value names of rcv-types.h (or their nick annotations) through
 * glib-mkenums; they are what the company file, CSV and JSON files and the command line hold.
 */
#include "config.h"

#include "rcv-enum.h"

/* The class is referenced once and kept: the enums are static types, so it lives as long as
 * the program anyway, and a hot loop (a row of an export) takes no lock for it. */
static GEnumClass *
enum_class (GType type)
{
  gpointer klass = g_type_class_peek (type);

  return klass != NULL ? klass : g_type_class_ref (type);
}

/* The nick of a value of type, or NULL (with a critical) for a value that type does not have. */
const char *
rcv_enum_to_nick (GType type,
                  int   value)
{
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), NULL);

  found = g_enum_get_value (enum_class (type), value);
  g_return_val_if_fail (found != NULL, NULL);
  return found->value_nick;
}

/* The value whose nick is nick, exactly as written; FALSE for NULL or any other text, and then
 * value is left as it was. */
gboolean
rcv_enum_from_nick (GType       type,
                    const char *nick,
                    int        *value)
{
  GEnumValue *found;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (nick == NULL)
    return FALSE;
  found = g_enum_get_value_by_nick (enum_class (type), nick);
  if (found == NULL)
    return FALSE;
  *value = found->value;
  return TRUE;
}

/* The value whose nick is nick, or fallback for NULL or any other text: for a column the
 * schema keeps to the nicks, where a stranger value is read as the default. */
int
rcv_enum_from_nick_or (GType       type,
                       const char *nick,
                       int         fallback)
{
  int value = fallback;

  rcv_enum_from_nick (type, nick, &value);
  return value;
}
