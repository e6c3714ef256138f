/* rcv-cli-fixture.c - what the receivables-cli tests share: a company file in a temporary
 * folder, and the program run on it
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "rcv-cli-fixture.h"
#include "rcv-test-utils.h"

void
cli_result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}


const char *
cli_path (void)
{
  const char *path = g_getenv ("RCV_CLI");

  g_assert_nonnull (path);
  return path;
}

char *
cli_data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

/* Starts receivables-cli with `argv` in the C locale, its standard input a pipe when asked;
 * `setup` runs in the child before the program. */
GSubprocess *
cli_spawn_argv (GPtrArray            *argv,
            gboolean              with_input,
            GSpawnChildSetupFunc  setup)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_ptr_array_insert (argv, 0, (gpointer) cli_path ());
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (with_input ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "RECEIVABLES_DB");
  if (setup != NULL)
    g_subprocess_launcher_set_child_setup (launcher, setup, NULL, NULL);
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  return process;
}

/* Waits for a process of cli_spawn_argv (), after writing `input` to it, and takes what it
 * printed. */
void
cli_finish (GSubprocess *process,
        GBytes      *input,
        Result      *result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;

  g_subprocess_communicate (process, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  /* an empty GBytes may have no data at all */
  result->out = g_strndup (g_bytes_get_size (out) > 0 ? g_bytes_get_data (out, NULL) : "",
                           g_bytes_get_size (out));
  result->err = g_strndup (g_bytes_get_size (err) > 0 ? g_bytes_get_data (err, NULL) : "",
                           g_bytes_get_size (err));
  result->status = g_subprocess_get_exit_status (process);
}

/* Runs receivables-cli with `argv` in the C locale; `input`, when not NULL, is written to its
 * standard input through a pipe; `setup` runs in the child before the program. */
void
cli_run_argv (Result               *result,
          GBytes               *input,
          GSpawnChildSetupFunc  setup,
          GPtrArray            *argv)
{
  g_autoptr(GSubprocess) process = cli_spawn_argv (argv, input != NULL, setup);

  cli_finish (process, input, result);
}

static GPtrArray *
cli_argv_from_list (const char *first,
                va_list     args)
{
  GPtrArray *argv = g_ptr_array_new ();

  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  return argv;
}

/* Runs receivables-cli with a NULL-terminated list of arguments in the C locale. */
void
cli_run (Result     *result,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first);
  argv = cli_argv_from_list (first, args);
  va_end (args);
  cli_run_argv (result, NULL, NULL, argv);
}

/* The same with `input` on its standard input, a pipe. */
void
cli_run_with_input (Result     *result,
                const char *input,
                const char *first,
                ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (input, strlen (input));
  va_list args;

  va_start (args, first);
  argv = cli_argv_from_list (first, args);
  va_end (args);
  cli_run_argv (result, bytes, NULL, argv);
}

/* Starts receivables-cli with a NULL-terminated list of arguments, for cli_finish () to wait for:
 * for commands that run side by side. */
GSubprocess *
cli_spawn (const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = NULL;
  va_list args;

  va_start (args, first);
  argv = cli_argv_from_list (first, args);
  va_end (args);
  return cli_spawn_argv (argv, FALSE, NULL);
}

void
cli_fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = rcv_test_tmpdir ();
  fixture->db = g_build_filename (fixture->dir, "company.db", NULL);
}

void
cli_fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  rcv_test_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
}

void
cli_import_sample (Fixture *fixture)
{
  const char *kinds[] = { "customers", "invoices", "payments" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *path = cli_data_file (name);
      g_auto (Result) r = { 0 };

      cli_run (&r, "--database", fixture->db, "import", kinds[i], path, NULL);
      g_assert_cmpstr (r.err, ==, "");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_true (g_str_has_prefix (r.out, "Imported "));
    }
}
