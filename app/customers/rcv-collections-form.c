/* rcv-collections-form.c - the dialog of a collections action on a customer's page, its fields
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One template holds the fields of every dialog (a contact, a promise, a payment plan, the
 * hand-over), a list for each; a dialog keeps the one of its kind and lets the others go, so
 * that its widgets are those it asks for. What the fields mean, their checks and the writing
 * are rcv-account-collections.c's.
 */
#define G_LOG_DOMAIN "rcv-account-collections"

#include "config.h"

#include <string.h>

#include "rcv-collections-form.h"

struct _RcvCollectionsForm
{
  AdwMessageDialog parent_instance;

  RcvCollectionsDialog kind;

  GtkWidget *contact_list;
  GtkDropDown *contact_kind;
  RcvDateButton *contact_date;
  AdwEntryRow *contact_notes;
  GtkWidget *promise_list;
  RcvDateButton *promise_date;
  AdwEntryRow *promise_amount;
  GtkWidget *plan_list;
  AdwEntryRow *plan_amount;
  GtkSpinButton *plan_count;
  RcvDateButton *plan_date;
  GtkWidget *hand_over_list;
  AdwEntryRow *agency_name;
  RcvDateButton *hand_over_date;
  AdwEntryRow *commission;
  GtkLabel *preview_label;
};

G_DEFINE_FINAL_TYPE (RcvCollectionsForm, rcv_collections_form, ADW_TYPE_MESSAGE_DIALOG)

static void
rcv_collections_form_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RCV_TYPE_COLLECTIONS_FORM);

  G_OBJECT_CLASS (rcv_collections_form_parent_class)->dispose (object);
}

static void
rcv_collections_form_class_init (RcvCollectionsFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rcv_collections_form_dispose;

  g_type_ensure (RCV_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/receivables/Receivables/"
                                               "rcv-collections-form.ui");
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, contact_list);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, contact_kind);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, contact_date);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, contact_notes);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, promise_list);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, promise_date);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, promise_amount);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, plan_list);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, plan_amount);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, plan_count);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, plan_date);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, hand_over_list);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, agency_name);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, hand_over_date);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, commission);
  gtk_widget_class_bind_template_child (widget_class, RcvCollectionsForm, preview_label);
}

static void
rcv_collections_form_init (RcvCollectionsForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The dialog of `kind` (not RCV_COLLECTIONS_EXPORT, which asks for a file instead), its
 * fields shown, transient for `parent`. */
RcvCollectionsForm *
rcv_collections_form_new (GtkWindow            *parent,
                          RcvCollectionsDialog  kind)
{
  RcvCollectionsForm *self;
  GtkWidget *lists[4];
  GtkWidget *list = NULL;

  g_return_val_if_fail (kind != RCV_COLLECTIONS_EXPORT, NULL);

  self = g_object_new (RCV_TYPE_COLLECTIONS_FORM, "transient-for", parent, NULL);
  self->kind = kind;
  lists[0] = self->contact_list;
  lists[1] = self->promise_list;
  lists[2] = self->plan_list;
  lists[3] = self->hand_over_list;
  switch (kind)
    {
    case RCV_COLLECTIONS_LOG_CONTACT:
      list = self->contact_list;
      break;
    case RCV_COLLECTIONS_PROMISE:
      list = self->promise_list;
      break;
    case RCV_COLLECTIONS_PLAN:
      list = self->plan_list;
      break;
    case RCV_COLLECTIONS_HAND_OVER:
      list = self->hand_over_list;
      break;
    case RCV_COLLECTIONS_END_PLAN:
    case RCV_COLLECTIONS_EXPORT:
    default:
      break;
    }
  /* the other kinds' fields leave the dialog: what is in it is what it asks for */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    if (lists[i] != list)
      gtk_box_remove (GTK_BOX (gtk_widget_get_parent (lists[i])), lists[i]);
  if (list != NULL)
    gtk_widget_set_visible (list, TRUE);
  return self;
}

void
rcv_collections_form_get_fields (RcvCollectionsForm   *self,
                                 RcvCollectionsFields *fields)
{
  g_return_if_fail (RCV_IS_COLLECTIONS_FORM (self));

  memset (fields, 0, sizeof *fields);
  fields->preview = self->preview_label;
  switch (self->kind)
    {
    case RCV_COLLECTIONS_LOG_CONTACT:
      fields->choice = self->contact_kind;
      fields->date = self->contact_date;
      fields->text = self->contact_notes;
      break;
    case RCV_COLLECTIONS_PROMISE:
      fields->date = self->promise_date;
      fields->amount = self->promise_amount;
      break;
    case RCV_COLLECTIONS_PLAN:
      fields->amount = self->plan_amount;
      fields->count = self->plan_count;
      fields->date = self->plan_date;
      break;
    case RCV_COLLECTIONS_HAND_OVER:
      fields->text = self->agency_name;
      fields->date = self->hand_over_date;
      fields->commission = self->commission;
      break;
    case RCV_COLLECTIONS_END_PLAN:
    case RCV_COLLECTIONS_EXPORT:
    default:
      break;
    }
}
