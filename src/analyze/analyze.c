/* analyze: PLACEHOLDER until the analyze module lands. */
#include "analyze.h"
int analyze_text(const char *text, size_t len, const char *date, event_list *out)
{ (void)text; (void)len; (void)date; (void)out; return 0; }
