/* usercodes.c
 * The user code table. Rows are checked one by one as the UAT loads them
 * (a bad row is refused with a message naming the field, never half used);
 * after every change the accepted rows are merged over their built-in rows
 * and laid over the diagnosis's code index (diagnose.c), as packet-dhcp.c
 * does with its option UAT; the rows of the previous change are freed. The
 * built-in table itself never changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "usercodes.h"

#include <epan/uat.h>

#include "diagnose.h"

typedef struct {
    unsigned code;
    char *phrase;        /* alias or, for a new code, its phrase */
    char *description;
    char *fix;
    unsigned severity;   /* sipdiag_severity_t, or SEVERITY_DEFAULT */
} usercode_t;

/* "default": keep the severity sipdiag gives the code (for an unregistered
 * code, that of the code it is handled as), so a row that only rewrites the
 * Fix of a 408 leaves it an error. */
#define SEVERITY_DEFAULT 4

static usercode_t *usercodes;
static unsigned n_usercodes;

/* The merged rows the index points to, with the strings they own: rebuilt
 * after every change, the previous ones freed. */
typedef struct {
    sipdiag_code_t row;
    char *phrase, *description, *fix, *accepted;
} merged_t;
static merged_t *merged;
static unsigned n_merged;

/* "default", then the four severities as codes.c spells them (filled at registration). */
static value_string severity_vals[6];

UAT_DEC_CB_DEF(usercodes, code, usercode_t)
UAT_CSTRING_CB_DEF(usercodes, phrase, usercode_t)
UAT_CSTRING_CB_DEF(usercodes, description, usercode_t)
UAT_CSTRING_CB_DEF(usercodes, fix, usercode_t)
UAT_VS_DEF(usercodes, severity, usercode_t, unsigned, SEVERITY_DEFAULT, "default")

static void *
usercodes_copy_cb(void *dest, const void *orig, size_t len _U_)
{
    usercode_t *d = (usercode_t *)dest;
    const usercode_t *o = (const usercode_t *)orig;
    d->code = o->code;
    d->phrase = g_strdup(o->phrase);
    d->description = g_strdup(o->description);
    d->fix = g_strdup(o->fix);
    d->severity = o->severity;
    return d;
}

static void
usercodes_free_cb(void *r)
{
    usercode_t *u = (usercode_t *)r;
    g_free(u->phrase);
    g_free(u->description);
    g_free(u->fix);
}

static bool
is_empty(const char *s)
{
    return s == NULL || *s == '\0';
}

/* Wireshark's own enum check does not name the field; this one does. */
static sipdiag_wsbool_t
usercodes_severity_chk(void *r _U_, const char *p, unsigned len, const void *vs _U_, const void *u _U_, char **err)
{
    if (len == 0)
        return true;    /* an empty field is "default" */
    for (const value_string *v = severity_vals; v->strptr != NULL; v++) {
        if (strlen(v->strptr) == len && strncmp(v->strptr, p, len) == 0)
            return true;
    }
    *err = g_strdup_printf("field \"Severity\" must be default, chat, note, warning or error, not \"%.*s\"",
                           (int)len, p);
    return false;
}

/* A row must name a valid code; a code sipdiag does not know needs its own texts. */
static sipdiag_wsbool_t
usercodes_update_cb(void *r, char **err)
{
    const usercode_t *u = (const usercode_t *)r;
    if (u->code < SIPDIAG_CODE_MIN || u->code > SIPDIAG_CODE_MAX) {
        *err = g_strdup_printf("Code %u: field \"Code\" must be a SIP status code from 100 to 699", u->code);
        return false;
    }
    if (sipdiag_code_find((int)u->code) == NULL && (is_empty(u->phrase) || is_empty(u->description))) {
        /* Name only what is missing. */
        const char *missing = is_empty(u->phrase) && is_empty(u->description) ? "fields \"Reason phrase\" and "
                                                                                 "\"Description\" are"
                            : is_empty(u->phrase) ? "field \"Reason phrase\" is" : "field \"Description\" is";
        *err = g_strdup_printf("Code %u is not a registered code: %s required for it", u->code, missing);
        return false;
    }
    return true;
}

/* The user's text (a copy *owned keeps), else the built-in one, else fallback. */
static const char *
either(const char *user, char **owned, const char *builtin, const char *fallback)
{
    if (!is_empty(user))
        return *owned = g_strdup(user);
    return builtin != NULL ? builtin : fallback;
}

/* One user row merged over the built-in row of its code (if any). */
static void
merge(const usercode_t *u, merged_t *out)
{
    const sipdiag_code_t *b = sipdiag_code_find((int)u->code);
    sipdiag_code_t *m = &out->row;
    m->code = (uint16_t)u->code;
    /* A registered code keeps its phrase; the user's is accepted beside it. */
    m->phrase = either(b != NULL ? NULL : u->phrase, &out->phrase, b != NULL ? b->phrase : NULL, "");
    out->accepted = b != NULL && !is_empty(u->phrase) ? g_strdup(u->phrase) : NULL;
    m->reference = b != NULL ? b->reference : "user code table";
    m->description = either(u->description, &out->description, b != NULL ? b->description : NULL, "");
    m->fix = either(u->fix, &out->fix, b != NULL ? b->fix : NULL, "");
    /* The summary line is the user's fix when they wrote one. */
    m->summary = !is_empty(u->fix) ? m->fix : b != NULL ? b->summary : m->description;
    if (u->severity != SEVERITY_DEFAULT) {
        m->severity = (sipdiag_severity_t)u->severity;
    } else {
        /* RFC 3261 §8.1.3.2: an unregistered code is handled as x00 (a provisional one as 183). */
        const sipdiag_code_t *d = b != NULL ? b : sipdiag_code_find(u->code < 200 ? 183 : (int)(u->code / 100 * 100));
        m->severity = d != NULL ? d->severity : SIPDIAG_SEV_NOTE;
    }
}

static void
merged_free(void)
{
    for (unsigned i = 0; i < n_merged; i++) {
        g_free(merged[i].phrase);
        g_free(merged[i].description);
        g_free(merged[i].fix);
        g_free(merged[i].accepted);
    }
    g_free(merged);
    merged = NULL;
    n_merged = 0;
}

/* Rebuilt from scratch after each change: a refused row never reaches it.
 * The index lets go of the old rows before they are freed. */
static void
usercodes_post_update_cb(void)
{
    sipdiag_codes_user_clear();
    merged_free();
    merged = g_new0(merged_t, n_usercodes);
    n_merged = n_usercodes;
    for (unsigned i = 0; i < n_usercodes; i++) {
        merge(&usercodes[i], &merged[i]);
        sipdiag_codes_user_set(&merged[i].row, merged[i].accepted);
    }
}

void
sipdiag_usercodes_register(module_t *module)
{
    severity_vals[0] = (value_string){ SEVERITY_DEFAULT, "default" };
    for (unsigned sev = SIPDIAG_SEV_CHAT; sev <= SIPDIAG_SEV_ERROR; sev++)
        severity_vals[sev + 1] = (value_string){ sev, sipdiag_severity_name((sipdiag_severity_t)sev) };
    static uat_field_t fields[] = {
        /* The dialog's Help button opens Wireshark's own guide: the help is here, in each column's tooltip. */
        UAT_FLD_DEC(usercodes, code, "Code",
                    "SIP status code, 100 to 699. A registered code: your texts replace sipdiag's; an "
                    "unregistered one (a vendor's 499): it is explained by this row instead of the x00 fallback"),
        UAT_FLD_CSTRING(usercodes, phrase, "Reason phrase",
                        "A new code: its reason phrase (required). A registered code: a vendor's phrase to accept "
                        "without a \"phrase differs\" note (optional)"),
        UAT_FLD_CSTRING(usercodes, description, "Description",
                        "What the code means. Required for a new code; empty keeps sipdiag's text"),
        UAT_FLD_CSTRING(usercodes, fix, "Fix", "What to check or change; empty keeps sipdiag's text"),
        { "severity", "Severity", PT_TXTMOD_ENUM,
          { usercodes_severity_chk, usercodes_severity_set_cb, usercodes_severity_tostr_cb },
          { &severity_vals, &severity_vals, &severity_vals }, &severity_vals,
          "default keeps sipdiag's severity for the code; chat, note, warning or error replace it (and the "
          "level of its expert item)", FLDFILL },
        UAT_END_FIELDS
    };
    uat_t *uat = uat_new("SIP response diagnosis codes",
                         sizeof(usercode_t),
                         "sipdiag_codes",              /* file in the profile folder */
                         true,                         /* from the profile */
                         &usercodes,
                         &n_usercodes,
                         UAT_AFFECTS_DISSECTION,
                         NULL,                         /* no help page */
                         usercodes_copy_cb,
                         usercodes_update_cb,
                         usercodes_free_cb,
                         usercodes_post_update_cb,
                         NULL,                         /* no reset callback */
                         fields);
    prefs_register_uat_preference(module, "codes", "SIP response diagnosis codes",
                                  "Your own codes and texts: add vendor codes or override sipdiag's description, "
                                  "fix and severity of a code", uat);
}
