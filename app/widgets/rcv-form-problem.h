/* rcv-form-problem.h - what is wrong with a form: the messages under it, the fields marked
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The problem a form shows: its text (NULL when there is none) and the field marked. */
typedef struct
{
  GtkWidget *widget;       /* has the "error" style class: the first field marked */
  char *text;
  GPtrArray *marked;       /* GtkWidget: every field marked, when several are; or NULL */
} RcvFormProblem;

/* One problem of a form that shows them all: the field (NULL: the form as a whole) and why. */
typedef struct
{
  GtkWidget *widget;
  char *text;
} RcvFieldProblem;

void rcv_form_problem_set   (RcvFormProblem *problem,
                             GtkLabel       *label,
                             GtkWidget      *widget,
                             char           *text);
void rcv_form_problem_set_many (RcvFormProblem *problem,
                                GtkLabel       *label,
                                GPtrArray      *problems);
void rcv_form_problem_clear (RcvFormProblem *problem);

GPtrArray *rcv_field_problems_new (void);
void       rcv_field_problems_add (GPtrArray *problems,
                                   GtkWidget *widget,
                                   char      *text);

G_END_DECLS
