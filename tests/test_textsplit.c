/* test_textsplit.c
 * Long texts cut into label-sized pieces: at sentence ends first, never
 * inside a UTF-8 character, and nothing lost.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include <glib.h>
#include <string.h>

#include "codes.h"
#include "textsplit.h"

/* The pieces of text at limit, joined by single spaces. */
static char *
pieces(const char *text, size_t limit, unsigned *count)
{
    GString *out = g_string_new(NULL);
    sipdiag_span_t t = { text, strlen(text) };
    *count = 0;
    while (t.len > 0) {
        size_t rest;
        sipdiag_span_t p = sipdiag_text_piece(t, limit, &rest);
        g_assert_cmpuint(p.len, <=, limit);
        g_assert_cmpuint(p.len, >, 0);
        g_assert_cmpuint(rest, >, 0);
        if (out->len > 0)
            g_string_append_c(out, ' ');
        g_string_append_len(out, p.ptr, (gssize)p.len);
        t = (sipdiag_span_t){ t.ptr + rest, t.len - rest };
        (*count)++;
    }
    return g_string_free(out, FALSE);
}

static void
test_cases(void)
{
    static const struct {
        const char *text;
        size_t limit;
        const char *first;    /* the first piece */
    } cases[] = {
        { "Short enough.", 40, "Short enough." },
        { "First sentence here. Second one is longer than the rest.", 30, "First sentence here." },
        /* No sentence end in reach: a clause, then a word. */
        { "alpha beta; gamma delta epsilon zeta", 20, "alpha beta;" },
        { "alpha beta gamma delta epsilon", 14, "alpha beta" },
        /* "RFC 3261 §8.1.3.2" has dots but no sentence end. */
        { "see RFC 3261 §8.1.3.2 for the rule", 20, "see RFC 3261" },
        /* One long word: cut, but before the two-byte "§", not inside it. */
        { "aaaaaaaaa§bbbbbbbbbb", 10, "aaaaaaaaa" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        sipdiag_span_t t = { cases[i].text, strlen(cases[i].text) };
        size_t rest;
        sipdiag_span_t p = sipdiag_text_piece(t, cases[i].limit, &rest);
        g_assert_cmpmem(p.ptr, p.len, cases[i].first, strlen(cases[i].first));
    }
}

/* Every built-in description and fix, at the limit the plugin uses for its
 * longest field name: pieces fit, and joined again they are the text. */
static void
test_knowledge_texts(void)
{
    const size_t limit = SIPDIAG_LABEL_MAX - 1 - sizeof "Suggested fix: " - 4;
    unsigned split = 0;
    for (size_t i = 0; i < sipdiag_codes_count; i++) {
        const char *texts[] = { sipdiag_codes[i].description, sipdiag_codes[i].fix };
        for (size_t k = 0; k < G_N_ELEMENTS(texts); k++) {
            unsigned n;
            char *joined = pieces(texts[k], limit, &n);
            g_assert_cmpstr(joined, ==, texts[k]);
            split += n > 1;
            g_free(joined);
        }
    }
    /* The table has long texts, so the split is exercised. */
    g_assert_cmpuint(split, >, 10);
}

/* Prefixes never end inside a UTF-8 character ("§" is two bytes, "…" three). */
static void
test_prefix(void)
{
    static const char s[] = "ab§c…d";    /* a b C2 A7 c E2 80 A6 d */
    const size_t len = sizeof s - 1;
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 100), ==, len);
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 2), ==, 2);
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 3), ==, 2);    /* inside "§" */
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 4), ==, 4);
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 6), ==, 5);    /* inside "…" */
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 7), ==, 5);
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 8), ==, 8);
    g_assert_cmpuint(sipdiag_text_prefix(s, len, 0), ==, 0);
}

int
main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/textsplit/cases", test_cases);
    g_test_add_func("/textsplit/prefix", test_prefix);
    g_test_add_func("/textsplit/knowledge_texts", test_knowledge_texts);
    return g_test_run();
}
