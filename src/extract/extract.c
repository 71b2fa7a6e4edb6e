/* extract: PLACEHOLDER until the extract module lands. */
#include "extract.h"
#include <stdlib.h>
#include <string.h>
#include "util/str.h"
int extract_article(const char *html, size_t len, const char *url, const char *ct, article_t *out)
{ (void)ct; memset(out, 0, sizeof *out); out->url = url ? xstrdup(url) : NULL; out->text = html_to_text(html, len); return 0; }
void article_free(article_t *a) { free(a->url); free(a->canonical_url); free(a->title); free(a->author); free(a->published); free(a->site_name); free(a->lang); free(a->description); free(a->image); free(a->text); memset(a, 0, sizeof *a); }
char *html_to_text(const char *html, size_t len) { return xstrndup(html, len); }
