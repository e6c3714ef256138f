/* main.c - starts Receivables
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "rcv-application.h"
#include "rcv-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(RcvApplication) app = NULL;

  rcv_i18n_init ();

  app = rcv_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
