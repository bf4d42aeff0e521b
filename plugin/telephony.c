/* telephony.c
 * Telephony ▸ SIP Response Diagnosis: a text window with the statistics
 * tree (-z sipdiag,tree), filled by a retap of the packets.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "telephony.h"

#include <epan/funnel.h>
#include <epan/stats_tree_priv.h>
#include <epan/tap.h>

/* The open window and the tree that feeds it; one at a time. */
static funnel_text_window_t *window;
static stats_tree *tree;

static void
view_draw(void *p)
{
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    stats_tree *st = (stats_tree *)p;
    if (ops == NULL || window == NULL || st != tree)
        return;
    GString *text = stats_tree_format_as_str(st, ST_FORMAT_PLAIN, stats_tree_get_default_sort_col(st),
                                             stats_tree_is_default_sort_DESC(st));
    ops->set_text(window, text->str);
    g_string_free(text, TRUE);
}

static void
view_close(void *data _U_)
{
    if (tree != NULL) {
        remove_tap_listener(tree);
        stats_tree_free(tree);
    }
    tree = NULL;
    window = NULL;
}

/* The menu's callback: a tree and its tap listener, then a retap fills them
 * (Wireshark's Qt stores the menu's retap flag but does not act on it). */
static void
view_open(void *data _U_)
{
    const funnel_ops_t *ops = funnel_get_funnel_ops();
    stats_tree_cfg *cfg = stats_tree_get_cfg_by_abbr("sipdiag");
    if (ops == NULL || cfg == NULL)
        return;
    if (window == NULL) {
        window = ops->new_text_window(ops->ops_id, "SIP Response Diagnosis");
        ops->set_close_cb(window, view_close, NULL);
    }
    if (tree != NULL) {
        ops->retap_packets(ops->ops_id);    /* refreshes the open window */
        return;
    }
    tree = stats_tree_new(cfg, NULL, NULL);
    GString *err = register_tap_listener(cfg->tapname, tree, NULL, cfg->flags, stats_tree_reset, stats_tree_packet,
                                         view_draw, NULL);
    if (err != NULL) {
        ops->set_text(window, err->str);
        g_string_free(err, TRUE);
        stats_tree_free(tree);
        tree = NULL;
        return;
    }
    if (cfg->init != NULL)
        cfg->init(tree);
    ops->retap_packets(ops->ops_id);
}

void
sipdiag_telephony_register(void)
{
    funnel_register_menu("SIP Response Diagnosis", SIPDIAG_TELEPHONY_GROUP, view_open, NULL, NULL, true);
}
