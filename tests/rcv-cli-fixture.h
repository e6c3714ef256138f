/* rcv-cli-fixture.h - what the receivables-cli tests share: a company file in a temporary
 * folder, and the program run on it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

typedef struct
{
  char *dir;
  char *db;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Result;

void         cli_result_clear      (Result *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, cli_result_clear)

const char  *cli_path              (void);
char        *cli_data_file         (const char *name);
GSubprocess *cli_spawn_argv        (GPtrArray            *argv,
                                    gboolean              with_input,
                                    GSpawnChildSetupFunc  setup);
void         cli_finish            (GSubprocess *process,
                                    GBytes      *input,
                                    Result      *result);
void         cli_run_argv          (Result               *result,
                                    GBytes               *input,
                                    GSpawnChildSetupFunc  setup,
                                    GPtrArray            *argv);
void         cli_run               (Result     *result,
                                    const char *first,
                                    ...);
void         cli_run_with_input    (Result     *result,
                                    const char *input,
                                    const char *first,
                                    ...);
GSubprocess *cli_spawn             (const char *first,
                                    ...);
void         cli_fixture_set_up    (Fixture       *fixture,
                                    gconstpointer  data);
void         cli_fixture_tear_down (Fixture       *fixture,
                                    gconstpointer  data);
void         cli_import_sample     (Fixture *fixture);

#define CLI_TEST_ADD(path, func) \
  g_test_add (path, Fixture, NULL, cli_fixture_set_up, func, cli_fixture_tear_down)

/* the tests of failures in use: killed imports, waits, damage, permissions (test-cli-files.c) */
void         cli_add_file_tests    (void);
