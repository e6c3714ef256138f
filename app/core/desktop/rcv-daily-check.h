/* rcv-daily-check.h - `receivables-cli check --notify` run daily while the app is closed: a
 * systemd user timer, or inside Flatpak the Background portal
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RCV_DAILY_CHECK_UNIT "receivables-check"

typedef enum
{
  RCV_DAILY_CHECK_SYSTEMD,     /* a timer in ~/.config/systemd/user */
  RCV_DAILY_CHECK_PORTAL,      /* org.freedesktop.portal.Background: a check at each login */
} RcvDailyCheckKind;

RcvDailyCheckKind rcv_daily_check_get_kind        (void);
char             *rcv_daily_check_get_unit_dir    (void);
gboolean          rcv_daily_check_is_installed    (void);
char             *rcv_daily_check_find_cli        (void);
char             *rcv_daily_check_service_text    (const char *cli,
                                                   const char *company_path);
const char       *rcv_daily_check_timer_text      (void);
char             *rcv_systemd_quote               (const char *argument);

void              rcv_daily_check_set_async       (gboolean             enabled,
                                                   const char          *company_path,
                                                   const char          *parent_window,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean          rcv_daily_check_set_finish      (GAsyncResult  *result,
                                                   char         **notice,
                                                   GError       **error);

G_END_DECLS
