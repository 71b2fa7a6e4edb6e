/* tracker_load: a tracker's definition, from the store. */
#include <stdio.h>
#include <stdlib.h>

#include "sources/tracker.h"
#include "store/store.h"

int tracker_load(store_t *s, const char *name, tracker_def *t, char *why, size_t whylen)
{
    char *cfg = store_tracker_config(s, name);
    if (!cfg && *store_error(s)) {
        snprintf(why, whylen, "%s", store_error(s));
        return -1;
    }
    if (!cfg && name) {
        snprintf(why, whylen, "%s: no such tracker (see 'mtrack init --tracker FILE')", name);
        return 1;
    }
    if (!cfg) {
        const char *def = tracker_default_config();
        if (tracker_parse(def, t, why, whylen) < 0)
            return -1;
        if (store_tracker_put(s, t, def) < 0) {
            snprintf(why, whylen, "%s", store_error(s));
            tracker_free(t);
            return -1;
        }
        return 0;
    }
    int rc = tracker_parse(cfg, t, why, whylen);
    free(cfg);
    return rc;
}
