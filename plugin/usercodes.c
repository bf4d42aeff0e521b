/* usercodes.c
 * The user code table. Rows are checked one by one as the UAT loads them
 * (a bad row is refused with a message naming the field, never half used);
 * after every change the accepted rows are merged over the built-in table
 * into a separate index, as packet-dhcp.c does with its option UAT. The
 * built-in table itself never changes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "compat.h"
#include "usercodes.h"

#include <epan/uat.h>
#include <epan/wmem_scopes.h>

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
/* code - SIPDIAG_CODE_MIN -> merged row and the user's phrase, rebuilt after every change. */
static const sipdiag_code_t *merged[SIPDIAG_CODE_MAX - SIPDIAG_CODE_MIN + 1];
static const char *user_phrase[SIPDIAG_CODE_MAX - SIPDIAG_CODE_MIN + 1];

static const value_string severity_vals[] = {
    { SEVERITY_DEFAULT,  "default" },
    { SIPDIAG_SEV_CHAT,  "chat" },
    { SIPDIAG_SEV_NOTE,  "note" },
    { SIPDIAG_SEV_WARN,  "warning" },
    { SIPDIAG_SEV_ERROR, "error" },
    { 0, NULL }
};

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

static const char *
either(const char *user, const char *builtin, const char *fallback)
{
    return !is_empty(user) ? wmem_strdup(wmem_epan_scope(), user) : builtin != NULL ? builtin : fallback;
}

/* One user row merged over the built-in row of its code (if any). */
static const sipdiag_code_t *
merge(const usercode_t *u)
{
    const sipdiag_code_t *b = sipdiag_code_find((int)u->code);
    sipdiag_code_t *m = wmem_new0(wmem_epan_scope(), sipdiag_code_t);
    m->code = (uint16_t)u->code;
    m->phrase = either(b != NULL ? NULL : u->phrase, b != NULL ? b->phrase : NULL, "");
    m->reference = b != NULL ? b->reference : "user code table";
    m->description = either(u->description, b != NULL ? b->description : NULL, "");
    m->fix = either(u->fix, b != NULL ? b->fix : NULL, "");
    m->summary = either(u->fix, b != NULL ? b->summary : NULL, m->description);
    if (u->severity != SEVERITY_DEFAULT) {
        m->severity = (sipdiag_severity_t)u->severity;
    } else {
        /* RFC 3261 §8.1.3.2: an unregistered code is handled as x00 (a provisional one as 183). */
        const sipdiag_code_t *d = b != NULL ? b : sipdiag_code_find(u->code < 200 ? 183 : (int)(u->code / 100 * 100));
        m->severity = d != NULL ? d->severity : SIPDIAG_SEV_NOTE;
    }
    return m;
}

/* Rebuilt from scratch after each change: a refused row never reaches it. */
static void
usercodes_post_update_cb(void)
{
    memset(merged, 0, sizeof merged);
    memset(user_phrase, 0, sizeof user_phrase);
    for (unsigned i = 0; i < n_usercodes; i++) {
        unsigned k = usercodes[i].code - SIPDIAG_CODE_MIN;
        merged[k] = merge(&usercodes[i]);
        user_phrase[k] = is_empty(usercodes[i].phrase) ? NULL : wmem_strdup(wmem_epan_scope(), usercodes[i].phrase);
    }
}

bool
sipdiag_usercodes_phrase_known(int code, const char *reason, size_t len)
{
    const char *p = sipdiag_usercodes_find(code) != NULL ? user_phrase[code - SIPDIAG_CODE_MIN] : NULL;
    return p != NULL && strlen(p) == len && g_ascii_strncasecmp(p, reason, len) == 0;
}

const sipdiag_code_t *
sipdiag_usercodes_find(int code)
{
    if (code < SIPDIAG_CODE_MIN || code > SIPDIAG_CODE_MAX)
        return NULL;
    return merged[code - SIPDIAG_CODE_MIN];
}

void
sipdiag_usercodes_register(module_t *module)
{
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
