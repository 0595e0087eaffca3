/* Reference for mlm's ustrcompareex() (mlmcli/expr/collation.py): ICU's own comparison of pairs
 * of texts under the attributes Stata's ustrcompareex() passes to ICU.
 *   cc icu_compare.c -o /tmp/icu_compare $(pkg-config --cflags --libs icu-i18n icu-uc)
 *   /tmp/icu_compare < pairs.txt > icu_values.txt
 * pairs.txt: one case a line, tab-separated: loc st case cslv norm num alt fr s1 s2 (-1: default;
 * texts with \uXXXX escapes, <> the empty text).  Output: the line and ICU's result (-1, 0, 1).  Not run by tests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/ustring.h>

static void set(UCollator *c, UColAttribute a, int v, UColAttributeValue on, UColAttributeValue off) {
    UErrorCode e = U_ZERO_ERROR;
    if (v == -1) return;
    ucol_setAttribute(c, a, v ? on : off, &e);
}

int main(void) {
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        if (!line[0] || line[0] == '#') continue;
        char copy[4096];
        strcpy(copy, line);
        char *f[10];
        int n = 0;
        for (char *t = strtok(copy, "\t"); t && n < 10; t = strtok(NULL, "\t")) f[n++] = t;
        if (n != 10) { fprintf(stderr, "bad line: %s\n", line); return 1; }
        UErrorCode e = U_ZERO_ERROR;
        UCollator *c = ucol_open(f[0], &e);
        if (U_FAILURE(e)) { fprintf(stderr, "ucol_open %s\n", u_errorName(e)); return 1; }
        int st = atoi(f[1]), cs = atoi(f[2]), lv = atoi(f[3]), nm = atoi(f[4]), nu = atoi(f[5]),
            al = atoi(f[6]), fr = atoi(f[7]);
        if (st != -1) {
            UColAttributeValue s[] = {0, UCOL_PRIMARY, UCOL_SECONDARY, UCOL_TERTIARY, UCOL_QUATERNARY, UCOL_IDENTICAL};
            ucol_setStrength(c, s[st]);
        }
        if (cs != -1) {
            UColAttributeValue v = cs == 1 ? UCOL_UPPER_FIRST : cs == 2 ? UCOL_LOWER_FIRST : UCOL_OFF;
            ucol_setAttribute(c, UCOL_CASE_FIRST, v, &e);
        }
        set(c, UCOL_CASE_LEVEL, lv, UCOL_ON, UCOL_OFF);
        set(c, UCOL_NORMALIZATION_MODE, nm, UCOL_ON, UCOL_OFF);
        set(c, UCOL_NUMERIC_COLLATION, nu, UCOL_ON, UCOL_OFF);
        set(c, UCOL_ALTERNATE_HANDLING, al, UCOL_SHIFTED, UCOL_NON_IGNORABLE);
        set(c, UCOL_FRENCH_COLLATION, fr, UCOL_ON, UCOL_OFF);
        UChar a[1024], b[1024];
        int32_t la = strcmp(f[8], "<>") ? u_unescape(f[8], a, 1024) : 0;
        int32_t lb = strcmp(f[9], "<>") ? u_unescape(f[9], b, 1024) : 0;
        UCollationResult r = ucol_strcoll(c, a, la, b, lb);
        printf("%s\t%d\n", line, r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0);
        ucol_close(c);
    }
    return 0;
}
