/* rcv-form-problem.c - what is wrong with a form: one message under it, one field marked
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The customer, invoice, payment and policy forms check every field as it is typed and show
 * the first problem in a label under the form, with the field it is about marked.
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

/* Frees the text (from the form's finalize). */
void
rcv_form_problem_clear (RcvFormProblem *problem)
{
  problem->widget = NULL;
  g_clear_pointer (&problem->text, g_free);
}
