/* rcv-account-collections.c - the collections part of a customer's page and its dialogs
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Collections group itself is RcvCollectionsGroup (rcv-collections-group.c), with the
 * account's story below it. The dialogs validate as the user types: their button is only
 * enabled when what they hold can be written.
 */
#define G_LOG_DOMAIN "rcv-account-collections"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rcv-account-collections.h"
#include "rcv-agency.h"
#include "rcv-collections-form.h"
#include "rcv-collections-group.h"
#include "rcv-collections.h"
#include "rcv-date-button.h"
#include "rcv-date.h"
#include "rcv-file-chooser.h"
#include "rcv-ledger.h"
#include "rcv-letter.h"
#include "rcv-money.h"
#include "rcv-open-items.h"
#include "rcv-toast.h"
#include "rcv-plain-text.h"

static const RcvCurrency *
currency_of (RcvDatabase *database)
{
  return rcv_database_get_currency (database);
}

/* A row with user text: never markup. */
static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         const char          *value)
{
  GtkWidget *row = adw_action_row_new ();

  rcv_row_set_plain_title (row, title);
  if (subtitle != NULL && subtitle[0] != '\0')
    rcv_action_row_set_plain_subtitle (ADW_ACTION_ROW (row), subtitle);
  if (value != NULL)
    {
      GtkWidget *label = gtk_label_new (value);

      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_preferences_group_add (group, row);
  return ADW_ACTION_ROW (row);
}

/* The same row for the rest of the customer's page. */
AdwActionRow *
rcv_account_add_row (AdwPreferencesGroup *group,
                     const char          *title,
                     const char          *subtitle,
                     const char          *value)
{
  return add_row (group, title, subtitle, value);
}

/* ---- the group (rcv-collections-group.c) ---- */

RcvCollectionsRecord *
rcv_account_collections_add (GtkBox       *box,
                             GtkWidget    *after,
                             RcvDatabase  *database,
                             gint64        customer_id,
                             GCancellable *cancellable)
{
  g_autoptr(RcvCollectionsRecord) record = NULL;
  RcvCollectionsGroup *group;
  GtkWidget *story;

  g_return_val_if_fail (GTK_IS_BOX (box), NULL);
  g_return_val_if_fail (RCV_IS_DATABASE (database), NULL);

  group = rcv_collections_group_new (database, customer_id);
  gtk_box_insert_child_after (box, GTK_WIDGET (group), after);
  record = rcv_collections_group_load (group, cancellable);
  if (record == NULL)
    return NULL;
  story = rcv_collections_story_new (database, customer_id);
  if (story != NULL)
    gtk_box_insert_child_after (box, story, GTK_WIDGET (group));
  return g_steal_pointer (&record);
}

/* ---- the dialogs ---- */

typedef struct
{
  RcvDatabase *database;
  gint64 customer_id;
  RcvCollectionsDialog kind;
  RcvCollectionsDone done;
  GWeakRef owner;
  GtkWindow *parent;         /* weak: the dialog is its transient child */
  /* the dialog's fields (rcv-collections-form.c), NULL those it has not */
  RcvDateButton *date;
  AdwEntryRow *amount;
  AdwEntryRow *text;         /* notes, the agency */
  AdwEntryRow *commission;
  GtkDropDown *choice;       /* the kind of contact */
  GtkSpinButton *count;      /* instalments, 1 to 36 */
  GtkLabel *preview;         /* the instalments, or what is wrong */
  gint64 plan_id;
} Form;

static void
form_free (gpointer data)
{
  Form *form = data;

  g_clear_object (&form->database);
  g_weak_ref_clear (&form->owner);
  g_free (form);
}

static void
form_failed (Form         *form,
             const char   *what,
             const GError *error)
{
  /* in the company's window, under the page the form was opened from */
  if (form->parent != NULL)
    rcv_toast_show_error (GTK_WIDGET (form->parent), what, error);
  else
    g_warning ("%s: %s", what, error->message);
}

static void
form_done (Form       *form,
           const char *toast)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&form->owner);
  if (toast != NULL && form->parent != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (toast, -1);

      rcv_toast_add (GTK_WIDGET (form->parent), adw_toast_new (escaped));
    }
  if (owner != NULL && form->done != NULL)
    form->done (owner);
}

/* The undisputed open amount: what a promise or a plan is about, at first. */
static gint64
open_amount (Form *form)
{
  g_autoptr(GPtrArray) items = rcv_open_items_list (form->database, form->customer_id,
                                                    RCV_INVOICE_KIND_INVOICE, NULL);
  gint64 total = 0;

  for (guint i = 0; items != NULL && i < items->len; i++)
    {
      const RcvOpenItem *item = g_ptr_array_index (items, i);

      if (!rcv_collections_get_dispute (form->database, item->id, NULL, NULL, NULL))
        total += item->open;
    }
  return total;
}

static gboolean
read_amount (Form   *form,
             gint64 *amount)
{
  return rcv_money_parse_user (gtk_editable_get_text (GTK_EDITABLE (form->amount)),
                               currency_of (form->database), amount, NULL) && *amount > 0;
}

/* The plan's instalments: the amount split over the months from the first date, the cents
 * left over in the last one. */
static GArray *
plan_instalments (Form *form)
{
  GArray *instalments = g_array_new (FALSE, FALSE, sizeof (RcvInstalment));
  guint n = (guint) gtk_spin_button_get_value_as_int (form->count);
  gint64 amount;
  GDate first;

  if (!read_amount (form, &amount) || amount < (gint64) n)
    return instalments;
  rcv_date_button_get_date (form->date, &first);
  for (guint i = 0; i < n; i++)
    {
      RcvInstalment instalment;

      instalment.due_date = first;
      g_date_add_months (&instalment.due_date, i);
      instalment.amount = i + 1 < n ? amount / n : amount - (amount / n) * (n - 1);
      g_array_append_val (instalments, instalment);
    }
  return instalments;
}

/* Enables the dialog's button when its fields can be written, and says what is wrong. */
static void
validate (AdwMessageDialog *dialog)
{
  Form *form = g_object_get_data (G_OBJECT (dialog), "rcv-form");
  g_autofree char *problem = NULL;
  gint64 amount;
  gint bp;

  if (form->amount != NULL && !read_amount (form, &amount))
    problem = g_strdup (_("Amount: enter an amount over zero, such as 250.00"));
  else if (form->kind == RCV_COLLECTIONS_HAND_OVER)
    {
      g_autofree char *agency = g_strstrip (g_strdup (gtk_editable_get_text (
                                                        GTK_EDITABLE (form->text))));

      if (*agency == '\0')
        problem = g_strdup (_("Agency: enter the agency’s name"));
      else if (!rcv_percent_parse (gtk_editable_get_text (GTK_EDITABLE (form->commission)), &bp,
                                   NULL) || bp >= 10000)
        problem = g_strdup (_("Commission: enter a percentage under 100, such as 25"));
    }
  if (problem == NULL && form->kind == RCV_COLLECTIONS_PLAN)
    {
      g_autoptr(GArray) instalments = plan_instalments (form);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < instalments->len; i++)
        {
          const RcvInstalment *instalment = &g_array_index (instalments, RcvInstalment, i);
          g_autofree char *date = rcv_date_format_locale (&instalment->due_date);
          g_autofree char *shown = rcv_money_format (instalment->amount,
                                                     currency_of (form->database));

          if (i == 3 && instalments->len > 5)
            {
              g_string_append (text, "…\n");
              i = instalments->len - 2;
              continue;
            }
          g_string_append_printf (text, "%s%s  %s", text->len > 0 ? "\n" : "", date, shown);
        }
      if (instalments->len == 0)
        problem = g_strdup (_("Amount: too small for that many instalments"));
      else
        gtk_label_set_text (form->preview, text->str);
    }
  if (problem != NULL && form->preview != NULL)
    gtk_label_set_text (form->preview, problem);
  if (form->preview != NULL)
    gtk_widget_set_visible (GTK_WIDGET (form->preview),
                            problem != NULL || form->kind == RCV_COLLECTIONS_PLAN);
  adw_message_dialog_set_response_enabled (dialog, "save", problem == NULL);
}

static void
write_form (Form *form)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *toast = NULL;
  gint64 amount = 0;
  gboolean ok = FALSE;
  GDate date, today;
  gint bp = 0;

  rcv_date_set_today (&today);
  if (form->date != NULL)
    rcv_date_button_get_date (form->date, &date);
  else
    date = today;
  if (form->amount != NULL)
    read_amount (form, &amount);
  switch (form->kind)
    {
    case RCV_COLLECTIONS_LOG_CONTACT:
      {
        static const char *const kinds[] = { "call", "email", "letter", "visit", "note" };

        ok = rcv_collections_add_contact (form->database, form->customer_id, &date,
                                          kinds[gtk_drop_down_get_selected (form->choice)],
                                          gtk_editable_get_text (GTK_EDITABLE (form->text)),
                                          &error) > 0;
        toast = g_strdup (_("Contact logged"));
      }
      break;
    case RCV_COLLECTIONS_PROMISE:
      ok = rcv_collections_add_promise (form->database, form->customer_id, &today, &date, amount,
                                        &error) > 0;
      toast = g_strdup (_("Promise recorded: it is checked against the payments by its date"));
      break;
    case RCV_COLLECTIONS_PLAN:
      {
        g_autoptr(GArray) instalments = plan_instalments (form);

        ok = rcv_collections_add_plan (form->database, form->customer_id, &today, instalments,
                                       &error) > 0;
        toast = g_strdup (_("Payment plan set: its instalments now drive the reminders"));
      }
      break;
    case RCV_COLLECTIONS_END_PLAN:
      ok = rcv_collections_end_plan (form->database, form->plan_id, &today, &error);
      toast = g_strdup (_("Payment plan ended: the invoices’ due dates count again"));
      break;
    case RCV_COLLECTIONS_HAND_OVER:
      rcv_percent_parse (gtk_editable_get_text (GTK_EDITABLE (form->commission)), &bp, NULL);
      ok = rcv_collections_hand_over (form->database, form->customer_id,
                                      gtk_editable_get_text (GTK_EDITABLE (form->text)), &date,
                                      bp, &error);
      toast = g_strdup (_("Account handed over: it leaves reminders and alerts"));
      break;
    case RCV_COLLECTIONS_EXPORT:
    default:
      g_return_if_reached ();
    }
  if (!ok)
    {
      form_failed (form, _("The account could not be changed"), error);
      return;
    }
  form_done (form, toast);
}

static void
on_response (AdwMessageDialog *dialog,
             const char       *response,
             gpointer          user_data)
{
  if (g_strcmp0 (response, "save") == 0)
    write_form (g_object_get_data (G_OBJECT (dialog), "rcv-form"));
}

static void
on_exported (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Form *form = data;
  g_autoptr(GError) error = NULL;

  if (!rcv_agency_export_finish (RCV_DATABASE (source), result, &error))
    form_failed (form, _("The files for the agency could not be written"), error);
  else
    form_done (form, _("Saved the summary (PDF) and the open invoices (CSV) for the agency"));
  form_free (form);
}

static void
on_export_chosen (GtkNativeDialog *chooser,
                  int              response,
                  Form            *form)
{
  g_autofree char *pdf = rcv_file_chooser_get_path (chooser, response);
  g_autofree char *base = NULL;
  g_autofree char *csv = NULL;
  GDate today;

  g_object_unref (chooser);
  if (pdf == NULL)
    {
      form_free (form);
      return;
    }
  /* the CSV beside the PDF, with the same name */
  base = g_str_has_suffix (pdf, ".pdf") ? g_strndup (pdf, strlen (pdf) - 4) : g_strdup (pdf);
  csv = g_strconcat (base, ".csv", NULL);
  rcv_date_set_today (&today);
  rcv_agency_export_async (form->database, form->customer_id, &today, rcv_paper_for_locale (),
                           pdf, csv, NULL, on_exported, form);
}

static void
export_files (Form *form)
{
  g_autoptr(RcvCustomer) customer = rcv_ledger_get_customer (form->database, form->customer_id,
                                                             NULL);
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  /* Translators: the suggested name of the agency's summary; %s is the customer's ID */
  name = g_strdup_printf (_("%s for the agency.pdf"), customer != NULL ? customer->code : "");
  chooser = rcv_pdf_chooser_new (form->parent, _("Export for the Agency"), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_chosen), form);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
watch (AdwMessageDialog *dialog,
       gpointer          widget,
       const char       *signal)
{
  if (widget != NULL)
    g_signal_connect_object (widget, signal, G_CALLBACK (validate), dialog, G_CONNECT_SWAPPED);
}

void
rcv_account_collections_run (GtkWindow            *parent,
                             RcvDatabase          *database,
                             gint64                customer_id,
                             RcvCollectionsDialog  kind,
                             RcvCollectionsDone    done,
                             GObject              *owner)
{
  Form *form = g_new0 (Form, 1);
  RcvCollectionsFields fields;
  AdwMessageDialog *dialog;
  const char *button = _("_Save");
  GDate date;

  g_return_if_fail (RCV_IS_DATABASE (database));

  form->database = g_object_ref (database);
  form->customer_id = customer_id;
  form->kind = kind;
  form->done = done;
  form->parent = parent;
  g_weak_ref_init (&form->owner, owner);
  if (kind == RCV_COLLECTIONS_EXPORT)
    {
      export_files (form);
      return;
    }

  /* the fields of each kind are in the template (rcv-collections-form.ui) */
  dialog = ADW_MESSAGE_DIALOG (rcv_collections_form_new (parent, kind));
  g_object_set_data_full (G_OBJECT (dialog), "rcv-form", form, form_free);
  rcv_collections_form_get_fields (RCV_COLLECTIONS_FORM (dialog), &fields);
  form->date = fields.date;
  form->amount = fields.amount;
  form->text = fields.text;
  form->commission = fields.commission;
  form->choice = fields.choice;
  form->count = fields.count;
  form->preview = fields.preview;
  rcv_date_set_today (&date);
  switch (kind)
    {
    case RCV_COLLECTIONS_LOG_CONTACT:
      adw_message_dialog_set_heading (dialog, _("Log a Contact"));
      adw_message_dialog_set_body (dialog, _("A call, an email or a visit, and what was "
                                             "said: it goes into the account’s history."));
      rcv_date_button_set_date (form->date, &date);
      break;
    case RCV_COLLECTIONS_PROMISE:
      {
        g_autofree char *amount = rcv_money_format_plain (open_amount (form),
                                                          currency_of (database));

        adw_message_dialog_set_heading (dialog, _("Promise to Pay"));
        adw_message_dialog_set_body (dialog, _("The promise is broken if the payments from "
                                               "today to its date fall short of it. Two broken "
                                               "promises or instalments advise an agency."));
        g_date_add_days (&date, 7);
        rcv_date_button_set_date (form->date, &date);
        gtk_editable_set_text (GTK_EDITABLE (form->amount), amount);
      }
      break;
    case RCV_COLLECTIONS_PLAN:
      {
        g_autofree char *amount = rcv_money_format_plain (open_amount (form),
                                                          currency_of (database));

        adw_message_dialog_set_heading (dialog, _("Payment Plan"));
        adw_message_dialog_set_body (dialog, _("The amount in monthly instalments. While the "
                                               "plan is kept, its instalments drive the "
                                               "reminders instead of the invoices’ due dates; a "
                                               "missed instalment is flagged and notified."));
        g_date_add_months (&date, 1);
        gtk_editable_set_text (GTK_EDITABLE (form->amount), amount);
        rcv_date_button_set_date (form->date, &date);
      }
      break;
    case RCV_COLLECTIONS_END_PLAN:
      {
        g_autoptr(RcvCollectionsRecord) record = rcv_collections_get_record (database,
                                                                             customer_id, &date,
                                                                             NULL);

        form->plan_id = record != NULL ? record->plan_id : 0;
        adw_message_dialog_set_heading (dialog, _("End the Payment Plan?"));
        adw_message_dialog_set_body (dialog, _("From today the invoices count from their own "
                                               "due dates again, for reminders, alerts and the "
                                               "advice. The plan stays in the history."));
        button = _("_End Plan");
      }
      break;
    case RCV_COLLECTIONS_HAND_OVER:
    default:
      {
        RcvRecoveryAssumptions assumptions;
        g_autofree char *commission = NULL;

        rcv_collections_get_assumptions (database, &assumptions);
        /* the whole rate, 12,5 in German: bp / 100 lost its decimals */
        commission = rcv_decimal_format (assumptions.commission_bp, 2, TRUE);
        adw_message_dialog_set_heading (dialog, _("Hand Over to an Agency?"));
        adw_message_dialog_set_body (dialog, _("From the hand-over date the account gets no "
                                               "more reminders or alerts, and each of its "
                                               "payments is recorded with the agency’s "
                                               "commission. This cannot be undone here."));
        rcv_date_button_set_date (form->date, &date);
        gtk_editable_set_text (GTK_EDITABLE (form->commission), commission);
        button = _("_Hand Over");
      }
      break;
    }
  /* after the template's Cancel */
  adw_message_dialog_add_response (dialog, "save", button);
  adw_message_dialog_set_response_appearance (dialog, "save",
                                              kind == RCV_COLLECTIONS_HAND_OVER ||
                                              kind == RCV_COLLECTIONS_END_PLAN
                                                ? ADW_RESPONSE_DESTRUCTIVE
                                                : ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  watch (dialog, form->amount, "changed");
  watch (dialog, form->text, "changed");
  watch (dialog, form->commission, "changed");
  watch (dialog, form->count, "value-changed");
  watch (dialog, form->date, "date-changed");
  g_signal_connect (dialog, "response", G_CALLBACK (on_response), NULL);
  validate (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}
