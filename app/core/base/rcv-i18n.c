/* rcv-i18n.c - the locale and the translations of a program, installed or in its build tree
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An installed program reads its catalogues from LOCALEDIR under the install prefix. One run
 * from the build tree (`./dev.sh run`, _build/app/cli/receivables-cli, the tests) would find
 * none there, or an older installed copy, and show English: meson builds them as
 * <builddir>/po/<lang>/LC_MESSAGES/receivables.mo, which is the layout bindtextdomain ()
 * expects. So a program whose executable lies inside the build tree it was built in binds
 * that directory instead.
 *
 * Why the executable decides, and not an environment variable set by `meson devenv` or
 * dev.sh: the binaries of the build tree are run directly too (from a shell, by a debugger,
 * by a test), and each should speak the language its user asked for. An installed copy
 * (meson install, a distribution's package, the Flatpak's /app) is never inside the build
 * tree, so it never looks there; /proc/self/exe names the real file whatever the link or
 * directory it was started through, and BUILD_ROOT is resolved the same way (realpath).
 */
#define G_LOG_DOMAIN "rcv-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "rcv-i18n.h"

static char *localedir;

/* Whether the running executable is a file inside the build tree. */
static gboolean
running_from_build_tree (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = NULL;
  char *resolved;
  gsize len;

  if (exe == NULL)
    return FALSE;
  resolved = realpath (BUILD_ROOT, NULL);
  if (resolved == NULL)
    return FALSE;
  /* realpath () allocates with malloc (), not g_malloc () */
  root = g_strdup (resolved);
  free (resolved);

  len = strlen (root);
  return strncmp (exe, root, len) == 0 && exe[len] == G_DIR_SEPARATOR;
}

/* Where the translations are read from: the build tree's po/ when running from it (and it
 * holds them), else LOCALEDIR. */
const char *
rcv_i18n_get_localedir (void)
{
  if (localedir == NULL)
    {
      if (running_from_build_tree () && g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR))
        localedir = g_strdup (BUILD_LOCALEDIR);
      else
        localedir = g_strdup (LOCALEDIR);
    }
  return localedir;
}

/* At the start of main (): the user's locale, and the program's text domain in UTF-8. */
void
rcv_i18n_init (void)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, rcv_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
