/* rcv-form-problem.h - what is wrong with a form: one message under it, one field marked
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The problem a form shows: its text (NULL when there is none) and the field marked. */
typedef struct
{
  GtkWidget *widget;       /* has the "error" style class */
  char *text;
} RcvFormProblem;

void rcv_form_problem_set   (RcvFormProblem *problem,
                             GtkLabel       *label,
                             GtkWidget      *widget,
                             char           *text);
void rcv_form_problem_clear (RcvFormProblem *problem);

G_END_DECLS
