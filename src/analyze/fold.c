/* fold: Unicode folding of article text to the ASCII punctuation the analysis reads. */
#include "analyze/fold.h"

#include <utf8proc.h>

#include "util/utf8.h"

size_t fold_text(const char *s, size_t n, char *out)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0;
    while (i < n) {
        unsigned char c = p[i];
        if (c < 0x80) {
            out[o++] = (c == '\t' || c == '\r' || c == '\f' || c == '\v') ? ' '
                       : (c < 0x20 && c != '\n') ? ' ' : (char)c;
            i++;
            continue;
        }
        int cp;
        size_t k = utf8_decode(p + i, n - i, &cp);
        if (k == 0) {
            out[o++] = ' ';
            i++;
            continue;
        }
        i += k;
        if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF || cp == 0x2060)
            continue;
        if (cp == 0x2026) { /* ellipsis */
            out[o++] = '.'; out[o++] = '.'; out[o++] = '.';
            continue;
        }
        if (cp == 0x2014 || cp == 0x2015) { /* em dash: a clause break */
            out[o++] = ' '; out[o++] = '-'; out[o++] = ' ';
            continue;
        }
        if (cp == 0x2032 || cp == 0x2035) { out[o++] = '\''; continue; }
        if (cp == 0x2033 || cp == 0x00AB || cp == 0x00BB) { out[o++] = '"'; continue; }
        if (cp == 0x2212) { out[o++] = '-'; continue; }
        if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) { out[o++] = '\n'; continue; }
        if (cp >= 0xFF01 && cp <= 0xFF5E) { out[o++] = (char)(cp - 0xFF01 + 0x21); continue; }
        utf8proc_category_t cat = utf8proc_category(cp);
        switch (cat) {
        case UTF8PROC_CATEGORY_ZS:
            out[o++] = ' ';
            continue;
        case UTF8PROC_CATEGORY_PD:
            out[o++] = '-';
            continue;
        case UTF8PROC_CATEGORY_PI:
        case UTF8PROC_CATEGORY_PF:
            /* single marks (U+2018, U+2019, U+201A, U+201B, U+2039, U+203A) vs double */
            out[o++] = (cp == 0x2018 || cp == 0x2019 || cp == 0x201A || cp == 0x201B ||
                        cp == 0x2039 || cp == 0x203A) ? '\'' : '"';
            continue;
        case UTF8PROC_CATEGORY_PS:
            if (cp == 0x201A || cp == 0x201E) { out[o++] = cp == 0x201A ? '\'' : '"'; continue; }
            break;
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_CF:
            out[o++] = ' ';
            continue;
        default:
            break;
        }
        for (size_t j = 0; j < k; j++)
            out[o++] = (char)p[i - k + j];
    }
    out[o] = 0;
    return o;
}
