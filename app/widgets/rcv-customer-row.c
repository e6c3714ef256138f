/* rcv-customer-row.c - an entry row that finds a customer by what is typed, name or number
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bookkeeper entering invoices types the customer: a few letters of the name (accents and
 * case aside) or the customer's number. The matches drop down under the row as the keys are
 * typed, best first (rcv_customer_list_match ()), while the focus stays in the row: Down and Up
 * move the highlight, Enter or Tab chooses it, a click chooses a row, Escape closes the list
 * and goes no further (the form stays open). Leaving the row with a text that names exactly
 * one customer chooses that customer; any other text leaves nothing chosen, which the form
 * says when it is saved. Changing the text after a choice takes the choice back, so the row
 * never shows one customer while another is chosen.
 */
#define G_LOG_DOMAIN "receivables"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "rcv-customer-row.h"
#include "rcv-text-match.h"

/* how many matches the list shows; the label under it says how many more there are */
#define MAX_SHOWN 50

struct _RcvCustomerRow
{
  AdwEntryRow parent_instance;

  RcvCustomerList *customers;
  RcvCustomerItem *selected;
  GListStore *matches;           /* RcvCustomerItem, best first */
  GtkSingleSelection *highlight;
  GtkPopover *popover;
  GtkListView *view;
  GtkLabel *count_label;
  guint n_matches;
  guint updating;
  int popover_width;
};

G_DEFINE_FINAL_TYPE (RcvCustomerRow, rcv_customer_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_SELECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text_quietly (RcvCustomerRow *self,
                  const char     *text)
{
  self->updating++;
  gtk_editable_set_text (GTK_EDITABLE (self), text);
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  self->updating--;
}

static void
set_selected (RcvCustomerRow  *self,
              RcvCustomerItem *item)
{
  if (self->selected == item)
    return;
  g_set_object (&self->selected, item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

static void
popdown (RcvCustomerRow *self)
{
  if (self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
}

static void
choose (RcvCustomerRow  *self,
        RcvCustomerItem *item)
{
  g_autoptr(RcvCustomerItem) keep = g_object_ref (item);

  popdown (self);
  set_text_quietly (self, rcv_customer_item_get_name (item));
  set_selected (self, item);
}

/* The matches for the row's text, best first, the best highlighted. */
static void
update_matches (RcvCustomerRow *self)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *count = NULL;

  self->n_matches = 0;
  if (self->customers != NULL)
    found = rcv_customer_list_match (self->customers, gtk_editable_get_text (GTK_EDITABLE (self)),
                                     MAX_SHOWN, &self->n_matches);
  for (guint i = 0; found != NULL && i < found->len; i++)
    g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (self->customers),
                                                   g_array_index (found, guint, i)));
  g_list_store_splice (self->matches, 0, g_list_model_get_n_items (G_LIST_MODEL (self->matches)),
                       items->pdata, items->len);
  if (items->len > 0)
    gtk_single_selection_set_selected (self->highlight, 0);

  if (self->n_matches == 0)
    count = g_strdup (_("No customer has this name or number"));
  else if (self->n_matches > items->len)
    /* Translators: under the first matches of what was typed in the customer field */
    count = g_strdup_printf (ngettext ("%u more: type more of the name or number",
                                       "%u more: type more of the name or number",
                                       self->n_matches - items->len),
                             self->n_matches - items->len);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), count != NULL);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->view)), items->len > 0);
}

static void
popup (RcvCustomerRow *self)
{
  update_matches (self);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popup (self->popover);
}

static void
move_highlight (RcvCustomerRow *self,
                int             by)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  guint at = gtk_single_selection_get_selected (self->highlight);
  gint64 to;

  if (n == 0)
    return;
  to = at == GTK_INVALID_LIST_POSITION ? 0 : (gint64) at + by;
  to = CLAMP (to, 0, (gint64) n - 1);
  gtk_single_selection_set_selected (self->highlight, (guint) to);
  gtk_widget_activate_action (GTK_WIDGET (self->view), "list.scroll-to-item", "u", (guint) to);
}

static gboolean
choose_highlighted (RcvCustomerRow *self)
{
  RcvCustomerItem *item = gtk_single_selection_get_selected_item (self->highlight);

  if (item == NULL)
    return FALSE;
  choose (self, item);
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RcvCustomerRow        *self)
{
  gboolean shown = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown)
        popup (self);
      else
        move_highlight (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      move_highlight (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
    case GDK_KEY_Page_Up:
      if (!shown)
        return FALSE;
      move_highlight (self, keyval == GDK_KEY_Page_Down ? 8 : -8);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (shown)
        {
          if (!choose_highlighted (self))
            popdown (self);
          return TRUE;
        }
      rcv_customer_row_resolve (self);
      return FALSE;
    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      popdown (self);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
    case GDK_KEY_KP_Tab:
      if (shown)
        choose_highlighted (self);
      return FALSE;
    default:
      return FALSE;
    }
}

static gboolean same_text (const char *a, const char *b);

/* The one match whose number or name is the text, whole; NULL when none is, or several are. */
static RcvCustomerItem *
exact_match (RcvCustomerRow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->matches));
  RcvCustomerItem *exact = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RcvCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (self->matches), i);

      if (!same_text (rcv_customer_item_get_code (item), text) &&
          !same_text (rcv_customer_item_get_name (item), text))
        continue;
      if (exact != NULL)
        return NULL;
      exact = item;
    }
  return exact;
}

/* Typed: the matches follow, and the customer the text names whole is chosen as it is typed
 * (its number, or its name), the text left as typed; anything else takes the choice back. */
static void
on_text_changed (RcvCustomerRow *self)
{
  if (self->updating > 0)
    return;
  if (*gtk_editable_get_text (GTK_EDITABLE (self)) == '\0')
    {
      popdown (self);
      set_selected (self, NULL);
      return;
    }
  update_matches (self);
  set_selected (self, exact_match (self));
  if (gtk_widget_get_focus_child (GTK_WIDGET (self)) != NULL &&
      !gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popup (self->popover);
}

/* Left: a text that names one customer chooses it, and the row shows that customer's name. */
static void
on_focus_leave (RcvCustomerRow *self)
{
  /* the form closing takes the focus away too: nothing is chosen then */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || self->customers == NULL)
    return;
  popdown (self);
  if (self->selected != NULL)
    set_text_quietly (self, rcv_customer_item_get_name (self->selected));
  else
    rcv_customer_row_resolve (self);
}

static void
on_view_activate (RcvCustomerRow *self,
                  guint           position)
{
  g_autoptr(RcvCustomerItem) item = g_list_model_get_item (G_LIST_MODEL (self->matches), position);

  if (item != NULL)
    choose (self, item);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_popover_visible (RcvCustomerRow *self)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_EXPANDED,
                               gtk_widget_get_visible (GTK_WIDGET (self->popover)), -1);
}

static void
setup_match (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *code = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "numeric");
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_match (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item)
{
  RcvCustomerItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *name = gtk_widget_get_first_child (gtk_list_item_get_child (list_item));

  gtk_label_set_text (GTK_LABEL (name), rcv_customer_item_get_name (item));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (name)),
                      rcv_customer_item_get_code (item));
}

/* The row lays its children out as its own bin layout does; the popover is a native of its own
 * that no layout allocates, so it is placed here, as wide as the row, as a drop-down's list is. */
static void
measure_row (GtkWidget      *widget,
             GtkOrientation  orientation,
             int             for_size,
             int            *minimum,
             int            *natural,
             int            *minimum_baseline,
             int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_min = 0, child_nat = 0;

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &child_min, &child_nat, NULL, NULL);
      *minimum = MAX (*minimum, child_min);
      *natural = MAX (*natural, child_nat);
    }
}

static void
allocate_row (GtkWidget *widget,
              int        width,
              int        height,
              int        baseline)
{
  RcvCustomerRow *self = RCV_CUSTOMER_ROW (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_should_layout (child))
      gtk_widget_allocate (child, width, height, baseline, NULL);
  if (self->popover_width != width)
    {
      self->popover_width = width;
      /* the popover's own padding aside */
      gtk_widget_set_size_request (gtk_popover_get_child (self->popover), MAX (width - 24, 120),
                                   -1);
    }
  gtk_popover_present (self->popover);
}

static void
rcv_customer_row_dispose (GObject *object)
{
  RcvCustomerRow *self = RCV_CUSTOMER_ROW (object);

  if (self->popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->popover));
  self->popover = NULL;
  g_clear_object (&self->customers);
  g_clear_object (&self->highlight);
  g_clear_object (&self->matches);
  g_clear_object (&self->selected);
  g_clear_object (&self->customers);

  G_OBJECT_CLASS (rcv_customer_row_parent_class)->dispose (object);
}

static void
rcv_customer_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  RcvCustomerRow *self = RCV_CUSTOMER_ROW (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_object (value, self->selected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rcv_customer_row_class_init (RcvCustomerRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rcv_customer_row_dispose;
  object_class->get_property = rcv_customer_row_get_property;

  /* the customer chosen, or NULL while the text names none */
  properties[PROP_SELECTED] =
    g_param_spec_object ("selected", NULL, NULL, RCV_TYPE_CUSTOMER_ITEM,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rcv_customer_row_init (RcvCustomerRow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  gtk_widget_set_layout_manager (GTK_WIDGET (self),
                                 gtk_custom_layout_new (NULL, measure_row, allocate_row));
  self->matches = g_list_store_new (RCV_TYPE_CUSTOMER_ITEM);
  self->highlight = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->matches)));
  gtk_single_selection_set_can_unselect (self->highlight, FALSE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_match), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_match), NULL);
  self->view = GTK_LIST_VIEW (gtk_list_view_new (g_object_ref (GTK_SELECTION_MODEL (self->highlight)),
                                                 g_object_ref (factory)));
  gtk_list_view_set_single_click_activate (self->view, TRUE);
  /* the focus stays in the row while the matches show */
  gtk_widget_set_can_focus (GTK_WIDGET (self->view), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "navigation-sidebar");
  g_signal_connect_swapped (self->view, "activate", G_CALLBACK (on_view_activate), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (box), scrolled);

  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->count_label, TRUE);
  gtk_label_set_xalign (self->count_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (self->count_label), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->count_label), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->count_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->count_label), 6);
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "caption");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->count_label));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_widget_set_can_focus (GTK_WIDGET (self->popover), FALSE);
  gtk_popover_set_child (self->popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  g_signal_connect_swapped (self->popover, "notify::visible", G_CALLBACK (on_popover_visible),
                            self);

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  g_signal_connect (self, "changed", G_CALLBACK (on_text_changed), NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_AUTOCOMPLETE,
                                  GTK_ACCESSIBLE_AUTOCOMPLETE_LIST,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  /* Translators: how to use the customer field, for screen readers */
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Type a name or a customer number, then choose with the "
                                    "arrow keys and Enter"),
                                  -1);
}

/* The customers to choose from. What was chosen is kept when it is still in `customers`. */
void
rcv_customer_row_set_customers (RcvCustomerRow  *self,
                                RcvCustomerList *customers)
{
  gint64 chosen;

  g_return_if_fail (RCV_IS_CUSTOMER_ROW (self));
  g_return_if_fail (customers == NULL || RCV_IS_CUSTOMER_LIST (customers));

  chosen = self->selected != NULL ? rcv_customer_item_get_id (self->selected) : 0;
  g_set_object (&self->customers, customers);
  g_list_store_remove_all (self->matches);
  if (chosen == 0 || !rcv_customer_row_select_id (self, chosen))
    set_selected (self, NULL);
}

/* The customer chosen, or NULL. */
RcvCustomerItem *
rcv_customer_row_get_selected (RcvCustomerRow *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), NULL);

  return self->selected;
}

/* Chooses the customer with this ID, its name in the row; FALSE when it is not in the list. */
gboolean
rcv_customer_row_select_id (RcvCustomerRow *self,
                            gint64          customer_id)
{
  g_autoptr(RcvCustomerItem) item = NULL;
  guint position;

  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), FALSE);

  if (self->customers == NULL || !rcv_customer_list_find (self->customers, customer_id, &position))
    return FALSE;
  item = g_list_model_get_item (G_LIST_MODEL (self->customers), position);
  choose (self, item);
  return TRUE;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fa = rcv_text_match_fold (a);
  g_autofree char *fb = rcv_text_match_fold (b);

  return strcmp (fa, fb) == 0;
}

/* Chooses the customer the text names when nothing is chosen yet: the only match, or the one
 * whose number or name is the text, whole. TRUE when a customer is chosen. */
gboolean
rcv_customer_row_resolve (RcvCustomerRow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GArray) found = NULL;
  guint n = 0;

  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), FALSE);

  if (self->selected != NULL)
    return TRUE;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  if (self->customers == NULL || *text == '\0')
    return FALSE;
  found = rcv_customer_list_match (self->customers, text, MAX_SHOWN, &n);
  for (guint i = 0; i < found->len; i++)
    {
      g_autoptr(RcvCustomerItem) item =
        g_list_model_get_item (G_LIST_MODEL (self->customers), g_array_index (found, guint, i));

      if (n == 1 || same_text (rcv_customer_item_get_code (item), text) ||
          same_text (rcv_customer_item_get_name (item), text))
        {
          choose (self, item);
          return TRUE;
        }
    }
  return FALSE;
}

/* What the form says when it is saved with no customer chosen (after rcv_customer_row_resolve ()),
 * as "Field: problem". */
char *
rcv_customer_row_describe_problem (RcvCustomerRow *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), NULL);

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self))));
  if (*text == '\0')
    return g_strdup (_("Customer: type a name or number and choose the customer"));
  /* Translators: %s is what was typed in the customer field */
  return g_strdup_printf (_("Customer: “%s” names no single customer; choose one from the list"),
                          text);
}

/* For tests: whether the matches show, which they are, which one is highlighted. */
gboolean
rcv_customer_row_get_popup_shown (RcvCustomerRow *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->popover));
}

GListModel *
rcv_customer_row_get_matches (RcvCustomerRow *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), NULL);

  return G_LIST_MODEL (self->matches);
}

guint
rcv_customer_row_get_highlighted (RcvCustomerRow *self)
{
  g_return_val_if_fail (RCV_IS_CUSTOMER_ROW (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->highlight);
}
