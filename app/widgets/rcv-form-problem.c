/* rcv-form-problem.c - what is wrong with a form: the messages under it, the fields marked
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer, invoice, payment and policy forms check every field as it is typed and show
 * the first problem in a label under the form, with the field it is about marked; the invoice
 * editor shows every problem at once, a line each, with each of their fields marked.
 */
#include "config.h"

#include "rcv-form-problem.h"

/* Shows `text` (taken; NULL for no problem) in `label`, hidden when there is none, and marks
 * `widget` (may be NULL) instead of the field marked before. */
void
rcv_form_problem_set (RcvFormProblem *problem,
                      GtkLabel       *label,
                      GtkWidget      *widget,
                      char           *text)
{
  g_return_if_fail (problem != NULL);
  g_return_if_fail (GTK_IS_LABEL (label));

  if (problem->widget != NULL)
    gtk_widget_remove_css_class (problem->widget, "error");
  problem->widget = NULL;
  for (guint i = 0; problem->marked != NULL && i < problem->marked->len; i++)
    gtk_widget_remove_css_class (g_ptr_array_index (problem->marked, i), "error");
  if (problem->marked != NULL)
    g_ptr_array_set_size (problem->marked, 0);
  g_free (problem->text);
  problem->text = text;
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
  if (text == NULL)
    return;
  gtk_label_set_text (label, text);
  if (widget != NULL)
    {
      problem->widget = widget;
      gtk_widget_add_css_class (widget, "error");
    }
}

/* Shows every problem of `problems` (RcvFieldProblem), a line each in `label` in their order,
 * and marks each of their fields; an empty array clears what was shown. */
void
rcv_form_problem_set_many (RcvFormProblem *problem,
                           GtkLabel       *label,
                           GPtrArray      *problems)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (problem != NULL);
  g_return_if_fail (problems != NULL);

  for (guint i = 0; i < problems->len; i++)
    {
      const RcvFieldProblem *one = g_ptr_array_index (problems, i);

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", one->text);
    }
  rcv_form_problem_set (problem, label, NULL,
                        problems->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL);
  if (problem->marked == NULL)
    problem->marked = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < problems->len; i++)
    {
      const RcvFieldProblem *one = g_ptr_array_index (problems, i);

      if (one->widget == NULL)
        continue;
      if (problem->widget == NULL)
        problem->widget = one->widget;
      gtk_widget_add_css_class (one->widget, "error");
      g_ptr_array_add (problem->marked, g_object_ref (one->widget));
    }
}

/* Frees the text (from the form's finalize). */
void
rcv_form_problem_clear (RcvFormProblem *problem)
{
  problem->widget = NULL;
  g_clear_pointer (&problem->text, g_free);
  g_clear_pointer (&problem->marked, g_ptr_array_unref);
}

static void
field_problem_free (gpointer data)
{
  RcvFieldProblem *one = data;

  g_free (one->text);
  g_free (one);
}

/* An empty list of RcvFieldProblem, for a form that gathers all its problems. */
GPtrArray *
rcv_field_problems_new (void)
{
  return g_ptr_array_new_with_free_func (field_problem_free);
}

/* Adds the problem `text` (taken) of `widget` (NULL: of the form as a whole). */
void
rcv_field_problems_add (GPtrArray *problems,
                        GtkWidget *widget,
                        char      *text)
{
  RcvFieldProblem *one = g_new0 (RcvFieldProblem, 1);

  g_return_if_fail (problems != NULL);

  one->widget = widget;
  one->text = text;
  g_ptr_array_add (problems, one);
}
