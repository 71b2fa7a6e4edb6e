/* fuzz_date: libFuzzer target for date_parse and date_format_rfc3339. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (!s)
        return 0;
    memcpy(s, data, size);
    s[size] = '\0';
    int64_t t;
    if (date_parse(s, &t) == 0) {
        char out[32];
        date_format_rfc3339(t, out);
        int64_t t2;
        /* what we print must read back as the same instant */
        if (date_parse(out, &t2) != 0 || t2 != t)
            abort();
    }
    free(s);
    return 0;
}
