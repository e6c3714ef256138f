/* rcv-cli.h - what the commands of receivables-cli share: exit codes, errors, options
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "rcv-database.h"

#include "rcv-mail-batch.h"

G_BEGIN_DECLS

/* How long a command waits for another program's write before it gives up: longer than a
 * million-row import takes */
#define RCV_CLI_WAIT_SECONDS 120

enum
{
  EXIT_OK = 0,
  EXIT_RUNTIME = 1,
  EXIT_USAGE = 2,
};

int          rcv_cli_usage_error   (const char *format,
                                    ...) G_GNUC_PRINTF (1, 2);
int          rcv_cli_report_error  (const GError *error);
RcvDatabase *rcv_cli_open_database (const char *path,
                                    gboolean    writes,
                                    int        *status);
gboolean     rcv_cli_parse_options (const char    *command,
                                    GOptionEntry  *entries,
                                    int           *argc,
                                    char        ***argv,
                                    int           *status);
gboolean     rcv_cli_parse_as_of   (const char *text,
                                    GDate      *date,
                                    int        *status);

guint        rcv_cli_display_width (const char *text);
void         rcv_cli_append_padded (GString    *out,
                                    const char *text,
                                    guint       width,
                                    gboolean    right);

/* A column of a text table: its heading (translatable, N_), width and alignment. */
typedef struct
{
  const char *label;
  guint width;
  gboolean right;
} RcvCliColumn;

void         rcv_cli_append_row    (GString            *out,
                                    const RcvCliColumn *columns,
                                    guint               n_columns,
                                    const char *const  *texts);
void         rcv_cli_append_header (GString            *out,
                                    const RcvCliColumn *columns,
                                    guint               n_columns);

gboolean     rcv_cli_find_customer (RcvDatabase *db,
                                    const char  *option,
                                    const char  *code,
                                    gint64      *customer_id,
                                    int         *status);
typedef enum
{
  RCV_CLI_FORMAT_TEXT,
  RCV_CLI_FORMAT_CSV,
  RCV_CLI_FORMAT_JSON,
} RcvCliFormat;

RcvDatabase *rcv_cli_open_report   (const char    *database,
                                    const char    *command,
                                    const char    *as_of_help,
                                    int            argc,
                                    char         **argv,
                                    GDate         *as_of,
                                    RcvCliFormat  *format,
                                    int           *status);

int          command_import        (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_aging         (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_export        (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_demo          (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_policies      (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_check         (const char  *database,
                                    int          argc,
                                    char       **argv);

int          command_bank          (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_collections   (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_agency        (const char  *database,
                                    int          argc,
                                    char       **argv);

int          command_chart         (const char  *database,
                                    int          argc,
                                    char       **argv);

int          command_dunning       (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_letters       (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_statements    (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_invoices      (const char  *database,
                                    int          argc,
                                    char       **argv);
int          command_mail          (const char  *database,
                                    int          argc,
                                    char       **argv);
int          rcv_cli_report_mail   (const RcvMailReport *report,
                                    const char          *what);

G_END_DECLS
